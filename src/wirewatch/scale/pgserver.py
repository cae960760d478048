"""A throwaway PostgreSQL server for tests and benchmarks, from Debian's binaries.

``initdb`` + ``pg_ctl`` on a temporary folder and a free local port, with trust
authentication for one role (``wirewatch``) on 127.0.0.1 only.  PostgreSQL refuses to run
as root, so under root the server runs as the ``postgres`` system user (created by Debian's
``postgresql`` package) through ``runuser``; the folder is handed to that user.
Install the binaries with ``scripts/install-postgres.sh`` (``apt-get install -y postgresql``).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError

ROLE = "wirewatch"


@dataclass(frozen=True, slots=True)
class PgServer:
    bindir: Path
    datadir: Path
    port: int
    run_as: str | None

    @property
    def url(self) -> str:
        return f"postgresql://{ROLE}@127.0.0.1:{self.port}/postgres"

    def url_for(self, dbname: str) -> str:
        return f"postgresql://{ROLE}@127.0.0.1:{self.port}/{dbname}"


def find_bindir() -> Path | None:
    """The newest ``/usr/lib/postgresql/*/bin`` with initdb and pg_ctl, else the ones on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb and shutil.which("pg_ctl") else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as_user() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise ConfigError("running as root and there is no 'postgres' user to run the server as;"
                          " install Debian's postgresql package (scripts/install-postgres.sh)") from None
    return "postgres"


def _cmd(server_user: str | None, *args: str) -> list[str]:
    return ["runuser", "-u", server_user, "--", *args] if server_user else list(args)


def start(base: str | None = None, root: Path | None = None) -> PgServer:
    """Initialise and start a server; raises ConfigError naming what is missing or failed.

    ``root``: keep the server's folder there and reuse its data when it was initialised before
    (a benchmark's fixture); otherwise a new temporary folder under ``base``."""
    bindir = find_bindir()
    if bindir is None:
        raise ConfigError("PostgreSQL binaries (initdb, pg_ctl) not found; run scripts/install-postgres.sh")
    user = _run_as_user()
    if root is None:
        root = Path(tempfile.mkdtemp(prefix="wirewatch-pg-", dir=base))
    root.mkdir(parents=True, exist_ok=True)
    datadir, port = root / "data", free_port()
    if user:
        pw = pwd.getpwnam(user)
        os.chown(root, pw.pw_uid, pw.pw_gid)
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    init = [] if (datadir / "PG_VERSION").is_file() else [
        _cmd(user, str(bindir / "initdb"), "-D", str(datadir), "-U", ROLE, "--auth=trust", "-E", "UTF8",
             "--locale=C", "--no-sync")]
    steps = [
        *init,
        _cmd(user, str(bindir / "pg_ctl"), "-D", str(datadir), "-l", str(root / "server.log"), "-w", "-t", "60",
             "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
                   " -c synchronous_commit=off -c full_page_writes=off", "start"),
    ]
    for cmd in steps:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=root)
        if done.returncode != 0:
            raise ConfigError(f"{Path(cmd[-1] if cmd[-1] != 'start' else 'pg_ctl').name} failed:"
                              f" {(done.stderr or done.stdout).strip()[-500:]}", source=str(datadir))
    return PgServer(bindir, datadir, port, user)


def stop(server: PgServer, remove: bool = True) -> None:
    """Stop the server and remove its folder (``remove=False``: keep it to start again)."""
    subprocess.run(_cmd(server.run_as, str(server.bindir / "pg_ctl"), "-D", str(server.datadir), "-m", "fast",
                        "-w", "stop"), capture_output=True, cwd=server.datadir.parent)
    if remove:
        shutil.rmtree(server.datadir.parent, ignore_errors=True)


def create_database(admin_url: str, name: str) -> None:
    """``CREATE DATABASE name`` (dropped first if it exists) through ``admin_url``."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
