"""`python -m bench`: set up, generate data, serve, drive every scenario, report.

1. Static files are collected into a temporary STATIC_ROOT, then Django is
   set up in this process with the app's production settings
   (bench.environment); a dedicated PostgreSQL database is created and
   migrated.
2. Data: `manage.py seed_demo` when the project has it, the home page as the
   default site's root, then every bench data generator at the chosen scale
   (bench.data), then `manage.py update_index`.
3. The people the signed-in scenarios name are signed in, in this process,
   as through allauth with their second factor (bench.sessions); then SQL
   queries per request of each scenario are counted here (bench.queries),
   with the same cookies and forms the load generator will send.
4. Two gunicorn servers with identical settings start on free ports of
   127.0.0.1: the app and the floor (bench.floor). For each scenario a load
   generator process (bench.load) warms up, then measures for a fixed time;
   the floor runs first and once more at the end, to show drift.
5. A table goes to standard output and everything to a JSON file; the
   servers, the temporary directory and (unless --keep-db) the database are
   removed, whatever happens, Ctrl+C and SIGTERM included.
"""

from __future__ import annotations

import argparse
import secrets
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench import report
from bench.environment import BASE_DIR, SETTINGS_MODULE, BenchEnvironment, BenchSetupError
from bench.load import CACHE_BUSTER, LoadSpec, drive
from bench.scenarios import Scenario
from bench.sessions import CSRF_FIELD, Credentials, SessionBook

# A floor that moves more than this between the start and the end of a run means the machine was busy.
DRIFT_TOLERANCE = 0.10
DEFAULTS = {
    "scale": "small",
    "duration": 10.0,
    "warmup": 2.0,
    "concurrency": 8,
    "workers": 2,
    "worker_class": "sync",
    "threads": 4,
    "load_processes": 1,
}


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark Infocentar under gunicorn with production settings on PostgreSQL "
        "against a bare Django view (the floor). See docs/benchmarks.md.",
    )
    parser.add_argument("--scale", choices=("small", "large"), default=DEFAULTS["scale"])
    parser.add_argument("--scenarios", help="comma-separated scenario names (default: all); the floor always runs")
    parser.add_argument("--duration", type=float, default=DEFAULTS["duration"], help="seconds measured per scenario")
    parser.add_argument("--warmup", type=float, default=DEFAULTS["warmup"], help="seconds of warm-up per scenario")
    parser.add_argument("--concurrency", type=int, default=DEFAULTS["concurrency"], help="concurrent connections")
    parser.add_argument("--workers", type=int, default=DEFAULTS["workers"], help="gunicorn worker processes")
    parser.add_argument("--worker-class", choices=("gthread", "sync"), default=DEFAULTS["worker_class"])
    parser.add_argument("--threads", type=int, default=DEFAULTS["threads"], help="threads per gthread worker")
    parser.add_argument(
        "--load-processes",
        type=int,
        default=DEFAULTS["load_processes"],
        help="processes the load generator spreads its connections over",
    )
    parser.add_argument("--json", type=Path, default=report.DEFAULT_JSON, help="where to write the results")
    parser.add_argument(
        "--keep-db",
        action="store_true",
        help="keep the bench database afterwards, and reuse it when it holds this scale's data",
    )
    parser.add_argument("--no-seed-demo", action="store_true", help="do not run manage.py seed_demo")
    parser.add_argument(
        "--settings",
        default=SETTINGS_MODULE,
        help=f"the app's settings module (default {SETTINGS_MODULE}; a variant must build on it)",
    )
    parser.add_argument("--list", action="store_true", help="list the scenarios and data generators, then stop")
    args = parser.parse_args(argv)
    args.scenarios = [name.strip() for name in (args.scenarios or "").split(",") if name.strip()]
    for name in ("duration", "concurrency", "workers", "threads", "load_processes"):
        if getattr(args, name) <= 0:
            parser.error(f"--{name.replace('_', '-')} must be positive")
    if args.warmup < 0:
        parser.error("--warmup must not be negative")
    return args


