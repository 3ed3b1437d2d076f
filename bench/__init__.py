"""Infocentar's benchmark harness: `python -m bench` (or `make bench`).

Starts the application under gunicorn with production settings on PostgreSQL,
generates data at a chosen scale, drives named scenarios with a load generator
running in a second process and reports, per scenario, requests per second,
latency percentiles, errors and SQL queries per request, next to the same
figures for a bare Django view served with identical server settings (the
floor). See docs/benchmarks.md.
"""
