"""The command line: each command parses its options and calls one library
function; `main` is the one place that turns errors into stderr lines and
exit codes (see `crosscheck.errors.ExitCode`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperArgument, TyperOption
from typer.exceptions import TyperException

from crosscheck import __version__
from crosscheck.errors import CrosscheckError, ExitCode
from crosscheck.formats import CheckFormat, ExportFormat, ReportFormat, VerdictFormat
from crosscheck.readers import DEFAULT_MAX_BYTES
from crosscheck.stores import open_store, store_exists, store_location

# --help names what an option takes in words (N, PATH, TEXT), never Python types
# ("<list[Path]>", "<bool>", "<int range> [x>=1]"); typer has no setting for it.
HELP_TYPES = {
    "int": "N",
    "int range": "N",
    "float": "X",
    "float range": "X",
    "str": "TEXT",
    "Path": "PATH",
    "path": "PATH",
}
typer_type = TyperOption.display_type


def help_type(option: TyperOption, ctx) -> str | None:
    if option.metavar:
        return option.metavar
    if option.is_flag:
        return None
    label = typer_type(option, ctx).strip("<>")
    label = label.removeprefix("list[").removesuffix("]")
    return HELP_TYPES.get(label, label)


TyperOption.display_type_rich = help_type
TyperOption._get_number_range_help_str = lambda option: ""  # the bounds are in the option's help
TyperArgument.display_type_rich = lambda argument, ctx: None  # its name and help say it

app = typer.Typer(
    help="Find attributed claims in news articles, group them by event, and flag divergent versions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        help="The store: a SQLite file, or a PostgreSQL URL (postgresql://user@host/dbname).",
        envvar="CROSSCHECK_DB",
        parser=store_location,
    ),
]
DEFAULT_DB = Path("crosscheck.db")
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="MODEL",
        help="A bundled encoder (use, e5) or a sentence-transformers model (local folder or cache) instead of "
        "the default.",
    ),
]
ThresholdsOption = Annotated[
    Path | None,
    typer.Option(
        "--thresholds",
        metavar="FILE",
        envvar="CROSSCHECK_THRESHOLDS",
        help="Per kind of point, the lowest score flagged (a file `crosscheck stats --write-thresholds` writes); "
        "points below are stored but not flagged. On ingest and run, the store keeps them.",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, help="Processes reading, attributing and embedding articles (default: one per CPU)."
    ),
]
NliOption = Annotated[
    str | None,
    typer.Option("--nli", metavar="PATH", help="A local NLI cross-encoder, as an extra contradiction signal."),
]


def say(message: str) -> None:
    typer.echo(message, err=True)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"crosscheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """crosscheck: claims, sources and divergent versions in the news."""


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH", help="Article files or folders (.txt .md .html .json .jsonl), or a claim-record folder."
        ),
    ],
    db: DbOption = DEFAULT_DB,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    actors: Annotated[
        list[Path] | None, typer.Option("--actors", metavar="FILE", help="Extra actor registry file (JSON).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary line.")] = False,
    model: ModelOption = None,
    nli: NliOption = None,
    engine: Annotated[
        str,
        typer.Option(
            metavar="local|ray", help="local: one process. ray: segmentation, attribution and embedding on Ray Data."
        ),
    ] = "local",
    ray_address: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS", help="An existing Ray cluster (ray://host:10001, or auto); default: a local one."
        ),
    ] = None,
    ray_workers: Annotated[
        int | None, typer.Option(min=1, help="Ray workers analysing articles, at least 1 (default: one per CPU).")
    ] = None,
    thresholds: ThresholdsOption = None,
    jobs: JobsOption = None,
) -> None:
    """Read articles into the store: text, metadata, sentences, attributed claims, events and divergences."""
    from crosscheck.pipeline import ingest_into
    from crosscheck.settings import thresholds_setting

    calibrated = thresholds_setting(thresholds)  # a malformed file stops the command before any work

    if engine not in ("local", "ray"):
        raise CrosscheckError(f"--engine must be local or ray, not {engine!r}")
    if engine == "local" and (ray_address or ray_workers):
        raise CrosscheckError("--ray-address and --ray-workers need --engine ray")
    if engine == "ray" and jobs:
        raise CrosscheckError("--jobs is for the local engine; --ray-workers sets Ray's")
    ray = {"address": ray_address, "workers": ray_workers} if engine == "ray" else None
    summary = ingest_into(
        paths, db, max_bytes=max_bytes, actor_files=actors or [], quiet=quiet, model=model, nli=nli, ray=ray, jobs=jobs
    )
    typer.echo(summary.line())
    if calibrated is not None:
        with open_store(db) as store:
            store.save_thresholds(calibrated.by_kind)
    if summary.failed:
        raise typer.Exit(ExitCode.INPUT)


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="json (evaluation contract) or claims (claim record, one JSON Lines file per article).",
        ),
    ] = ExportFormat.JSON,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="File (json; - for stdout) or folder (claims).")
    ] = Path("-"),
) -> None:
    """Write the store's claims as JSON or as the claim record."""
    from crosscheck.export import export_store

    if format == "claims" and str(output) == "-":
        output = Path("claims")
    require_store(db, writable=False)
    with open_store(db, readonly=True) as store:
        say(export_store(store, format, output))


ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Write into a folder that holds other files (none is replaced or removed); "
        "for run, also replace a store there that run did not create.",
    ),
]


