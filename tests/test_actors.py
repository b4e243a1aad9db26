from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from crosscheck.actors import load_registry
from crosscheck.pipeline import ingest_into
from crosscheck.stores import open_store
from crosscheck.textnorm import fold_words


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.mark.parametrize(
    ("mention", "actor"),
    [
        ("Sergueï Choïgou", "person.sergei-shoigu"),
        ("M. Choïgu", "person.sergei-shoigu"),
        ("Shoigu", "person.sergei-shoigu"),
        ("Andreï Beloussov", "person.andrei-belousov"),
        ("Belousov", "person.andrei-belousov"),
        ("le président Zelensky", "person.volodymyr-zelensky"),
        ("Volodymyr Zelenskyy", "person.volodymyr-zelensky"),
        ("le Pentagone", "us.mod"),
        ("the State Department", "us.mfa"),
        ("le Quai d'Orsay", "fr.mfa"),
        ("le Kremlin", "ru.presidency"),
        ("l'agence Reuters", "outlet.reuters"),
    ],
)
def test_aliases_across_languages_and_transliterations(registry, mention: str, actor: str) -> None:
    assert registry.resolve(mention, date(2023, 1, 1)).actor == actor


@pytest.mark.parametrize(
    ("mention", "day", "actor"),
    [
        ("le ministre russe de la Défense", date(2023, 3, 1), "person.sergei-shoigu"),
        ("le ministre russe de la Défense", date(2024, 6, 25), "person.andrei-belousov"),
        ("the US Secretary of Defense", date(2022, 5, 1), "person.lloyd-austin"),
        ("le porte-parole du Kremlin", date(2024, 1, 1), "person.dmitry-peskov"),
        ("le chef de la diplomatie ukrainienne", date(2023, 6, 1), "person.dmytro-kuleba"),
    ],
)
def test_roles_resolve_to_the_holder_at_the_date(registry, mention: str, day: date, actor: str) -> None:
    assert registry.resolve(mention, day).actor == actor


@pytest.mark.parametrize(
    ("mention", "side"),
    [
        ("un diplomate turc", "TR"),
        ("le ministère polonais de l'Intérieur", "PL"),
        ("the Brazilian foreign ministry", "BR"),
        ("un responsable américain", "US"),
        ("Pékin", "CN"),
        ("Londres", "GB"),
        ("les Occidentaux", None),
        ("le secrétaire général de l'ONU", None),
    ],
)
def test_sources_outside_the_registry_still_get_a_side(registry, mention: str, side: str | None) -> None:
    assert registry.resolve(mention, date(2024, 1, 1)).side == side


def test_user_registry_file_adds_and_overrides(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Le gouverneur Ivan Petrenkov a déclaré que le pont était détruit.\n", encoding="utf-8"
    )
    actors = {
        "actors": [
            {
                "id": "person.ivan-petrenkov",
                "name": "Ivan Petrenkov",
                "kind": "person",
                "side": "UA",
                "aliases": ["Petrenkov"],
            }
        ]
    }
    (folder / "actors.json").write_text(json.dumps(actors), encoding="utf-8")
    summary = ingest_into([folder], tmp_path / "x.db", max_bytes=10**6, quiet=True)
    assert not summary.failed and len(summary.outcomes) == 1
    with open_store(tmp_path / "x.db", readonly=True) as store:
        [claim] = store.claims()
    assert (claim.actor, claim.side) == ("person.ivan-petrenkov", "UA")


@pytest.mark.parametrize(
    ("title", "before", "after"),
    [
        ("le ministre russe de la Défense", "person.sergei-shoigu", "person.andrei-belousov"),
        ("le Premier ministre japonais", "person.fumio-kishida", "person.sanae-takaichi"),
        ("le président sud-coréen", "person.yoon-suk-yeol", "person.lee-jae-myung"),
    ],
)
def test_a_role_resolves_to_its_holder_on_each_side_of_a_change_of_office(registry, title, before, after):
    assert registry.resolve(title, date(2024, 3, 1)).actor == before
    assert registry.resolve(title, date(2026, 12, 1)).actor == after


