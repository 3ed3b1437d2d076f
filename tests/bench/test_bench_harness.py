"""The benchmark harness's own parts: percentiles, results file, registries, load generator.

No timing assertions: speed is judged by ratios measured in one `make bench`
run, never by a test.
"""

from __future__ import annotations

import json
import statistics
import threading
from collections import Counter
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from bench import data, report, scenarios
from bench.load import LoadSpec, drive, expand, hit_ratio, is_error, split
from bench.stats import percentile, ratio, summarise

# --- percentiles ------------------------------------------------------------------


def test_percentile_of_nothing_is_none():
    assert percentile([], 50) is None


def test_percentile_of_one_value_is_that_value():
    assert percentile([7.0], 0) == percentile([7.0], 99) == 7.0


def test_percentile_ends_are_minimum_and_maximum():
    values = [1.0, 2.0, 3.0, 10.0]
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 10.0


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert percentile([1, 2, 3, 4], 50) == 2.5


def test_percentiles_interpolate_between_ranks():
    values = list(range(1, 101))
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile(values, 99) == pytest.approx(99.01)


def test_percentiles_agree_with_the_standard_library():
    values = sorted([0.3, 12.5, 4.25, 8.0, 1.0, 19.75, 3.5, 7.0, 2.0, 11.0, 5.5])
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    for p in (5, 25, 50, 75, 95, 99):
        assert percentile(values, p) == pytest.approx(cuts[p - 1])


def test_percentile_outside_0_to_100_is_refused():
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_summary_is_in_milliseconds():
    summary = summarise([0.003, 0.001, 0.002])
    assert summary["p50"] == pytest.approx(2.0)
    assert summary["min"] == pytest.approx(1.0)
    assert summary["max"] == pytest.approx(3.0)
    assert summary["mean"] == pytest.approx(2.0)


def test_summary_of_no_requests_has_no_figures():
    assert set(summarise([]).values()) == {None}


def test_ratio_needs_a_floor():
    assert ratio(50.0, 200.0) == 0.25
    assert ratio(50.0, 0.0) is None
    assert ratio(None, 200.0) is None


# --- the results ----------------------------------------------------------------------


def test_json_writer_creates_the_directory_and_keeps_cyrillic_readable(tmp_path):
    target = tmp_path / "results" / "nested" / "latest.json"
    payload = {"metadata": {"scale": "small"}, "results": [{"scenario": "search", "paths": ["општина"]}]}

    written = report.write_json(target, payload)

    assert written == target
    text = target.read_text(encoding="utf-8")
    assert "општина" in text
    assert json.loads(text) == payload
    assert [p.name for p in target.parent.iterdir()] == ["latest.json"]  # no temporary file left


def test_json_writer_replaces_an_earlier_file(tmp_path):
    target = tmp_path / "latest.json"
    report.write_json(target, {"run": 1})
    report.write_json(target, {"run": 2})
    assert json.loads(target.read_text(encoding="utf-8")) == {"run": 2}


def test_metadata_names_the_commit_the_date_and_the_machine():
    meta = report.metadata(scale="small")
    assert meta["scale"] == "small"
    assert meta["machine"]["cores"] >= 1
    assert meta["date"].endswith("+00:00")
    assert "git_commit" in meta


def test_row_divides_by_the_floor():
    load = {"rps": 50.0, "errors": 0, "latency_ms": {"p50": 10.0, "p95": 20.0, "p99": 30.0}}
    row = report.row("home", load, {"queries_per_request": 7.0}, floor_rps=1000.0)
    assert row["ratio_to_floor"] == pytest.approx(0.05)
    assert row["queries_per_request"] == 7.0


def test_table_shows_every_scenario_and_a_dash_for_what_is_missing():
    rows = [
        report.row("floor", {"rps": 1000.0, "errors": 0, "latency_ms": {"p50": 1.0}}, None, 1000.0),
        report.row("home", None, None, 1000.0),
    ]
    lines = report.format_table(rows).splitlines()
    assert lines[0].split()[:2] == ["scenario", "req/s"]
    assert lines[2].startswith("floor")
    assert "1000.0" in lines[2]
    assert "1.000" in lines[2]
    assert lines[3].startswith("home")
    assert report.MISSING in lines[3]


def test_table_shows_the_page_cache_hits_as_a_share():
    load = {"rps": 900.0, "errors": 0, "latency_ms": {}, "cache_hit_ratio": 0.5}
    line = report.format_table([report.row("home_cached", load, None, 1000.0)]).splitlines()[2]
    assert line.endswith("50%")


# --- the registries -------------------------------------------------------------------


def test_every_scenario_the_issue_names_is_registered():
    assert {
        "floor",
        "home",
        "home_cached",
        "home_cyrillic",
        "portal_page",
        "search",
        "search_cyrillic",
        "health_live",
        "health_ready",
    } <= set(scenarios.names())


def test_the_floor_runs_first():
    assert scenarios.names()[0] == scenarios.FLOOR_SCENARIO
    assert scenarios.get("floor").target == scenarios.FLOOR


def test_selecting_scenarios_always_brings_the_floor():
    assert [s.name for s in scenarios.select(["health_live"])] == ["floor", "health_live"]


def test_selecting_nothing_selects_everything():
    assert [s.name for s in scenarios.select([])] == scenarios.names()