@app.command()
def report(
    db: DbOption = DEFAULT_DB,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder the report is written into.")] = Path(
        "reports"
    ),
    format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="html (index, event and article pages, plus report.md), md or json."),
    ] = ReportFormat.HTML,
    event: Annotated[
        str | None, typer.Option("--event", metavar="ID", help="Only this event (its id, or the start of it).")
    ] = None,
    side: Annotated[
        str | None,
        typer.Option("--side", metavar="CODE", help="Only events where this country (code: RU, US…) speaks."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="Only events dated (or covered) on or after this day (YYYY-MM-DD)."
        ),
    ] = None,
    min_score: Annotated[float, typer.Option("--min-score", help="Leave out flagged pairs scored below this.")] = 0.0,
    force: ForceOption = False,
    thresholds: ThresholdsOption = None,
) -> None:
    """Write the divergence report of a store: events most divergent first, each side's claims, flagged pairs."""
    from crosscheck.report import Filters, write_report
    from crosscheck.settings import thresholds_setting

    calibrated = thresholds_setting(thresholds)
    filters = Filters(
        event=event,
        side=side.upper() if side else None,
        since=parse_since(since),
        min_score=min_score,
        thresholds=calibrated.by_kind if calibrated is not None else None,
    )
    require_store(db, writable=False)
    with open_store(db, readonly=True) as store:
        typer.echo(str(write_report(store, output, format, filters, force=force)))


def parse_since(text: str | None):
    from datetime import date

    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CrosscheckError(f"--since must be a day like 2024-06-25, not {text!r}") from error