def test_short_family_names_do_not_match_inside_other_words(registry):
    assert registry.find("Xiamen, Kimberley et Wangari Maathai") == []
    assert registry.find("Lisbonne") == []


def test_an_ambiguous_family_name_alone_resolves_to_nobody_known(registry):
    assert not registry.resolve("Kim", date(2026, 12, 1)).known  # several Kims in the registry


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("Choïgou", "Shoigu"),
        ("Beloussov", "Belousov"),
        ("Badr al-Boussaïdi", "Badr Albusaidi"),
        ("Mirzioïev", "Mirziyoyev"),
    ],
)
def test_french_and_english_aliases_reach_the_same_actor(registry, french, english):
    assert registry.resolve(french).actor == registry.resolve(english).actor is not None


def test_gulf_and_central_asian_heads_are_dated(registry):
    assert registry.resolve("le président ouzbek", date(2026, 12, 1)).actor == "person.shavkat-mirziyoyev"
    kuwait_pm = registry.resolve("le Premier ministre koweïtien", date(2026, 12, 1))
    assert kuwait_pm.actor == "person.ahmad-abdullah-al-sabah"


# --- the registry file itself ------------------------------------------------

DATA = resources.files("crosscheck") / "data"
REGISTRY_DATE = date(2026, 12, 1)  # the date the registry is current as of (README, data/ACTORS.md)
COVERED = (
    "AR AU BR CA CN FR DE IN ID IT JP KR MX RU SA ZA TR GB US UA IL IR AE QA KW BH OM PK KP TW KZ KG TJ TM UZ AM AZ GE"
    " AT BE BG HR CY CZ DK EE FI GR HU IE LV LT LU MT NL PL PT RO SK SI ES SE NO CH BY"
    " AL BA XK ME MK RS BN KH MY PH SG TH VN BD LK AF EG JO IQ LB SY DZ MA"
    " NG NE ML BF SN GH CI CM ET KE UG RW CD AO MZ ZW VE EC CU PA UY NZ"
).split()
PRESIDENT_LEADS_GOVERNMENT = {  # no separate head of government
    *"AR BR ID MX ZA US IR TR CY CH PH SY NG KE GH AO ZW VE EC PA UY".split()
}
KNOWN_GAPS = {  # listed in crosscheck/data/ACTORS.md
    ("KG", "defence_minister"),
    ("PT", "head_of_state"),  # the president elected in 2026 is not entered
    ("BA", "head_of_state"),  # a three-member presidency whose chair rotates
    ("GH", "defence_minister"),  # the successor of Edward Omane Boamah (died 2025-08-06) is not entered
}


@pytest.fixture(scope="module")
def raw_actors() -> list[dict]:
    return json.loads((DATA / "actors.json").read_text(encoding="utf-8"))["actors"]


def in_office(actors: list[dict], country: str, role: str, day: date) -> list[str]:
    """Ids of the people holding `role` for an org of `country` on `day`."""
    return [
        a["id"]
        for a in actors
        for r in a.get("roles", [])
        if r["role"] == role
        and (r["org"] or "").startswith(f"{country.lower()}.")
        and (r["start"] is None or date.fromisoformat(r["start"]) <= day)
        and (r["end"] is None or date.fromisoformat(r["end"]) >= day)
    ]


@pytest.mark.parametrize("country", COVERED)
def test_each_covered_country_has_its_leaders_and_ministers_in_office(raw_actors, country):
    roles = ["head_of_state", "foreign_minister", "defence_minister"]
    if country not in PRESIDENT_LEADS_GOVERNMENT:
        roles.append("head_of_government")
    missing = [
        role
        for role in roles
        if (country, role) not in KNOWN_GAPS and not in_office(raw_actors, country, role, REGISTRY_DATE)
    ]
    assert missing == []