def manage(env: BenchEnvironment, *arguments: str, timeout: float = 1800) -> str:
    """Run a manage.py command with the bench's production settings; its output."""
    command = [sys.executable, "manage.py", *arguments]
    completed = subprocess.run(
        command, cwd=BASE_DIR, env=env.env(), capture_output=True, text=True, timeout=timeout, check=False
    )
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr)[-6000:]
        raise BenchSetupError(f"manage.py {' '.join(arguments)} failed (exit {completed.returncode}):\n{output}")
    return completed.stdout


def _interrupt(signum, frame) -> None:
    # SIGTERM ends the run as Ctrl+C does: through the finally blocks that stop the servers.
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return run(args)
    except KeyboardInterrupt:
        log("interrupted; servers stopped and temporary files removed.")
        return 130
    except BenchSetupError as exc:
        log(f"error: {exc}")
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous)


@dataclass
class Measured:
    """One scenario's paths and figures."""

    scenario: Scenario
    paths: list[str]
    queries: dict | None
    load: dict = field(default_factory=dict)
    # The session and CSRF token of a signed-in or POST scenario (None: anonymous GETs).
    credentials: Credentials | None = None
    # A POST's form per path, CSRF token included.
    forms: list[list[list[str]]] | None = None
    # Before every "{n}" token of a POST, so records posted differ from one run to the next.
    token_prefix: str = ""

    @property
    def user(self) -> str | None:
        return self.credentials.email if self.credentials else None


def run(args: argparse.Namespace) -> int:
    from bench import environment

    database_url, note = environment.choose_database_url()
    if note:
        log(note)
    env = BenchEnvironment(database_url, settings_module=args.settings)
    timings: dict[str, float] = {}
    servers: list = []
    lock = None
    created_db = False
    book: SessionBook | None = None
    try:
        env.prepare()
        env.apply()
        if args.list:
            _start_django()
            _print_registries()
            return 0
        # Before django.setup(): setting up instantiates the static files storage, which reads
        # the manifest once, so the manifest must be there by then.
        with _timed(timings, "collectstatic"):
            log(f"collecting static files ({args.settings})")
            manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        discovered = _start_django()
        from bench import scenarios

        try:
            selected = scenarios.select(args.scenarios)
        except KeyError as exc:
            raise BenchSetupError(str(exc.args[0])) from None

        lock, alone = environment.lock_database(database_url)
        created_db = True  # from here on, the database is this run's to drop
        if not alone:
            log("warning: another bench run is going on; both share the CPU, so neither's figures hold")
        setup = _prepare_database(args, env, timings)
        book = SessionBook()
        plan = _plan(selected, book)
        _close_connections()  # the servers, not this process, talk to the database from here on

        from bench.servers import GunicornServer, ServerOptions

        options = ServerOptions(workers=args.workers, worker_class=args.worker_class, threads=args.threads)
        app = GunicornServer("app", "infocentar.wsgi:application", env.env(), options, env.log_dir)
        floor = GunicornServer("floor", "bench.floor.wsgi:application", env.env(), options, env.log_dir)
        servers = [app, floor]
        log(f"starting gunicorn ({_describe(options)}) for the app and for the floor")
        app.start("/health/live")
        floor.start("/")
        floor_check = _measure(args, plan, app, floor)
        for server in servers:
            server.stop()

        floor_rps = floor_check["rps_start"]
        rows = [
            report.row(m.scenario.name, m.load, m.queries, floor_rps, method=m.scenario.method, user=m.user)
            for m in plan
        ]
        print()
        print(report.format_table(rows))
        _print_notes(plan, floor_check)
        if not alone:
            print("note: another bench run was going on at the same time; these figures do not hold.")
        meta = report.metadata(
            scale=args.scale,
            settings=env.public_settings(),
            server=options.describe(),
            load={
                "concurrency": args.concurrency,
                "duration_s": args.duration,
                "warmup_s": args.warmup,
                "processes": args.load_processes,
                "tool": "bench.load (closed loop, http.client keep-alive)",
            },
            floor_check=floor_check,
            other_bench_running=not alone,
            setup_seconds={k: round(v, 1) for k, v in timings.items()},
            apps_with_bench_modules=discovered,
            **setup,
        )
        written = report.write_json(args.json, {"metadata": meta, "results": _results(rows, plan)})
        log(f"results written to {_relative(written)}")
        return 0
    finally:
        for server in servers:
            server.stop()
        if book is not None:
            _end_sessions(book)
        _close_connections()
        if created_db and not args.keep_db:
            try:
                environment.drop_database(database_url)
            except BenchSetupError as exc:  # pragma: no cover - cleanup must not hide the real error
                log(f"could not drop the bench database: {exc}")
        if lock is not None:
            lock.close()
        env.cleanup()