@app.command()
def check(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="New article files or folders to check against the store.")
    ],
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json, github (workflow annotations), junit or sarif.")
    ] = CheckFormat.TEXT,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            metavar="KINDS",
            help="Comma-separated kinds that fail the run (denial, contradiction, omission, framing, "
            "unattributed), or none.",
        ),
    ] = "contradiction,denial",
    min_score: Annotated[float, typer.Option("--min-score", help="Ignore flagged pairs scored below this.")] = 0.0,
    record: Annotated[
        bool, typer.Option("--record", help="Also store the checked articles (default: store nothing).")
    ] = False,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Write the findings to this file (- for stdout).")
    ] = Path("-"),
    save: Annotated[
        list[str] | None,
        typer.Option(
            "--save",
            metavar="FORMAT:FILE",
            help="Also write the findings in another format to a file (repeatable), e.g. sarif:crosscheck.sarif.",
        ),
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    actors: Annotated[
        list[Path] | None, typer.Option("--actors", metavar="FILE", help="Extra actor registry file (JSON).")
    ] = None,
    model: ModelOption = None,
    thresholds: ThresholdsOption = None,
    jobs: JobsOption = None,
) -> None:
    """Check new articles against the store: divergent versions, unattributed statements, unreadable files.

    Exit 0: nothing at the fail level; 1: findings at the fail level; 2: a file could not be read, or a usage error."""
    from crosscheck.check import FLAGGED_KINDS, OTHER_KINDS, check_paths
    from crosscheck.check_formats import render
    from crosscheck.models import LEGACY_KINDS
    from crosscheck.pipeline import default_jobs, full_stages
    from crosscheck.settings import thresholds_setting

    calibrated = thresholds_setting(thresholds)
    saved = [parse_save(value, tuple(CheckFormat)) for value in save or []]
    named = (k.strip() for k in fail_on.split(",") if k.strip() and k.strip() != "none")
    kinds = frozenset(LEGACY_KINDS.get(k, k) for k in named)  # "emphasis" is framing's former name
    unknown = kinds - set(FLAGGED_KINDS) - set(OTHER_KINDS)
    if unknown:
        raise CrosscheckError(f"--fail-on: unknown kind(s) {', '.join(sorted(unknown))}")
    if not store_exists(db):
        raise CrosscheckError(f"{db}: no such store; ingest the known articles first (crosscheck ingest … --db {db})")
    from crosscheck.embed import store_encoder

    with open_store(db, readonly=not record) as store:  # unrecorded, a check only reads
        stages = full_stages(tuple(actors or ()), store_encoder(store, model))
        result = check_paths(
            paths,
            store,
            stages,
            min_score=min_score,
            record=record,
            max_bytes=max_bytes,
            jobs=jobs or default_jobs(),
            location=db,
            thresholds=calibrated,
        )
    colour = format == "text" and str(output) == "-" and sys.stdout.isatty()
    rendered = render(result, format, kinds, colour)
    if str(output) == "-":
        typer.echo(rendered)
    else:
        output.write_text(rendered + "\n", encoding="utf-8")
    for extra_format, path in saved:
        path.write_text(render(result, extra_format, kinds) + "\n", encoding="utf-8")
    raise typer.Exit(result.exit_code(kinds))


def parse_save(value: str, formats: tuple[str, ...]) -> tuple[str, Path]:
    """`FORMAT:FILE` (the file may itself contain colons)."""
    fmt, sep, path = value.partition(":")
    if not sep or not path or fmt not in formats:
        raise CrosscheckError(f"--save takes FORMAT:FILE with FORMAT one of {', '.join(formats)}, not {value!r}")
    return fmt, Path(path)


