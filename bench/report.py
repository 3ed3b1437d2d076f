"""The results: a table for the terminal and a JSON file with the same figures and the context."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
from collections.abc import Sequence
from importlib import metadata as importlib_metadata
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_JSON = BASE_DIR / "bench" / "results" / "latest.json"
RESULTS_FORMAT = 1

COLUMNS = (
    # (heading, key, format)
    ("scenario", "scenario", "{}"),
    ("req/s", "rps", "{:.1f}"),
    ("p50 ms", "p50_ms", "{:.1f}"),
    ("p95 ms", "p95_ms", "{:.1f}"),
    ("p99 ms", "p99_ms", "{:.1f}"),
    ("errors", "errors", "{:d}"),
    ("queries/req", "queries_per_request", "{:g}"),
    ("÷ floor", "ratio_to_floor", "{:.3f}"),
    ("cache hits", "cache_hit_ratio", "{:.0%}"),
    ("method", "method", "{}"),
    ("signed in as", "user", "{}"),
)
# Shown only when some scenario is not an anonymous GET (a run of those alone looks as it always did).
REQUEST_COLUMNS = ("method", "user")
TEXT_COLUMNS = ("scenario", "method", "user")
MISSING = "–"


def row(
    name: str,
    load: dict | None,
    queries: dict | None,
    floor_rps: float | None,
    method: str = "GET",
    user: str | None = None,
) -> dict:
    """The figures of one scenario, flat (one table row, one JSON entry); `user`: signed in as (e-mail)."""
    from bench.stats import ratio

    latency = (load or {}).get("latency_ms", {})
    rps = (load or {}).get("rps")
    return {
        "scenario": name,
        "rps": rps,
        "p50_ms": latency.get("p50"),
        "p95_ms": latency.get("p95"),
        "p99_ms": latency.get("p99"),
        "errors": (load or {}).get("errors"),
        "queries_per_request": None if queries is None else round(queries["queries_per_request"], 1),
        "ratio_to_floor": ratio(rps, floor_rps),
        "cache_hit_ratio": (load or {}).get("cache_hit_ratio"),
        "method": method,
        "user": user,
    }


def _cell(value, fmt: str) -> str:
    if value is None:
        return MISSING
    try:
        return fmt.format(value)
    except (ValueError, TypeError):
        return str(value)


def _columns(rows: Sequence[dict]) -> list[tuple[str, str, str]]:
    """The columns to show: the method and the person only when some row is not an anonymous GET."""
    plain = all(r.get("method", "GET") == "GET" and r.get("user") is None for r in rows)
    return [column for column in COLUMNS if not (plain and column[1] in REQUEST_COLUMNS)]


def format_table(rows: Sequence[dict]) -> str:
    """A fixed-width table: the scenario (and method, person) left-aligned, the figures right-aligned."""
    columns = _columns(rows)
    cells = [[heading for heading, _key, _fmt in columns]]
    cells += [[_cell(r.get(key), fmt) for _heading, key, fmt in columns] for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    left = [key in TEXT_COLUMNS for _heading, key, _fmt in columns]
    lines = []
    for line in cells:
        aligned = [
            value.ljust(width) if is_text else value.rjust(width)
            for value, width, is_text in zip(line, widths, left, strict=True)
        ]
        lines.append("  ".join(aligned).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def write_json(path: Path | str, payload: dict) -> Path:
    """Write `payload` as indented UTF-8 JSON, atomically (a reader never sees half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    os.replace(partial, path)
    return path


def _git(*args: str) -> str | None:
    try:
        completed = subprocess.run(["git", *args], cwd=BASE_DIR, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout.strip() if completed.returncode == 0 else None


def _version(package: str) -> str | None:
    try:
        return importlib_metadata.version(package)
    except importlib_metadata.PackageNotFoundError:
        return None


def metadata(**extra) -> dict:
    """Where and when the figures were measured: commit, date, machine, versions; plus `extra`."""
    status = _git("status", "--porcelain", "--untracked-files=no")
    return {
        "format": RESULTS_FORMAT,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": None if status is None else bool(status),
        "machine": {
            "cores": os.cpu_count(),
            "platform": platform.platform(),
            "python": sys.version.split()[0],
        },
        "versions": {name: _version(name) for name in ("django", "wagtail", "gunicorn", "psycopg")},
        **extra,
    }