def _start_django() -> list[str]:
    """django.setup() with the bench's settings; the apps' bench modules it found."""
    import django

    django.setup()
    from bench import scenarios

    return scenarios.autodiscover()


def _prepare_database(args: argparse.Namespace, env: BenchEnvironment, timings: dict[str, float]) -> dict:
    """Create (or, with --keep-db, reuse), migrate and fill the database; what was done."""
    from bench import data, environment

    url = env.database_url
    name = environment.database_name(url)
    fingerprint = data.fingerprint(args.scale)
    version = environment.server_version(url)
    reuse = args.keep_db and environment.database_exists(url) and environment.read_marker(url) == fingerprint
    if reuse:
        log(f"reusing the {args.scale} data in {name} (--keep-db)")
    else:
        log(f"creating database {name} (PostgreSQL {version})")
        environment.create_database(url)
    with _timed(timings, "migrate"):
        log("migrating")
        manage(env, "migrate", "--noinput")
    if reuse:
        with _timed(timings, "analyze"):
            log("refreshing planner statistics (ANALYZE)")
            environment.analyze(url)
        return {"postgresql": version, "seed_demo": "reused", "data": {"reused": fingerprint}}
    seed_demo = _seed_demo(env, skip=args.no_seed_demo, timings=timings)
    generated = _generate(env, args.scale, timings)
    with _timed(timings, "analyze"):
        log("vacuuming and gathering planner statistics (VACUUM (ANALYZE))")
        environment.analyze(url, vacuum=True)
    environment.write_marker(url, fingerprint)
    return {"postgresql": version, "seed_demo": seed_demo, "data": generated}


def _plan(selected: list[Scenario], book: SessionBook) -> list[Measured]:
    """Each scenario's paths, session and forms and, counted in this process, its queries per request."""
    from bench import scenarios

    log("counting SQL queries per request")
    plan = []
    for item in selected:
        measured = Measured(item, item.paths(), None)
        if item.signed_in or item.method != "GET":
            _authorise(measured, book)
        if item.target == scenarios.FLOOR:
            measured.queries = {"queries_per_request": 0, "note": "the floor has no database"}
        elif item.count_queries:
            measured.queries = _count(measured)
        plan.append(measured)
    return plan


def _authorise(measured: Measured, book: SessionBook) -> None:
    """Sign the scenario's person in (once per person and run) and add the CSRF token to its forms."""
    item = measured.scenario
    try:
        email = item.user_email()
    except ValueError as exc:
        raise BenchSetupError(str(exc)) from None
    try:
        measured.credentials = book.credentials(email)
    except BenchSetupError as exc:
        raise BenchSetupError(f"scenario {item.name!r}: {exc}") from None
    if email is not None:
        log(f"{item.name}: signed in as {measured.credentials.describe()}")
    if item.method == "POST":
        measured.token_prefix = f"{secrets.token_hex(3)}-"
        measured.forms = []
        for path in measured.paths:
            pairs = [[name, value] for name, value in item.form_for(path) if name != CSRF_FIELD]
            measured.forms.append([*pairs, [CSRF_FIELD, measured.credentials.csrf_token]])


