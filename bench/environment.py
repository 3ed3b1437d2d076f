"""The bench's world: its own PostgreSQL database, a temporary var/ and production settings.

The app always runs with `infocentar.settings.production`, configured the way
a one-machine installation is, except where plain HTTP on 127.0.0.1 needs
otherwise:

- DATABASE_URL: a dedicated PostgreSQL database (default `infocentar_bench`
  on 127.0.0.1:5432, user postgres). BENCH_DATABASE_URL overrides it, and so
  does DATABASE_URL when its database name contains "bench". The harness
  drops and re-creates that database, so it refuses any name without "bench".
- SECRET_KEY: a fresh random one (production demands ≥ 50 characters).
- ALLOWED_HOSTS=127.0.0.1,localhost; SECURE_SSL_REDIRECT, SESSION_COOKIE_SECURE
  and CSRF_COOKIE_SECURE false (no TLS on the loopback).
- TASK_BACKEND=database, production's default: nothing on the measured read
  paths enqueues a task, and /health/ready checks this backend as deployed.
- Cache: production's default without REDIS_URL, the file cache, in a
  temporary INFOCENTAR_VAR_DIR shared by the two gunicorn workers and the
  harness; BENCH_REDIS_URL, if set, becomes REDIS_URL instead.
- STATIC_ROOT and MEDIA_ROOT under that temporary directory (collectstatic
  runs into it); the built translation fallbacks (var/locale) are linked in.
- LOG_LEVEL=WARNING, so request logging does not weigh on the figures.
- CONSULTATIONS_COMMENTS_PER_HOUR=1000000: the comment_post scenario posts as one
  citizen far more often than the debates' hourly limit per account allows.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/infocentar_bench"
SETTINGS_MODULE = "infocentar.settings.production"
# Variables of the caller's environment that would change what is measured.
SCRUBBED = (
    "DEBUG",
    "REDIS_URL",
    "S3_BUCKET",
    "EMAIL_HOST",
    "GUNICORN_CMD_ARGS",
    "WEB_CONCURRENCY",
    "SECRET_KEY_FILE",
    "ALLOWED_HOSTS_FILE",
    "DATABASE_URL_FILE",
    "PYTHONSTARTUP",
)


class BenchSetupError(RuntimeError):
    """The bench cannot run as configured; the message says why."""


def choose_database_url(environ: dict[str, str] | None = None) -> tuple[str, str | None]:
    """The database URL to use and, when the caller's DATABASE_URL was set aside, why."""
    environ = os.environ if environ is None else environ
    if environ.get("BENCH_DATABASE_URL"):
        url, note = environ["BENCH_DATABASE_URL"], None
    elif environ.get("DATABASE_URL") and "bench" in database_name(environ["DATABASE_URL"]):
        url, note = environ["DATABASE_URL"], None
    elif environ.get("DATABASE_URL"):
        url = DEFAULT_DATABASE_URL
        note = (
            "DATABASE_URL names a database without 'bench' in its name; the bench drops and re-creates "
            f"its database, so it uses {DEFAULT_DATABASE_URL} (set BENCH_DATABASE_URL to choose another)."
        )
    else:
        url, note = DEFAULT_DATABASE_URL, None
    check_database_url(url)
    return url, note


def database_name(url: str) -> str:
    import dj_database_url

    return str(dj_database_url.parse(url).get("NAME") or "")


def check_database_url(url: str) -> None:
    import dj_database_url

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise BenchSetupError(f"the bench runs on PostgreSQL; {url!r} is not a postgres:// URL")
    if "bench" not in str(config.get("NAME") or ""):
        raise BenchSetupError(
            f"refusing to use database {config.get('NAME')!r}: the bench drops and re-creates its database, "
            "so the name must contain 'bench'"
        )


