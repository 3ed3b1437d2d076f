"""A small closed-loop HTTP load generator, run in its own process.

`concurrency` workers (threads, optionally spread over several processes)
each hold one keep-alive connection (http.client) and send the next request
as soon as the previous response has been read in full: a closed loop, so the
offered load adapts to the server and the latency of every request is the
server's answer time plus the connection's queueing, never a client backlog.

The run has a warm-up, whose requests are sent but not counted, then a
measuring window of fixed length; a request counts when its response
completes inside the window. Responses with a status of 400 or more, and
requests that fail at the connection level, are errors; redirects are
answers like any other (never followed). A GET on a reused keep-alive
connection that the server had already closed is retried once on a new
connection, as every HTTP client does for an idempotent request. A POST is
never sent twice: before sending one on a reused connection, the worker
checks whether the server has closed it (and if so opens a new one first);
a POST whose connection fails once it has been sent is an error.

A spec may name the method ("GET" or "POST"), extra headers sent with every
request (the Cookie of a signed-in session: bench.sessions) and, for a POST,
the url-encoded form of each path (CSRF token included by the harness), with
an Origin header naming the server, as a browser sends.

A path may contain "{n}", replaced by a token unique to each request (a
cache-busting query string). When the spec names a `cache_header` (the page
cache's X-Page-Cache), its values ("hit", "miss") are counted.

Run as `python -m bench.load --spec JSON [--out FILE]` (or `--spec-file FILE`);
bench.cli does that through `drive()`, so the load never shares a process
(or a GIL) with the harness or the servers. `drive()` hands the spec over in
a file of its private temporary directory, so a session cookie never shows
on a command line.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import urlencode

from bench.stats import summarise

BASE_DIR = Path(__file__).resolve().parent.parent
CACHE_BUSTER = "{n}"
HEADERS = {
    "User-Agent": "infocentar-bench/1",
    "Accept": "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8",
}
# Time given to worker processes to start before the warm-up begins.
PROCESS_START_SLACK_S = 0.5


@dataclass
class LoadSpec:
    """What to send, to where, for how long and how hard."""

    port: int
    paths: list[str]
    duration: float = 10.0
    warmup: float = 2.0
    concurrency: int = 8
    processes: int = 1
    host: str = "127.0.0.1"
    timeout: float = 30.0
    cache_header: str | None = None
    method: str = "GET"
    # Sent with every request (e.g. {"Cookie": "sessionid=…; csrftoken=…"}).
    headers: dict[str, str] = field(default_factory=dict)
    # For a POST: the form of each path, in the same order, as [name, value] pairs.
    forms: list[list[list[str]]] | None = None
    # Put before every request's "{n}" token, so tokens differ between runs too (POSTed records).
    token_prefix: str = ""

    def __post_init__(self) -> None:
        if not self.paths:
            raise ValueError("a load spec needs at least one path")
        if self.method not in ("GET", "POST"):
            raise ValueError(f"the load generator sends GET or POST, not {self.method!r}")
        if self.forms is not None and (self.method != "POST" or len(self.forms) != len(self.paths)):
            raise ValueError("forms go with a POST, one per path")
        if self.concurrency < 1 or self.processes < 1:
            raise ValueError("concurrency and processes must be at least 1")
        if self.duration <= 0 or self.warmup < 0:
            raise ValueError("duration must be positive and warm-up not negative")
        if self.host not in {"127.0.0.1", "localhost", "::1"}:
            raise ValueError("the load generator only talks to the local machine")

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> LoadSpec:
        return cls(**json.loads(text))


@dataclass
class WorkerResult:
    """What one or more workers saw inside the measuring window."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    error_kinds: Counter = field(default_factory=Counter)
    cache: Counter = field(default_factory=Counter)
    bytes_received: int = 0
    warmup_requests: int = 0

    def merge(self, other: WorkerResult) -> None:
        self.latencies.extend(other.latencies)
        self.statuses.update(other.statuses)
        self.error_kinds.update(other.error_kinds)
        self.cache.update(other.cache)
        self.bytes_received += other.bytes_received
        self.warmup_requests += other.warmup_requests


def expand(path: str, token: str) -> str:
    """The path with its cache-busting placeholder, if any, replaced by `token`."""
    return path.replace(CACHE_BUSTER, token)


