"""`crosscheck review`: the review queue in the terminal (rich), one key per
verdict, the same keys as in the browser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crosscheck import review
from crosscheck.display import evidence_sentence, outlet_of, title_of
from crosscheck.errors import CrosscheckError
from crosscheck.report import slots
from crosscheck.store import Store
from crosscheck.textnorm import printable

HELP = "  ".join(f"[{key}] {verdict}" for key, verdict in review.VERDICT_KEYS.items())
HELP += "  [e] note  [s] skip  [z] undo  [q] quit"


@dataclass
class Session:
    """What one sitting did: verdicts given (point ids, in order) and undone."""

    given: list[str] = field(default_factory=list)
    undone: int = 0
    batches: list[int] = field(default_factory=list)  # of `given`, so undo takes back only its own


def run_review(
    store: Store,
    console: Console,
    read_key: Callable[[], str],
    *,
    reviewer: str,
    filters: review.QueueFilters | None = None,
) -> Session:
    """Judge points one at a time, highest score first: one verdict covers every pair of a point."""
    reviewer = review.check_reviewer(reviewer)
    filters = filters or review.ALL_PAIRS
    session, skip, note = Session(), 0, ""
    while True:
        ids = review.point_queue(store, filters, limit=1, offset=skip)
        if not ids:
            console.print("Nothing left to review." + (" (Some points were skipped.)" if skip else ""))
            return session
        point = review.point_in_context(store, ids[0])
        console.print(render_point(point, review.point_progress(store, filters), note, reviewer))
        key = read_key().lower()
        if key in review.VERDICT_KEYS:
            try:
                given = review.record_point_verdict(
                    store, point.id, review.VERDICT_KEYS[key], reviewer=reviewer, note=note
                )
            except CrosscheckError as error:  # a note too long, a store busy for too long: say so, keep going
                console.print(Text(f"not recorded: {error}", style="bold red"))
                continue
            session.given.append(point.id)
            session.batches.append(max(v.batch or 0 for v in given))
            console.print(f"→ {review.VERDICT_KEYS[key]} on {len(given)} pair{'s' if len(given) != 1 else ''}")
            note = ""
        elif key == "e":
            note = console.input("Note: ")
        elif key == "s":
            skip += 1
        elif key == "z" and session.given:
            session.given.pop()
            undone = review.undo_point_verdict(store, session.batches.pop(), reviewer=reviewer)
            session.undone += bool(undone)
            console.print("→ last verdict undone" if undone else "→ nothing undone: another verdict came since")
        elif key in ("q", "\x03", "\x04", ""):
            return session


def render_point(point: review.PointInContext, progress: review.ReviewProgress, note: str, reviewer: str) -> Group:
    """The point's topic and kind, then a column per side with each of its claims, the slot marked."""
    title = Text.assemble(
        (f" {point.kind_words} ", "bold reverse"),
        f"  {printable(point.topic)}  " if point.topic else "  ",
        f"score {point.score:.2f}  ",
        (printable(point.event_label), "bold"),
    )
    table = Table.grid(expand=True, padding=(0, 2))
    for _ in point.sides:
        table.add_column(ratio=1)
    table.add_row(*(side_column(side) for side in point.sides))
    pairs = len(point.pairs)
    counts = f"{progress.reviewed} points reviewed · {progress.left} left · one verdict covers {pairs} pair"
    footer = Text(f"reviewing as {printable(reviewer)} · {counts}{'s' if pairs != 1 else ''}", style="dim")
    for sentence in review.point_evidence(point):
        footer.append(f"\n{printable(sentence)}", style="dim")
    if point.current:
        footer.append(f"\nnow: {printable(point.verdict_summary)}", style="dim")
    if note:
        footer.append(f"\nnote: {printable(note)}", style="italic")
    return Group(Panel(table, title=title, title_align="left"), footer, Text(HELP, style="bold"))


def side_column(side: review.SideVersions) -> Text:
    text = Text(f"{side.code or 'no country'} · {len(side.versions)} claim{'s' if len(side.versions) != 1 else ''}\n")
    text.stylize("bold")
    around = len(side.versions) == 1  # the sentences around a claim only when the side has one: short columns
    for claim, pieces in side.versions:
        text.append_text(version(claim, pieces, around=around))
        text.append("\n\n")
    return text


def render_pair(pair: review.PairInContext, progress: review.ReviewProgress, note: str, reviewer: str) -> Group:
    d = pair.divergence
    title = Text.assemble(
        (f" {d.kind} ", "bold reverse"), f"  score {d.score:.2f}  ", (printable(pair.event_label), "bold")
    )
    table = Table.grid(expand=True, padding=(0, 2))
    table.add_column(ratio=1)
    table.add_column(ratio=1)
    a, b = pair.a.claim.text, pair.b.claim.text
    marked = slots(a, b, d), slots(b, a, d)
    table.add_row(version(pair.a, marked[0]), version(pair.b, marked[1]))
    counts = f"{progress.reviewed} reviewed · {progress.left} left"
    footer = Text(f"reviewing as {printable(reviewer)} · {counts}", style="dim")
    evidence = evidence_sentence(d, pair.a.claim, pair.b.claim, marked)
    if evidence:
        footer.append(f"\n{printable(evidence)}", style="dim")
    if note:
        footer.append(f"\nnote: {printable(note)}", style="italic")
    return Group(Panel(table, title=title, title_align="left"), footer, Text(HELP, style="bold"))


def version(claim: review.ClaimInContext, pieces: list[tuple[str, bool]], around: bool = True) -> Text:
    """Article text enters as plain Text (never markup) without control characters."""
    text = Text()
    text.append(f"{claim.claim.side or 'no country'} ", style="bold")
    text.append(printable(claim.chain) + "\n", style="bold")
    if claim.before and around:
        text.append(printable(claim.before) + " ", style="dim")
    text.append(printable(claim.lead))
    for piece, differs in pieces:
        text.append(printable(piece), style="bold yellow underline" if differs else "underline")
    text.append(printable(claim.tail))
    if claim.after and around:
        text.append(" " + printable(claim.after), style="dim")
    where = outlet_of(claim.article) or title_of(claim.article)[0]
    text.append(f"\n{printable(where)} {claim.day}", style="dim")
    return text


def terminal_key() -> str:
    import click

    return click.getchar()