@pytest.mark.parametrize("country", COVERED)
def test_each_covered_country_has_its_ministries_army_and_government(registry, country):
    for suffix in ("government", "mfa", "mod", "army"):
        assert registry.get(f"{country.lower()}.{suffix}") is not None, suffix
    kinds = {a.kind for a in registry.actors.values() if a.side == country}
    assert "presidency" in kinds and "intelligence" in kinds


@pytest.mark.parametrize(
    ("title", "before", "day_before", "after", "day_after"),
    [
        (
            "l'émir du Koweït",
            "person.nawaf-al-ahmad-al-sabah",
            date(2023, 1, 1),
            "person.mishal-al-ahmad-al-sabah",
            date(2024, 6, 1),
        ),
        (
            "le ministre pakistanais de la Défense",
            "person.anwar-ali-hyder",
            date(2023, 11, 1),
            "person.khawaja-asif",
            date(2024, 6, 1),
        ),
        (
            "le ministre émirati de la Défense",
            "person.mohammed-bin-rashid-al-maktoum",
            date(2024, 1, 1),
            "person.hamdan-bin-mohammed-al-maktoum",
            date(2025, 1, 1),
        ),
        (
            "le Premier ministre taïwanais",
            "person.chen-chien-jen",
            date(2024, 1, 13),
            "person.cho-jung-tai",
            date(2025, 1, 1),
        ),
        (
            "the Kyrgyz prime minister",
            "person.akylbek-japarov",
            date(2023, 5, 1),
            "person.adylbek-kasymaliev",
            date(2025, 5, 1),
        ),
        (
            "le porte-parole de la Commission européenne",
            "person.eric-mamer",
            date(2024, 6, 1),
            "person.paula-pinho",
            date(2025, 6, 1),
        ),
        (
            "the NATO spokesperson",
            "person.oana-lungescu",
            date(2022, 6, 1),
            "person.farah-dakhlallah",
            date(2026, 6, 1),
        ),
    ],
)
def test_an_office_resolves_across_a_change_of_holder(registry, title, before, day_before, after, day_after):
    assert registry.resolve(title, day_before).actor == before
    assert registry.resolve(title, day_after).actor == after


@pytest.mark.parametrize(
    ("mention", "actor"),
    [
        ("le ministère koweïtien de la Défense", "kw.mod"),
        ("Oman's Ministry of Defence", "om.mod"),
        ("l'armée ouzbèke", "uz.army"),
        ("la gouverneure générale du Canada", "ca.governor-general"),
        ("the Kazakh intelligence", "kz.knb"),
        ("l'agence Khovar", "outlet.khovar"),
        ("Chihab ben Tarek", "person.shihab-bin-tarik-al-said"),
        ("Hamdan bin Mohammed", "person.hamdan-bin-mohammed-al-maktoum"),
    ],
)
def test_new_institutions_and_people_are_named_in_both_languages(registry, mention, actor):
    assert registry.resolve(mention, REGISTRY_DATE).actor == actor


def test_ids_are_unique_and_kinds_known(raw_actors):
    kinds = {
        "person",
        "ministry",
        "government",
        "army",
        "presidency",
        "agency",
        "intelligence",
        "organisation",
        "outlet",
        "parliament",
        "party",
        "other",
    }
    ids = [a["id"] for a in raw_actors]
    assert len(ids) == len(set(ids))
    assert {a["kind"] for a in raw_actors} <= kinds


def test_sides_are_country_codes_and_role_orgs_exist(raw_actors):
    countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    ids = {a["id"] for a in raw_actors}
    assert {a["side"] for a in raw_actors if a["side"]} <= set(countries["countries"])
    assert {r["org"] for a in raw_actors for r in a.get("roles", []) if r["org"]} <= ids


def test_role_dates_are_iso_and_ordered(raw_actors):
    for actor in raw_actors:
        for r in actor.get("roles", []):
            start = date.fromisoformat(r["start"]) if r["start"] else None
            end = date.fromisoformat(r["end"]) if r["end"] else None
            assert not (start and end and start > end), (actor["id"], r)


