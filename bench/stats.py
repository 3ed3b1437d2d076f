"""Latency statistics: percentiles by linear interpolation between closest ranks."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

PERCENTILES = (50, 95, 99)


def percentile(sorted_values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0–100) of already sorted values; None when there are none.

    Linear interpolation between the closest ranks (NumPy's default "linear"
    method, and `statistics.quantiles(method="inclusive")`): p=0 is the
    minimum, p=100 the maximum, p=50 of an even count the mean of the middle two.
    """
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be between 0 and 100, not {p!r}")
    n = len(sorted_values)
    if n == 0:
        return None
    if n == 1:
        return float(sorted_values[0])
    rank = (p / 100) * (n - 1)
    low = math.floor(rank)
    high = min(low + 1, n - 1)
    fraction = rank - low
    return float(sorted_values[low] + (sorted_values[high] - sorted_values[low]) * fraction)


def summarise(latencies_s: Iterable[float]) -> dict[str, float | None]:
    """p50/p95/p99, mean, min and max of latencies given in seconds, in milliseconds."""
    ordered = sorted(latencies_s)
    summary: dict[str, float | None] = {}
    for p in PERCENTILES:
        value = percentile(ordered, p)
        summary[f"p{p}"] = None if value is None else value * 1000
    if ordered:
        summary["mean"] = sum(ordered) / len(ordered) * 1000
        summary["min"] = ordered[0] * 1000
        summary["max"] = ordered[-1] * 1000
    else:
        summary["mean"] = summary["min"] = summary["max"] = None
    return summary


def ratio(value: float | None, floor: float | None) -> float | None:
    """value ÷ floor, or None when either is missing or the floor is zero."""
    if value is None or not floor:
        return None
    return value / floor
