"""Benchmark: what one big article costs, from process start to exit.

Generates distinct French articles of 1, 2, 10 and 50 MB (paragraphs of
sentences drawn from templates with random names, numbers, places and
ministries, in random order, a third of them hard-wrapped, a good share
attributed so that attribution and embedding do real work) and a file holding
one unpunctuated 1 MB "sentence"; ingests each with `crosscheck ingest` in a
fresh process and store; prints size, seconds, seconds per MB and peak RSS.

    python bench/size_bench.py [SIZES_MB ...]     (default 1 2 10 50)
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1_000_000
SEED = 14

FIRST = "Anna Boris Chen Dmitri Elena Farid Grace Hugo Ines Jun Karim Lena Marco Nadia Omar Pavel Rosa Sami".split()
SYLLABLES = "ka lo mi ren sa tov vin ber zu dal pe kor nis ra vel tan mor si gu ho".split()
SPEAKERS = [
    "le Kremlin",
    "le porte-parole du Kremlin",
    "le ministère chinois des Affaires étrangères",
    "le Pentagone",
    "la Maison Blanche",
    "le ministère russe de la Défense",
    "la présidence ukrainienne",
    "le Quai d'Orsay",
    "la présidence turque",
    "le ministère indien des Affaires étrangères",
]
CITIES = "Lyon Gdansk Izmir Odessa Pune Tianjin Bergen Porto Kazan Mombasa Quito Tartu".split()
TOPICS = [
    "la sécurité des convois",
    "les exportations de céréales",
    "un échange de prisonniers",
    "la ligne de démarcation",
    "les tarifs douaniers",
    "la navigation en mer Noire",
    "la reconstruction des ponts",
    "le contrôle des armements",
]
DAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
NARRATIVE = [
    "{city} a accueilli {n} délégués venus de {m} pays pour des discussions sur {topic}.",
    "Le {day}, {n} camions ont franchi le point de passage situé au nord de {city}.",
    "Les négociations sur {topic} ont repris {day} après une pause de {m} semaines.",
    "{person} dirige depuis {m} ans une équipe de {n} experts travaillant sur {topic}.",
    "Un rapport de {n} pages sur {topic} doit être publié avant la fin du mois.",
    "Près de {n} habitants de {city} ont été évacués {day} soir, selon les chiffres disponibles.",
]
ATTRIBUTED = [
    "« Nous ne céderons rien sur {topic} », a déclaré {speaker} {day}.",
    "{Speaker} a affirmé que {n} personnes avaient été déplacées près de {city}.",
    "Selon {speaker}, la réunion sur {topic} aura lieu {day} à {city}.",
    "Les pourparlers ont duré {m} heures, a indiqué {speaker} dans un communiqué.",
    "{person}, qui conseille {speaker}, a estimé que le dossier sur {topic} restait une priorité.",
    "{Speaker} a démenti que {n} soldats aient été envoyés à {city}.",
]


def person(rng: random.Random) -> str:
    surname = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{rng.choice(FIRST)} {surname}"


def sentence(rng: random.Random) -> str:
    template = rng.choice(ATTRIBUTED if rng.random() < 0.4 else NARRATIVE)
    speaker = rng.choice(SPEAKERS)
    fills = {
        "city": rng.choice(CITIES),
        "topic": rng.choice(TOPICS),
        "day": rng.choice(DAYS),
        "n": f"{rng.randint(2, 9_999):,}".replace(",", " "),
        "m": rng.randint(2, 40),
        "person": person(rng),
        "speaker": speaker,
        "Speaker": speaker[0].upper() + speaker[1:],
    }
    return template.format(**fills)


def paragraph(rng: random.Random) -> str:
    text = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
    return wrap(text) if rng.random() < 0.33 else text


def wrap(text: str, width: int = 72) -> str:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def article(size: int, seed: int) -> str:
    rng = random.Random(seed)
    parts = ["Négociations : une longue journée d'échanges", "Par Le Journal des Essais", "Publié le 3 mars 2025"]
    total = sum(len(p.encode()) + 2 for p in parts)
    while total < size:
        parts.append(paragraph(rng))
        total += len(parts[-1].encode()) + 2
    return "\n\n".join(parts) + "\n"


def one_sentence(size: int, seed: int) -> str:
    """A single run without a sentence end: words, commas, no period."""
    rng = random.Random(seed)
    words = [w.lower() for w in FIRST + SYLLABLES + DAYS + CITIES]
    out, total = [], 0
    while total < size:
        word = rng.choice(words) + ("," if rng.random() < 0.05 else "")
        out.append(word)
        total += len(word) + 1
    return " ".join(out) + "\n"


def measure(path: Path, db: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds and peak RSS (MB) of `crosscheck ingest` on one
    file in its own process, and its summary line."""
    command = ["crosscheck", "ingest", str(path), "--db", str(db), "-q", "--max-bytes", str(path.stat().st_size + 1)]
    with tempfile.TemporaryFile("w+") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(process.pid, 0)  # the child's own rusage: CPU time and peak RSS
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        lines = output.read().strip().splitlines()
    if process.returncode != 0:
        raise SystemExit(f"{path.name}: crosscheck ingest failed: {lines[-1] if lines else process.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def main() -> None:
    sizes = [float(a) for a in sys.argv[1:]] or [1, 2, 10, 50]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [(f"article {s:g} MB", article(int(s * MB), SEED + i)) for i, s in enumerate(sizes)]
        cases.append(("one 1 MB sentence", one_sentence(MB, SEED)))
        print(f"{'file':18s} {'MB':>6s} {'seconds':>8s} {'s/MB':>6s} {'CPU s':>7s} {'peak RSS MB':>11s}  summary")
        for number, (label, text) in enumerate(cases):
            path = folder / f"case{number}.txt"
            path.write_text(text, encoding="utf-8")
            size = path.stat().st_size / MB
            seconds, cpu, rss, summary = measure(path, folder / f"case{number}.db")
            print(f"{label:18s} {size:6.2f} {seconds:8.1f} {seconds / size:6.1f} {cpu:7.1f} {rss:11.0f}  {summary}")
            path.unlink()


if __name__ == "__main__":
    main()