def test_no_alias_names_two_actors_of_different_sides(raw_actors):
    sides: dict[tuple[str, ...], set] = {}
    for actor in raw_actors:
        for alias in [actor["name"], *actor["aliases"]]:
            sides.setdefault(fold_words(alias), set()).add(actor["side"])
    assert [key for key, found in sides.items() if len(found) > 1] == []


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("President Lee Jae-myung said", "person.lee-jae-myung"),
        ("Presidential spokesperson Kang Yu-jung told reporters", "person.kang-yu-jung"),
        ("le ministre de la Défense Władysław Kosiniak-Kamysz", "person.wladyslaw-kosiniak-kamysz"),
    ],
)
def test_a_hyphenated_given_name_matches_with_its_small_letter(registry, text: str, actor: str) -> None:
    assert [m.actor.id for m in registry.find(text)] == [actor]


@pytest.mark.parametrize(
    ("mention", "actor"),
    [
        ("William Ruto", "person.william-ruto"),
        ("the Kenyan president", "person.william-ruto"),
        ("State House spokesperson Hussein Mohamed", "person.hussein-mohamed"),
        ("le Premier ministre éthiopien", "person.abiy-ahmed"),
        ("le bureau du Premier ministre éthiopien", "et.pm-office"),
        ("Ethiopia's Foreign Ministry", "et.mfa"),
        ("government spokesman Adam Szłapka", "person.adam-szlapka"),
        ("Foreign Office spokesperson Tahir Andrabi", "person.tahir-andrabi"),
    ],
)
def test_kenya_ethiopia_and_recent_spokespeople_are_known(registry, mention: str, actor: str) -> None:
    assert registry.resolve(mention, date(2026, 5, 17)).actor == actor


@pytest.mark.parametrize(
    ("mention", "actor"),
    [
        ("the Greek government spokesman", "person.pavlos-marinakis"),
        ("Thai army spokesman Winthai Suvaree", "person.winthai-suvaree"),
        ("le porte-parole de l'armée thaïlandaise", "person.winthai-suvaree"),
        ("Cambodian Prime Minister Hun Manet", "person.hun-manet"),
        ("le ministère marocain des Affaires étrangères", "ma.mfa"),
        ("the Moroccan foreign ministry", "ma.mfa"),
        ("le chef de la diplomatie algérienne", "person.ahmed-attaf"),
        ("la junte malienne", "ml.government"),
        ("le président nigérien", "person.abdourahamane-tiani"),
        ("the Nigerian president", "person.bola-tinubu"),
        ("Philippine Coast Guard spokesperson Jay Tarriela", "person.jay-tarriela"),
        ("les Forces de soutien rapide", "sd.rsf"),
        ("Hemedti", "person.mohamed-hamdan-dagalo"),
        ("the Kenyan Defence Forces", "ke.army"),
        ("le Premier ministre néo-zélandais", "person.christopher-luxon"),
        ("Montenegro", "me.government"),  # the country, not Portugal's prime minister Luís Montenegro
        ("Luís Montenegro", "person.luis-montenegro"),
    ],
)
def test_institutions_and_people_of_more_countries_are_known(registry, mention: str, actor: str) -> None:
    assert registry.resolve(mention, date(2026, 5, 17)).actor == actor


@pytest.mark.parametrize(
    ("title", "before", "day_before", "after", "day_after"),
    [
        (
            "le Premier ministre thaïlandais",
            "person.srettha-thavisin",
            date(2024, 3, 1),
            "person.paetongtarn-shinawatra",
            date(2025, 3, 1),
        ),
        (
            "the Bangladeshi prime minister",
            "person.sheikh-hasina",
            date(2024, 3, 1),
            "person.muhammad-yunus",
            date(2025, 3, 1),
        ),
        (
            "le président sri-lankais",
            "person.ranil-wickremesinghe",
            date(2024, 3, 1),
            "person.anura-kumara-dissanayake",
            date(2025, 3, 1),
        ),
        (
            "le ministre roumain des Affaires étrangères",
            "person.emil-hurezeanu",
            date(2025, 3, 1),
            "person.oana-toiu",
            date(2025, 9, 1),
        ),
        (
            "the Irish foreign minister",
            "person.micheal-martin",
            date(2024, 6, 1),
            "person.simon-harris",
            date(2025, 6, 1),
        ),
    ],
)
def test_offices_of_more_countries_change_hands(registry, title, before, day_before, after, day_after):
    assert registry.resolve(title, day_before).actor == before
    assert registry.resolve(title, day_after).actor == after