@app.command()
def run(
    folder: Annotated[
        Path | None, typer.Argument(metavar="FOLDER", help="Folder of articles; the bundled examples if omitted.")
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Store file or PostgreSQL URL (default: a fresh file in the output folder).",
            parser=store_location,
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the report.")] = Path("reports"),
    model: ModelOption = None,
    nli: NliOption = None,
    force: ForceOption = False,
    thresholds: ThresholdsOption = None,
    jobs: JobsOption = None,
) -> None:
    """Do the whole job on a folder: ingest, attribute, link events, flag divergences, write the report."""
    from crosscheck.pipeline import run_folder
    from crosscheck.settings import thresholds_setting

    calibrated = thresholds_setting(thresholds)
    report = run_folder(
        folder, db=db, out=out, model=model, nli=nli, force=force, thresholds=calibrated, jobs=jobs
    )
    typer.echo(str(report))


def default_reviewer() -> str:
    import getpass

    try:
        return os.environ.get("CROSSCHECK_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):
        return ""


ReviewerOption = Annotated[
    str | None,
    typer.Option(
        "--reviewer",
        metavar="NAME",
        help="Name recorded with each verdict (default: $CROSSCHECK_REVIEWER or your login).",
    ),
]


def require_store(db: Path | str, *, writable: bool = True) -> None:
    """The store must exist; one a command writes to is brought up to date
    (the migrations only add). Commands that only read open it read-only."""
    if not store_exists(db):
        raise CrosscheckError(f"{db}: no such store; ingest articles first (crosscheck ingest … --db {db})")
    if writable:
        with open_store(db):
            pass


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str,
        typer.Option(
            metavar="ADDRESS", help="Address to listen on; anything but loopback (127.0.0.0/8, ::1) needs --token."
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port to listen on, 0 to 65535 (0: any free one).")
    ] = 8765,
    token: Annotated[
        str | None,
        typer.Option(
            metavar="TOKEN",
            help="Secret every request must present (Bearer header, or ?token= once).",
            envvar="CROSSCHECK_TOKEN",
        ),
    ] = None,
    reviewer: ReviewerOption = None,
) -> None:
    """The review queue in the browser: flagged pairs side by side, one key per verdict."""
    from crosscheck.serve import check_listening
    from crosscheck.serve import serve as run_server

    check_listening(host, token)
    require_store(db)

    def announce(url: str) -> None:
        typer.echo(f"crosscheck review queue on {url} (Ctrl-C to stop)", err=True)

    run_server(db, host, port, token, reviewer or default_reviewer(), announce=announce)


@app.command()
def review(
    db: DbOption = DEFAULT_DB,
    reviewer: ReviewerOption = None,
    event: Annotated[str | None, typer.Option(metavar="ID", help="Only this event's points.")] = None,
    side: Annotated[
        str | None, typer.Option(metavar="CODE", help="Only points with a claim of this side (country code).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(metavar="KIND", help="Only points of this kind (denial, contradiction, omission, framing)."),
    ] = None,
) -> None:
    """The review queue in the terminal, a point at a time: d c u m n give a verdict on all its pairs, e note,
    s skip, z undo, q quit."""
    from rich.console import Console

    from crosscheck.review import QueueFilters
    from crosscheck.review_tui import run_review, terminal_key

    require_store(db)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a terminal that cannot show a name or a script shows "?"
    with open_store(db) as store:
        session = run_review(
            store, Console(), terminal_key, reviewer=reviewer or default_reviewer(),
            filters=QueueFilters(event=event, side=side, kind=review_kind(kind)),
        )  # fmt: skip
    typer.echo(f"{len(session.given)} verdict(s) given, {session.undone} undone", err=True)


def review_kind(kind: str | None) -> str | None:
    """A kind of point to filter on; "emphasis" is framing's former name."""
    from crosscheck.models import DIVERGENCE_KINDS, LEGACY_KINDS

    if kind is None:
        return None
    kind = LEGACY_KINDS.get(kind, kind)
    if kind not in DIVERGENCE_KINDS:
        raise CrosscheckError(f"--kind must be one of {', '.join(DIVERGENCE_KINDS)}, not {kind!r}")
    return kind


@app.command()
def stats(
    db: DbOption = DEFAULT_DB,
    target: Annotated[
        float,
        typer.Option(min=0.01, max=1.0, help="Precision a proposed threshold must reach, from 0.01 to 1."),
    ] = 0.8,
    min_verdicts: Annotated[
        int, typer.Option(min=1, help="Judged points of a kind needed before a threshold is proposed.")
    ] = 10,
    write_thresholds: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="Write the proposed thresholds here (JSON, or TOML for .toml), for --thresholds."
        ),
    ] = None,
) -> None:
    """How often flagged points were really divergent, by reviewers' verdicts, per kind and score; the
    thresholds that would have reached a target precision."""
    from crosscheck.review import calibration, kind_stats, propose_thresholds

    require_store(db, writable=False)
    with open_store(db, readonly=True) as store:
        kinds, table = kind_stats(store), calibration(store)
        proposals = propose_thresholds(store, target, min_verdicts)
        in_force = store.saved_thresholds()
    if not table:
        typer.echo("no flagged pair in this store")
        return
    typer.echo("Points of divergence by kind (one verdict on a point covers its pairs):")
    for row in kinds:
        typer.echo(f"  {row.sentence()}")
    echo_bands(table)
    typer.echo(f"\nThresholds (target {target:.0%}, once {min_verdicts} points of a kind are judged):")
    for proposal in proposals:
        typer.echo(f"  {proposal.sentence()}")
    if not proposals:
        typer.echo("  no point judged yet: review some (crosscheck serve, crosscheck review), then come back")
    if in_force:
        typer.echo("  in force in this store: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(in_force.items())))
    if write_thresholds is not None:
        write_proposals(proposals, write_thresholds)


def echo_bands(table) -> None:
    typer.echo(
        "\nPairs by kind and score band. Pairs judged needs-context are counted apart: reviewers could not tell."
    )
    for kind in dict.fromkeys(row.kind for row in table):
        typer.echo(f"\n{kind}")
        for row in (r for r in table if r.kind == kind):
            typer.echo(f"  {row.sentence()}")


def write_proposals(proposals, path: Path) -> None:
    """The proposed thresholds as the file `--thresholds` reads; none proposed yet is an error naming it."""
    from crosscheck.review import thresholds_file

    if not any(p.threshold is not None for p in proposals):
        raise CrosscheckError(f"{path}: not written: no kind has a proposed threshold yet")
    try:
        path.write_text(thresholds_file(proposals, path), encoding="utf-8")
    except OSError as error:
        raise CrosscheckError(f"{path}: cannot write ({error.strerror or error})") from error
    say(f"wrote the proposed thresholds to {path} (use it with --thresholds)")


verdicts_app = typer.Typer(help="Reviewers' verdicts: export them.", no_args_is_help=True)
app.add_typer(verdicts_app, name="verdicts")


@verdicts_app.command("export")
def verdicts_export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        VerdictFormat, typer.Option("--format", "-f", help="jsonl, csv or claimreview (JSON-LD).")
    ] = VerdictFormat.JSONL,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (- for stdout).")] = Path("-"),
    history: Annotated[bool, typer.Option(help="Every verdict ever given, undone ones included.")] = False,
    url: Annotated[
        str, typer.Option(metavar="TEMPLATE", help="ClaimReview page address; {pair_id} is replaced.")
    ] = "urn:crosscheck:pair:{pair_id}",
) -> None:
    """Write the verdicts as JSON Lines, CSV, or schema.org ClaimReview for the pairs judged divergent."""
    from crosscheck.verdict_export import render_verdicts

    require_store(db, writable=False)
    with open_store(db, readonly=True) as store:
        text = render_verdicts(store, format, history, url)
    if str(output) == "-":
        write_utf8(text)
    else:
        output.write_text(text, encoding="utf-8")