def _connect(url: str, dbname: str = "postgres"):
    """An autocommit connection to `dbname` (the server's `postgres` database by default)."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    try:
        return psycopg.connect(
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            dbname=dbname,
            autocommit=True,
            connect_timeout=10,
        )
    except psycopg.OperationalError as exc:
        raise BenchSetupError(f"cannot connect to PostgreSQL for {_without_password(url)}: {exc}") from exc


def read_marker(url: str) -> dict | None:
    """The fingerprint of the data the bench database holds, if it was left by `--keep-db`."""
    import psycopg

    with _connect(url, database_name(url)) as conn:
        try:
            row = conn.execute("SELECT value FROM bench_marker WHERE key = 'data'").fetchone()
        except psycopg.errors.UndefinedTable:
            return None
    return row[0] if row else None


def write_marker(url: str, fingerprint: dict) -> None:
    from psycopg.types.json import Jsonb

    with _connect(url, database_name(url)) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_marker (key text PRIMARY KEY, value jsonb NOT NULL)")
        conn.execute(
            "INSERT INTO bench_marker (key, value) VALUES ('data', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [Jsonb(fingerprint)],
        )


def analyze(url: str, vacuum: bool = False) -> None:
    """Give the planner statistics for the bench database.

    Without them (the server may run with autovacuum off, as ours does) the
    planner guesses row counts from empty tables and picks plans no
    production database would, so every figure would measure the guess.
    """
    with _connect(url, database_name(url)) as conn:
        conn.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")


RUN_LOCK = "infocentar-bench"


def lock_database(url: str):
    """Claim the bench database for this run: (connection, alone). Close the connection to release.

    Two runs on the same database would drop it under each other, so the second
    one stops here. Runs on different databases may overlap, but they share the
    machine and spoil each other's figures: `alone` is False when another run
    is going on.
    """
    conn = _connect(url)

    def try_lock(key: str) -> bool:
        return bool(conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [key]).fetchone()[0])

    if not try_lock(f"{RUN_LOCK}:{database_name(url)}"):
        conn.close()
        raise BenchSetupError(
            f"another bench run is using the database {database_name(url)!r}; wait for it to finish "
            "or set BENCH_DATABASE_URL to another database"
        )
    return conn, try_lock(RUN_LOCK)


def database_exists(url: str) -> bool:
    with _connect(url) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]).fetchone() is not None


def create_database(url: str) -> None:
    """Drop the bench database if it exists and create it empty."""
    from psycopg import sql

    name = sql.Identifier(database_name(url))
    with _connect(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(name))


def drop_database(url: str) -> None:
    from psycopg import sql

    with _connect(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database_name(url))))


def server_version(url: str) -> str:
    with _connect(url) as conn:
        return str(conn.execute("SHOW server_version").fetchone()[0])


@dataclass
class BenchEnvironment:
    """Environment variables and the temporary directory every bench process shares."""

    database_url: str
    settings_module: str = SETTINGS_MODULE
    tmp: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="infocentar-bench-")))
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(64))

    @property
    def var_dir(self) -> Path:
        return self.tmp / "var"

    @property
    def static_root(self) -> Path:
        return self.tmp / "static"

    @property
    def log_dir(self) -> Path:
        return self.tmp / "logs"

    def prepare(self) -> None:
        for directory in (self.var_dir, self.static_root, self.log_dir, self.tmp / "media"):
            directory.mkdir(parents=True, exist_ok=True)
        source = Path(os.environ.get("INFOCENTAR_VAR_DIR", str(BASE_DIR / "var"))) / "locale"
        if source.is_dir() and not (self.var_dir / "locale").exists():
            (self.var_dir / "locale").symlink_to(source.resolve(), target_is_directory=True)

    def variables(self) -> dict[str, str]:
        """The variables the app is configured with (also recorded in the results)."""
        values = {
            "DJANGO_SETTINGS_MODULE": self.settings_module,
            "DATABASE_URL": self.database_url,
            "SECRET_KEY": self.secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "TASK_BACKEND": "database",
            "INFOCENTAR_VAR_DIR": str(self.var_dir),
            "STATIC_ROOT": str(self.static_root),
            "MEDIA_ROOT": str(self.tmp / "media"),
            "SITE_URL": "http://127.0.0.1",
            "LOG_LEVEL": "WARNING",
            # The comment_post scenario posts as one citizen, hundreds of times a minute (consultations/bench.py).
            "CONSULTATIONS_COMMENTS_PER_HOUR": "1000000",
        }
        if os.environ.get("BENCH_REDIS_URL"):
            values["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
        return values

    def env(self) -> dict[str, str]:
        """The full environment for a process of the app."""
        env = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
        env.update(self.variables())
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BASE_DIR), os.environ.get("PYTHONPATH")]))
        return env

    def apply(self) -> None:
        """Configure this process like the app's (before django.setup())."""
        for key in SCRUBBED:
            os.environ.pop(key, None)
        os.environ.update(self.variables())

    def public_settings(self) -> dict[str, str]:
        """The variables without the secret, for the results file."""
        shown = {k: v for k, v in self.variables().items() if k != "SECRET_KEY"}
        shown["DATABASE_URL"] = _without_password(self.database_url)
        if "REDIS_URL" in shown:
            shown["REDIS_URL"] = _without_password(shown["REDIS_URL"])
        return shown

    def cleanup(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _without_password(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url