def _spec(
    args: argparse.Namespace,
    port: int,
    paths: list[str],
    cache_header: str | None = None,
    measured: Measured | None = None,
) -> LoadSpec:
    credentials = measured.credentials if measured else None
    return LoadSpec(
        port=port,
        paths=paths,
        duration=args.duration,
        warmup=args.warmup,
        concurrency=args.concurrency,
        processes=args.load_processes,
        cache_header=cache_header,
        method=measured.scenario.method if measured else "GET",
        headers={"Cookie": credentials.cookie_header()} if credentials else {},
        forms=measured.forms if measured else None,
        token_prefix=measured.token_prefix if measured else "",
    )


def _page_cache_header() -> str | None:
    """The header by which the app's page cache says "hit" or "miss", if the app has one."""
    try:
        from infocentar.core.pagecache import HEADER
    except ImportError:
        return None
    return HEADER


def _measure(args: argparse.Namespace, plan: list[Measured], app, floor) -> dict:
    """Drive every scenario (the floor first) and the floor once more; the floor's drift."""
    from bench import scenarios

    floor_rps = None
    cache_header = _page_cache_header()
    for measured in plan:
        on_floor = measured.scenario.target == scenarios.FLOOR
        server = floor if on_floor else app
        log(f"{measured.scenario.name}: {args.warmup:g} s warm-up, {args.duration:g} s measured")
        spec = _spec(args, server.port, measured.paths, None if on_floor else cache_header, measured)
        measured.load = drive(spec)
        if measured.scenario.name == scenarios.FLOOR_SCENARIO:
            floor_rps = measured.load["rps"]
    # If the machine's speed changed during the run (other work on it), this shows it.
    log("the floor again, to check that the machine's speed did not drift")
    floor_end = drive(_spec(args, floor.port, scenarios.get(scenarios.FLOOR_SCENARIO).paths()))["rps"]
    return {
        "rps_start": floor_rps,
        "rps_end": floor_end,
        "drift": (floor_end - floor_rps) / floor_rps if floor_rps else None,
    }


def _results(rows: list[dict], plan: list[Measured]) -> list[dict]:
    return [
        {
            **row,
            "description": m.scenario.description,
            "note": m.scenario.note,
            "target": m.scenario.target,
            "signed_in_as": m.user,
            "mfa": m.credentials.mfa if m.credentials else None,
            "authentication_methods": m.credentials.authentication_methods if m.credentials else [],
            "form_fields": sorted({name for form in m.forms or [] for name, _value in form}),
            "paths": m.paths[:10],
            "path_count": len(m.paths),
            "requests": m.load["requests"],
            "latency_ms": m.load["latency_ms"],
            "status_counts": m.load["status_counts"],
            "error_kinds": m.load["error_kinds"],
            "page_cache": m.load["cache"],
            "bytes_per_request": round(m.load["bytes_per_request"]),
            "warmup_requests": m.load["warmup_requests"],
            "load_cpu_percent": m.load["load_cpu_percent"],
            "queries": m.queries,
        }
        for row, m in zip(rows, plan, strict=True)
    ]


