"""Names written the same in every language.

News agencies, as a regex alternation (metadata: bylines and datelines).
"""

AGENCIES = (
    r"AFP|Reuters|AP|Associated Press|TASS|RIA Novosti|Interfax|Xinhua|Anadolu|dpa|ANSA|EFE|Ukrinform|"
    r"Kyodo|Yonhap|PTI|Belga|ATS|Bloomberg|Sputnik|"
    # Other national and wire agencies whose short names appear in datelines: "KARACHI, 3 Dec (APP) -".
    r"AA|KCNA|IRNA|ISNA|Tasnim|Fars|Mehr|WAFA|SPA|WAM|QNA|KUNA|MENA|APS|MAP|TAP|Petra|SUNA|NNA|BSS|APP|ANI|IANS|"
    r"Antara|Bernama|Jiji|Lusa|Europa Press|PAP|CTK|MTI|BTA|Agerpres|ANP|AAP|KNA|Prensa Latina|Télam|"
    r"Agência Brasil|Armenpress|Kazinform|BelTA|UNIAN|Interfax-Ukraine|ANA|CNA"
)
# Wire services that report from every country: their name in a dateline says nothing of the story's country,
# where a national agency's ("OUJDA, 17 nov (MAP) -") says it is that agency's own.
WIRE_SERVICES = ("AFP", "Reuters", "AP", "Associated Press", "Bloomberg")
# Short forms a dateline writes for an agency also known by its full name.
AGENCY_SHORT_NAMES = {"associated press": "AP", "tass": "TASS", "aa": "Anadolu"}