def test_an_unknown_scenario_is_refused_with_the_known_names():
    with pytest.raises(KeyError, match="health_live"):
        scenarios.select(["no_such_thing"])


def test_a_later_app_registers_its_scenario():
    try:

        @scenarios.scenario("test_listing", "A listing added by a later app")
        def test_listing():
            return ["/vijesti/", "/vijesti/?page=2"]

        assert "test_listing" in scenarios.names()
        assert scenarios.get("test_listing").paths() == ["/vijesti/", "/vijesti/?page=2"]
        with pytest.raises(ValueError, match="already registered"):
            scenarios.static("test_listing", "twice", ["/"])
    finally:
        scenarios.unregister("test_listing")
    assert "test_listing" not in scenarios.names()


def test_a_scenario_without_paths_or_with_raw_unicode_is_refused():
    empty = scenarios.Scenario("empty", "nothing", lambda: [])
    raw = scenarios.Scenario("raw", "unencoded", lambda: ["/pretraga/?q=општина"])
    with pytest.raises(LookupError):
        empty.paths()
    with pytest.raises(ValueError):
        raw.paths()


def test_the_cyrillic_search_is_sent_percent_encoded_and_misses_the_page_cache():
    (path,) = scenarios.get("search_cyrillic").paths()
    assert path == "/pretraga/?q=%D0%BE%D0%BF%D1%88%D1%82%D0%B8%D0%BD%D0%B0&v={n}"


def test_only_the_cached_home_page_is_meant_for_the_page_cache():
    cached = [s.name for s in scenarios.all_scenarios() if s.cached]
    assert cached == ["home_cached"]
    assert "{n}" in scenarios.get("home").paths()[0]


def test_a_data_generator_needs_a_size_for_every_scale():
    with pytest.raises(ValueError, match="small, large"):
        data.generator("half", "only small", small=1)


def test_the_data_fingerprint_names_the_scale_and_each_generator():
    fingerprint = data.fingerprint("large")
    assert fingerprint["scale"] == "large"
    assert fingerprint["generators"]["organisations"] == 300
    assert fingerprint["generators"]["portal_pages"] == 5000


# --- the load generator ----------------------------------------------------------------


def test_workers_are_dealt_evenly_over_processes():
    assert split(8, 1) == [list(range(8))]
    assert split(5, 2) == [[0, 2, 4], [1, 3]]
    assert split(2, 4) == [[0], [1]]


def test_the_cache_buster_is_replaced_per_request():
    assert expand("/?v={n}", "3-17") == "/?v=3-17"
    assert expand("/health/live", "3-17") == "/health/live"


def test_client_and_server_errors_count_redirects_do_not():
    assert [is_error(s) for s in (200, 204, 302, 304, 404, 500, None)] == [
        False,
        False,
        False,
        False,
        True,
        True,
        True,
    ]


def test_the_hit_ratio_needs_answers_that_carry_the_header():
    assert hit_ratio(Counter({"hit": 3, "miss": 1}), 4) == 0.75
    assert hit_ratio(Counter({"none": 4}), 4) is None


def test_the_load_generator_only_talks_to_this_machine():
    with pytest.raises(ValueError, match="local machine"):
        LoadSpec(port=80, paths=["/"], host="example.org")


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


@pytest.fixture
def tiny_server():
    """A WSGI server on 127.0.0.1: 200 on /ok (a page-cache hit), 302 on /moved, 500 on /fail.

    It records the paths it was asked for.
    """
    seen: list[str] = []

    def app(environ, start_response):
        path = environ["PATH_INFO"]
        seen.append(path + ("?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else ""))
        if path == "/fail":
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
            return [b"no"]
        if path == "/moved":
            start_response("302 Found", [("Location", "/ok"), ("Content-Type", "text/plain")])
            return [b""]
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("X-Page-Cache", "hit")])
        return [b"<p>ok</p>"]

    server = make_server("127.0.0.1", 0, app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port, seen
    finally:
        server.shutdown()
        server.server_close()


def test_load_generator_smoke_run_counts_answers_and_errors(tiny_server):
    port, seen = tiny_server
    spec = LoadSpec(
        port=port,
        paths=["/ok?v={n}", "/fail", "/moved"],
        duration=1.0,
        warmup=0.2,
        concurrency=3,
        cache_header="X-Page-Cache",
    )

    result = drive(spec)  # in a separate process, as `make bench` runs it

    counts = result["status_counts"]
    assert result["requests"] > 0
    assert result["requests"] == sum(counts.values())
    assert set(counts) <= {"200", "302", "500"}
    assert result["errors"] == counts.get("500", 0) > 0
    assert counts.get("200", 0) > 0
    assert counts.get("302", 0) > 0
    assert result["error_kinds"] == {}
    latency = result["latency_ms"]
    assert 0 < latency["min"] <= latency["p50"] <= latency["p95"] <= latency["p99"] <= latency["max"]
    assert result["warmup_requests"] > 0
    assert result["cache"] == {"hit": counts["200"], "none": counts["302"] + counts["500"]}
    assert result["cache_hit_ratio"] == counts["200"] / result["requests"]
    busted = [path for path in seen if path.startswith("/ok?v=")]
    assert len(set(busted)) == len(busted)  # every request had its own cache-buster