@contextmanager
def _timed(timings: dict[str, float], name: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = time.perf_counter() - started


def _seed_demo(env: BenchEnvironment, skip: bool, timings: dict[str, float]) -> str:
    from django.core.management import get_commands

    if skip:
        return "skipped (--no-seed-demo)"
    if "seed_demo" not in get_commands():
        log("manage.py seed_demo does not exist yet; building the minimum (a home page as the site root)")
        return "absent"
    with _timed(timings, "seed_demo"):
        log("running manage.py seed_demo")
        manage(env, "seed_demo")
    return "ran"


def _generate(env: BenchEnvironment, scale: str, timings: dict[str, float]) -> dict:
    from bench import data
    from bench.pages import tree_problems

    with _timed(timings, "generate"):
        data.ensure_home_page()
        log(f"generating {scale} data")
        generated = data.generate(scale, log=lambda line: log(line.strip()))
    problems = tree_problems()
    if problems:
        raise BenchSetupError(f"the generated page tree is inconsistent: {problems}")
    with _timed(timings, "update_index"):
        log("building the search index (manage.py update_index)")
        manage(env, "update_index", timeout=7200)
    return generated


def _count(measured: Measured) -> dict:
    from bench.queries import count_queries

    credentials = measured.credentials
    counted = count_queries(
        measured.paths,
        method=measured.scenario.method,
        forms=measured.forms,
        cookies=credentials.cookies if credentials else None,
        token_prefix=measured.token_prefix,
    )
    bad = [status for status in counted["statuses"] if status >= 400]
    if bad:
        detail = f" ({counted['first_error']})" if counted["first_error"] else ""
        log(f"warning: {measured.scenario.name} answered {bad} in-process{detail}")
    return counted


def _end_sessions(book: SessionBook) -> None:
    """Delete the sessions the run made (when the database is kept, they would otherwise stay)."""
    from django.apps import apps

    if not apps.ready:
        return
    try:
        book.end_all()
    except Exception as exc:  # cleanup must not hide the real error
        log(f"could not delete the bench sessions: {exc}")


def _close_connections() -> None:
    from django.apps import apps

    if apps.ready:  # otherwise this process never opened one
        from django.db import connections

        connections.close_all()


def _describe(options) -> str:
    return ", ".join(f"{key}={value}" for key, value in options.describe().items())


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(BASE_DIR))
    except ValueError:
        return str(path)


def _print_notes(plan: list[Measured], floor_check: dict) -> None:
    notes: dict[str, list[str]] = {}
    for m in plan:
        if m.scenario.note:
            notes.setdefault(m.scenario.note, []).append(m.scenario.name)
        if m.load["errors"]:
            failed = {k: v for k, v in m.load["status_counts"].items() if not k.isdigit() or int(k) >= 400}
            notes.setdefault(f"errors: {failed} {m.load['error_kinds'] or ''}".strip(), []).append(m.scenario.name)
        hits = m.load.get("cache_hit_ratio")
        if m.scenario.cached and (hits or 0) < 0.9:
            shown = "no X-Page-Cache header" if hits is None else f"{hits:.0%} hits"
            notes.setdefault(f"meant to be answered by the page cache, but {shown}", []).append(m.scenario.name)
        if hits and all(CACHE_BUSTER in path for path in m.paths):
            notes.setdefault(f"meant to miss the page cache, but {hits:.0%} hits", []).append(m.scenario.name)
        cpu = m.load.get("load_cpu_percent") or 0
        if cpu > 90 * m.load["processes"]:
            notes.setdefault(
                "the load generator used most of its cores: the figure may be the client's limit "
                "(try --load-processes 2)",
                [],
            ).append(m.scenario.name)
    print()
    print("req/s: responses completed per second in the measured window; pNN: latency percentiles;")
    print("errors: HTTP status >= 400 or failed connections; queries/req: SQL per request (in-process);")
    print("÷ floor: req/s divided by the floor's req/s (a bare Django view, same gunicorn settings);")
    print("cache hits: share of answers the page cache gave (X-Page-Cache: hit).")
    for note, names in notes.items():
        print(f"note ({', '.join(names)}): {note}")
    drift = floor_check.get("drift")
    if drift is not None:
        verdict = "steady"
        if abs(drift) > DRIFT_TOLERANCE:
            verdict = "NOT steady: other work on the machine? compare ratios with care"
        end = floor_check["rps_end"]
        print(f"floor re-measured at the end: {end:.1f} req/s ({drift:+.1%} from the start; {verdict})")


def _print_registries() -> None:
    from bench import data, scenarios

    print("scenarios:")
    for item in scenarios.all_scenarios():
        who = f" [{item.method}{f' as {item.describe_user()}' if item.signed_in else ''}]"
        shown = who if item.signed_in or item.method != "GET" else ""
        print(f"  {item.name:<18} {item.description}{shown}")
    print("data generators (small / large):")
    for item in data.generators():
        print(f"  {item.name:<18} {item.size('small'):>6} / {item.size('large'):<7} {item.description}")