def encode_form(pairs: list[list[str]] | None, token: str) -> bytes:
    """The url-encoded body of a form, its "{n}" placeholders replaced by `token`."""
    return urlencode([(name, expand(value, token)) for name, value in pairs or []]).encode("ascii")


def origin(host: str, port: int | None = None) -> str:
    """The Origin a browser sends for a page served by http://host[:port]."""
    name = f"[{host}]" if ":" in host else host
    return f"http://{name}:{port}" if port else f"http://{name}"


def is_error(status: int | None) -> bool:
    """Connection failures and 4xx/5xx answers are errors; 1xx–3xx are not."""
    return status is None or status >= 400


class _Connection:
    """One keep-alive connection that reconnects when the server closes it."""

    def __init__(self, host: str, port: int, timeout: float, cache_header: str | None = None) -> None:
        self.host, self.port, self.timeout, self.cache_header = host, port, timeout, cache_header
        self.conn: http.client.HTTPConnection | None = None
        self.cache_value: str | None = None

    def get(self, path: str) -> tuple[int | None, int, str | None]:
        """(status, body bytes, error kind) of one anonymous GET; see `send`."""
        return self.send("GET", path)

    def send(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes | None = None
    ) -> tuple[int | None, int, str | None]:
        """(status, body bytes, error kind) of one request; the cache header's value in `cache_value`.

        A GET that finds its kept-alive connection closed by the server is sent
        again on a new one; a POST is never sent twice (see the module).
        """
        self.cache_value = None
        headers = {**HEADERS, **(headers or {})}
        idempotent = method == "GET"
        for attempt in range(2):
            kept_alive_post = not idempotent and self.conn is not None and self.conn.sock is not None
            if kept_alive_post and _closed_by_server(self.conn.sock):
                self.close()  # nothing sent yet: open a new connection for the POST
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            reused = self.conn.sock is not None
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                body = response.read()
                if self.cache_header:
                    self.cache_value = response.getheader(self.cache_header)
                if response.will_close:
                    self.conn.close()
                return response.status, len(body), None
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as exc:
                self.close()
                if idempotent and reused and attempt == 0:
                    continue
                return None, 0, type(exc).__name__
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                return None, 0, type(exc).__name__
        return None, 0, "RetryExhausted"  # pragma: no cover - the loop always returns

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _closed_by_server(sock: socket.socket) -> bool:
    """Whether the server has closed this idle connection (it reads as the end of the stream)."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        if not readable:
            return False
        return sock.recv(1, socket.MSG_PEEK) == b""
    except BlockingIOError:
        return False
    except (OSError, ValueError):
        return True


def request_headers(spec: LoadSpec) -> dict[str, str]:
    """The headers every request of the spec carries beyond the defaults."""
    headers = dict(spec.headers)
    if spec.method == "POST":
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        headers.setdefault("Origin", origin(spec.host, spec.port))
    return headers


def _worker(spec: LoadSpec, index: int, measure_start: float, measure_end: float, out: WorkerResult) -> None:
    connection = _Connection(spec.host, spec.port, spec.timeout, spec.cache_header)
    paths = spec.paths
    headers = request_headers(spec)
    position = index  # workers start at different paths when there are several
    sequence = 0
    try:
        while time.monotonic() < measure_end:
            token = f"{spec.token_prefix}{index}-{sequence}"
            at = position % len(paths)
            path = expand(paths[at], token)
            body = encode_form(spec.forms[at] if spec.forms else None, token) if spec.method == "POST" else None
            position += 1
            sequence += 1
            started = time.monotonic()
            status, size, error = connection.send(spec.method, path, headers, body)
            finished = time.monotonic()
            if finished < measure_start:
                out.warmup_requests += 1
                continue
            if finished > measure_end:
                break
            out.latencies.append(finished - started)
            out.statuses[status if status is not None else "connection-error"] += 1
            out.bytes_received += size
            if spec.cache_header:
                out.cache[connection.cache_value or "none"] += 1
            if error:
                out.error_kinds[error] += 1
    finally:
        connection.close()


def run_threads(spec: LoadSpec, indices: list[int], measure_start: float, measure_end: float) -> WorkerResult:
    """Run one thread per worker index until the window closes; their merged result."""
    results = [WorkerResult() for _ in indices]
    threads = [
        threading.Thread(target=_worker, args=(spec, index, measure_start, measure_end, result), daemon=True)
        for index, result in zip(indices, results, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    merged = WorkerResult()
    for result in results:
        merged.merge(result)
    return merged


def split(count: int, parts: int) -> list[list[int]]:
    """Worker indices 0..count-1 dealt round-robin into `parts` non-empty groups."""
    parts = max(1, min(parts, count))
    return [list(range(start, count, parts)) for start in range(parts)]


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_load(spec: LoadSpec) -> dict:
    """Drive the load described by `spec` from this process; the summary as a dict."""
    wall_start = time.monotonic()
    cpu_start = _cpu_seconds()
    groups = split(spec.concurrency, spec.processes)
    slack = PROCESS_START_SLACK_S if len(groups) > 1 else 0.0
    measure_start = wall_start + slack + spec.warmup
    measure_end = measure_start + spec.duration
    merged = WorkerResult()
    if len(groups) == 1:
        merged = run_threads(spec, groups[0], measure_start, measure_end)
    else:
        with ProcessPoolExecutor(max_workers=len(groups), mp_context=get_context("spawn")) as pool:
            futures = [pool.submit(run_threads, spec, group, measure_start, measure_end) for group in groups]
            for future in futures:
                merged.merge(future.result())
    wall = time.monotonic() - wall_start
    return summarise_result(spec, merged, cpu_seconds=_cpu_seconds() - cpu_start, wall_seconds=wall)


def summarise_result(spec: LoadSpec, result: WorkerResult, cpu_seconds: float, wall_seconds: float) -> dict:
    requests = len(result.latencies)
    errors = sum(count for status, count in result.statuses.items() if is_error(_status(status)))
    return {
        "requests": requests,
        "errors": errors,
        "rps": requests / spec.duration,
        "latency_ms": summarise(result.latencies),
        "status_counts": {str(status): count for status, count in sorted(result.statuses.items(), key=str)},
        "error_kinds": dict(result.error_kinds),
        # Answers by the page cache's header: {"hit": n, "miss": n, "none": n}; None if not asked.
        "cache": dict(result.cache) if spec.cache_header else None,
        "cache_hit_ratio": hit_ratio(result.cache, requests),
        "bytes_per_request": (result.bytes_received / requests) if requests else 0,
        "warmup_requests": result.warmup_requests,
        "duration_s": spec.duration,
        "warmup_s": spec.warmup,
        "concurrency": spec.concurrency,
        "method": spec.method,
        "processes": len(split(spec.concurrency, spec.processes)),
        # Share of one core the load generator used (100 = one core busy).
        "load_cpu_percent": (cpu_seconds / wall_seconds * 100) if wall_seconds else None,
    }


def hit_ratio(cache: Counter, requests: int) -> float | None:
    """Share of answers that were page-cache hits; None when no answer carried the header."""
    answered = sum(count for value, count in cache.items() if value != "none")
    return cache["hit"] / requests if answered and requests else None


def _status(status: int | str) -> int | None:
    return status if isinstance(status, int) else None


def drive(spec: LoadSpec, timeout: float | None = None) -> dict:
    """Run the load generator in a separate Python process and return its summary."""
    timeout = timeout or (spec.warmup + spec.duration + PROCESS_START_SLACK_S + spec.timeout + 30)
    with tempfile.TemporaryDirectory(prefix="infocentar-bench-load-") as tmp:
        out = Path(tmp) / "result.json"
        spec_file = Path(tmp) / "spec.json"
        spec_file.write_text(spec.to_json(), encoding="utf-8")
        command = [sys.executable, "-m", "bench.load", "--spec-file", str(spec_file), "--out", str(out)]
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(BASE_DIR), os.environ.get("PYTHONPATH")])),
        }
        completed = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout)
        if completed.returncode != 0 or not out.exists():
            raise RuntimeError(f"the load generator failed (exit {completed.returncode}):\n{completed.stderr[-4000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description="Closed-loop HTTP load generator.")
    given = parser.add_mutually_exclusive_group(required=True)
    given.add_argument("--spec", help="the LoadSpec as JSON")
    given.add_argument("--spec-file", type=Path, help="a file holding the LoadSpec as JSON")
    parser.add_argument("--out", help="write the summary here (default: standard output)")
    args = parser.parse_args(argv)
    text = args.spec if args.spec is not None else args.spec_file.read_text(encoding="utf-8")
    summary = run_load(LoadSpec.from_json(text))
    text = json.dumps(summary, indent=2)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
