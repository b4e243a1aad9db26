"""Names written the same in every language.

News agencies, as a regex alternation (metadata: bylines and datelines).
"""

AGENCIES = (
    r"AFP|Reuters|AP|Associated Press|TASS|RIA Novosti|Interfax|Xinhua|Anadolu|dpa|ANSA|EFE|Ukrinform|"
    r"Kyodo|Yonhap|PTI|Belga|ATS|Bloomberg|Sputnik"
)