def test_rival_libyan_governments_keep_the_recognised_prime_minister(registry):
    assert registry.resolve("le Premier ministre libyen", date(2025, 1, 1)).actor == "person.abdul-hamid-dbeibah"
    assert registry.resolve("Osama Hamad", date(2025, 1, 1)).side == "LY"


@pytest.mark.parametrize(
    ("title", "before", "day_before", "after", "day_after"),
    [
        (
            "le ministre vietnamien des Affaires étrangères",
            "person.bui-thanh-son",
            date(2025, 6, 1),
            "person.le-hoai-trung",
            date(2026, 12, 1),
        ),
        ("le président malawite", "person.lazarus-chakwera", date(2024, 1, 1), "person.peter-mutharika", REGISTRY_DATE),
        (
            "the Seychelles president",
            "person.wavel-ramkalawan",
            date(2024, 1, 1),
            "person.patrick-herminie",
            REGISTRY_DATE,
        ),
        (
            "le président malgache",
            "person.andry-rajoelina",
            date(2025, 1, 1),
            "person.michael-randrianirina",
            REGISTRY_DATE,
        ),
    ],
)
def test_changes_of_office_of_late_2025(registry, title, before, day_before, after, day_after):
    assert registry.resolve(title, day_before).actor == before
    assert registry.resolve(title, day_after).actor == after


@pytest.mark.parametrize(
    ("mention", "actor"),
    [
        ("Lê Hoài Trung", "person.le-hoai-trung"),
        ("Le Hoai Trung", "person.le-hoai-trung"),
        ("Takaichi Sanae", "person.sanae-takaichi"),
        ("la garde côtière chinoise", "cn.coast-guard"),
        ("the Philippine Coast Guard (PCG)", "ph.coast-guard"),
        ("the DFA", "ph.mfa"),
        ("l'Agence malaisienne de sécurité maritime", "my.mmea"),
        ("the Malaysian Maritime Enforcement Agency", "my.mmea"),
        ("APMM", "my.mmea"),
        ("Bakamla", "id.bakamla"),
        ("les garde-côtes vietnamiens", "vn.coast-guard"),
        ("the Japan Coast Guard", "jp.coast-guard"),
        ("the U.S. Coast Guard", "us.coast-guard"),
        ("Taiwan's Coast Guard Administration", "tw.coast-guard"),
        ("les gardes-côtes grecs", "gr.coast-guard"),
        ("les garde-côtes libyens", "ly.coast-guard"),
        ("le Service national des gardes-frontières d'Ukraine", "ua.border-guard"),
        ("les gardes-frontières polonais", "pl.border-guard"),
        ("the Border Security Force", "in.bsf"),
        ("le porte-parole des gardes-frontières ukrainiens", "person.andriy-demchenko"),
        ("the PLA Southern Theater Command", "cn.army"),
        ("the Mainland Affairs Council", "tw.mac"),
        ("MAC spokesperson Liang Wen-chieh", "person.liang-wen-chieh"),
        ("Taiwan Affairs Office spokesperson Zhu Fenglian", "person.zhu-fenglian"),
        ("Petar Petković", "person.petar-petkovic"),
        ("le Bureau pour le Kosovo", "rs.kosovo-office"),
        ("Besnik Bislimi", "person.besnik-bislimi"),
        ("Polish foreign ministry spokesman Paweł Wroński", "person.pawel-wronski"),
        ("AFP", "outlet.afp"),  # the news agency, not the Armed Forces of the Philippines
    ],
)
def test_coast_guards_border_guards_and_their_spokespeople_are_known(registry, mention: str, actor: str) -> None:
    assert registry.resolve(mention, REGISTRY_DATE).actor == actor
