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
    """What one sitting did: verdicts given (pair ids, in order) and undone."""

    given: list[str] = field(default_factory=list)
    undone: int = 0
    verdict_ids: list[int] = field(default_factory=list)  # of `given`, so undo takes back only its own


def run_review(
    store: Store,
    console: Console,
    read_key: Callable[[], str],
    *,
    reviewer: str,
    filters: review.QueueFilters | None = None,
) -> Session:
    reviewer = review.check_reviewer(reviewer)
    filters = filters or review.ALL_PAIRS
    session, skip, note = Session(), 0, ""
    while True:
        ids = review.queue(store, filters, limit=1, offset=skip)
        if not ids:
            console.print("Nothing left to review." + (" (Some pairs were skipped.)" if skip else ""))
            return session
        pair = review.pair_in_context(store, ids[0])
        console.print(render_pair(pair, review.progress(store, filters), note, reviewer))
        key = read_key().lower()
        if key in review.VERDICT_KEYS:
            try:
                given = review.record_verdict(
                    store, pair.divergence.id, review.VERDICT_KEYS[key], reviewer=reviewer, note=note
                )
            except CrosscheckError as error:  # a note too long, a store busy for too long: say so, keep going
                console.print(Text(f"not recorded: {error}", style="bold red"))
                continue
            session.given.append(pair.divergence.id)
            session.verdict_ids.append(given.id)
            console.print(f"→ {review.VERDICT_KEYS[key]}")
            note = ""
        elif key == "e":
            note = console.input("Note: ")
        elif key == "s":
            skip += 1
        elif key == "z" and session.given:
            undone = review.undo_verdict(
                store, session.given.pop(), reviewer=reviewer, verdict_id=session.verdict_ids.pop()
            )
            session.undone += undone is not None
            console.print("→ last verdict undone" if undone else "→ nothing undone: another verdict came since")
        elif key in ("q", "\x03", "\x04", ""):
            return session


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


def version(claim: review.ClaimInContext, pieces: list[tuple[str, bool]]) -> Text:
    """Article text enters as plain Text (never markup) without control characters."""
    text = Text()
    text.append(f"{claim.claim.side or 'no country'} ", style="bold")
    text.append(printable(claim.chain) + "\n", style="bold")
    if claim.before:
        text.append(printable(claim.before) + " ", style="dim")
    text.append(printable(claim.lead))
    for piece, differs in pieces:
        text.append(printable(piece), style="bold yellow underline" if differs else "underline")
    text.append(printable(claim.tail))
    if claim.after:
        text.append(" " + printable(claim.after), style="dim")
    where = outlet_of(claim.article) or title_of(claim.article)[0]
    text.append(f"\n{printable(where)} {claim.day}", style="dim")
    return text


def terminal_key() -> str:
    import click

    return click.getchar()
