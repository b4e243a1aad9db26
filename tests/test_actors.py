from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from crosscheck.actors import load_registry
from crosscheck.pipeline import ingest_into
from crosscheck.stores import open_store


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