def write_utf8(text: str) -> None:
    """Exports are UTF-8 on stdout too, whatever the locale says (names in any script)."""
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:
        typer.echo(text, nl=False)
        return
    sys.stdout.flush()
    binary.write(text.encode("utf-8"))
    binary.flush()


def main() -> None:
    """Console entry point: expected failures become one line on stderr."""
    try:
        code = app(standalone_mode=False)  # returns the code of a typer.Exit raised by a command
        sys.exit(code if isinstance(code, int) else ExitCode.OK)
    except CrosscheckError as error:
        say(f"crosscheck: error: {error}")
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        say("crosscheck: interrupted; articles already stored are complete, rerun to finish")
        sys.exit(ExitCode.INTERRUPTED)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        sys.exit(ExitCode.INTERRUPTED)
    except TyperException as error:  # usage errors: unknown option, missing argument
        show = getattr(error, "show", None)
        show() if show else say(f"crosscheck: error: {error.format_message()}")
        sys.exit(ExitCode.INPUT)
    except Exception as error:  # a bug: one line, the traceback on request
        if os.environ.get("CROSSCHECK_DEBUG"):
            raise
        say(
            f"crosscheck: internal error: {type(error).__name__}: {error} (set CROSSCHECK_DEBUG=1 for details; "
            "nothing half-written was stored)"
        )
        sys.exit(ExitCode.BUG)


if __name__ == "__main__":
    main()
