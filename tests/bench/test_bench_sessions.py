"""Signed-in and POST scenarios: sessions made as allauth makes them, cookies, forms and CSRF tokens.

The load generator runs in its own process against small real HTTP servers; the sessions and CSRF
tokens are checked against the app's real middleware (Django's test Client, and a live server for
the whole chain). No timing assertions.
"""

from __future__ import annotations

import argparse
import socket
import socketserver
import threading
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from bench import cli, report, scenarios, sessions
from bench.environment import BenchSetupError
from bench.load import _Connection, drive
from bench.queries import count_queries
from bench.scenarios import Scenario
from bench.sessions import CSRF_FIELD, SessionBook
from tests.bench import echo_urls
from tests.factories import UserFactory

TOTP_SECRET = "JBSWY3DPEHPK3PXP"
FORM = "application/x-www-form-urlencoded"


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def with_totp(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET})
    return user


def load_args(**overrides) -> argparse.Namespace:
    values = {"duration": 1.0, "warmup": 0.2, "concurrency": 2, "load_processes": 1, **overrides}
    return argparse.Namespace(**values)


def plan_one(item: Scenario, book: SessionBook | None = None) -> cli.Measured:
    (measured,) = cli._plan([item], book or SessionBook())
    return measured


# --- a small recording server -----------------------------------------------------------


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


@pytest.fixture
def recording_server():
    """A WSGI server on 127.0.0.1 that records every request; a POST is answered 302 to /done."""
    seen: list[dict] = []
    lock = threading.Lock()

    def app(environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        with lock:
            seen.append(
                {
                    "method": environ["REQUEST_METHOD"],
                    "path": environ["PATH_INFO"],
                    "cookie": environ.get("HTTP_COOKIE"),
                    "origin": environ.get("HTTP_ORIGIN"),
                    "content_type": environ.get("CONTENT_TYPE"),
                    "body": body.decode("ascii"),
                }
            )
        if environ["REQUEST_METHOD"] == "POST":
            start_response("302 Found", [("Location", "/done"), ("Content-Type", "text/plain")])
            return [b""]
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    server = make_server("127.0.0.1", 0, app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port, seen
    finally:
        server.shutdown()
        server.server_close()


# --- signing in -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_unknown_user_fails_setup_with_a_clear_message():
    item = Scenario("tickets_listing", "…", lambda: ["/admin/"], user=lambda: "nobody@example.me")
    with pytest.raises(BenchSetupError, match=r"scenario 'tickets_listing': no account has .*'nobody@example\.me'"):
        plan_one(item)


def test_staff_without_a_second_factor_fail_setup(it_staff):
    verified(it_staff)
    with pytest.raises(BenchSetupError, match="no authenticator app or security key"):
        sessions.sign_in(it_staff.email)


def test_an_account_without_a_verified_address_fails_setup(citizen):
    EmailAddress.objects.create(user=citizen, email=citizen.email, verified=False, primary=True)
    with pytest.raises(BenchSetupError, match="no verified e-mail address"):
        sessions.sign_in(citizen.email)


def test_an_inactive_account_fails_setup(db):
    user = verified(UserFactory(username="bivsi", is_active=False))
    with pytest.raises(BenchSetupError, match="is not active"):
        sessions.sign_in(user.email)


def test_staff_are_signed_in_with_password_and_totp_as_allauth_records_it(it_staff):
    with_totp(verified(it_staff))
    authenticator = Authenticator.objects.get(user=it_staff, type=Authenticator.Type.TOTP)

    credentials = sessions.sign_in(it_staff.email.upper())

    assert credentials.user_id == it_staff.pk
    assert credentials.mfa == "totp"
    assert credentials.authentication_methods == ["password", "mfa"]
    session = SessionStore(session_key=credentials.cookies[settings.SESSION_COOKIE_NAME]).load()
    assert session["_auth_user_id"] == str(it_staff.pk)
    password, mfa = session["account_authentication_methods"]
    assert password["method"] == "password"
    assert mfa == {"method": "mfa", "at": mfa["at"], "id": authenticator.pk, "type": "totp"}
    authenticator.refresh_from_db()
    assert authenticator.last_used_at is not None  # as after a code typed at sign-in


def test_a_citizen_is_signed_in_with_the_password_step_only(citizen):
    verified(citizen)
    credentials = sessions.sign_in(citizen.email)
    assert credentials.mfa is None
    assert credentials.authentication_methods == ["password"]


def test_scenarios_signed_in_as_the_same_person_share_one_session(citizen):
    verified(citizen)
    book = SessionBook()
    first = plan_one(Scenario("a", "…", lambda: ["/"], user=citizen.email, count_queries=False), book)
    second = plan_one(Scenario("b", "…", lambda: ["/"], user=lambda: citizen.email, count_queries=False), book)
    assert first.credentials is second.credentials
    key = first.credentials.cookies[settings.SESSION_COOKIE_NAME]
    assert SessionStore().exists(key)
    book.end_all()
    assert not SessionStore().exists(key)


def test_the_app_takes_the_session_as_signed_in_staff_with_mfa(it_staff):
    with_totp(verified(it_staff))
    credentials = sessions.sign_in(it_staff.email)

    signed_in = count_queries(["/admin/"], cookies=credentials.cookies)
    anonymous = count_queries(["/admin/"])

    assert signed_in["statuses"] == [200]  # not sent to the MFA set-up page nor to the login
    assert signed_in["first_error"] is None
    assert anonymous["statuses"] == [302]


@pytest.mark.urls("tests.bench.echo_urls")
def test_queries_of_a_post_are_counted_with_the_form_and_a_csrf_token_the_app_accepts(citizen):
    verified(citizen)
    echo_urls.RECEIVED.clear()
    item = Scenario(
        "comment_post", "…", lambda: ["/bench-echo/"], user=citizen.email, method="POST",
        form=lambda path: {"text": "Komentar {n}", "article": 3},
    )  # fmt: skip
    measured = plan_one(item)

    assert measured.queries["statuses"] == [302]
    assert measured.queries["queries_per_request"] > 0
    counted = echo_urls.RECEIVED[-1]
    assert counted["user"] == citizen.email
    assert counted["form"]["text"] == [f"Komentar {measured.token_prefix}count-0"]
    assert counted["form"]["article"] == ["3"]

    forged = [[[name, "x" * 64 if name == CSRF_FIELD else value] for name, value in measured.forms[0]]]
    refused = count_queries(
        measured.paths, method="POST", forms=forged, cookies=measured.credentials.cookies, token_prefix="x"
    )
    assert refused["statuses"] == [403]  # the CSRF check is real


# --- what the load generator sends ------------------------------------------------------------


def test_a_signed_in_get_carries_the_session_cookie(recording_server, it_staff):
    port, seen = recording_server
    with_totp(verified(it_staff))
    item = Scenario("admin_home", "…", lambda: ["/admin/?v={n}"], user=it_staff.email, count_queries=False)
    measured = plan_one(item)

    result = drive(cli._spec(load_args(), port, measured.paths, None, measured))

    assert result["requests"] > 0
    assert result["errors"] == 0
    assert result["method"] == "GET"
    cookies = measured.credentials.cookies
    expected = f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}"
    assert {request["cookie"] for request in seen} == {expected}
    assert {request["method"] for request in seen} == {"GET"}
    assert {request["origin"] for request in seen} == {None}
    assert SessionStore(session_key=cookies["sessionid"]).load()["_auth_user_id"] == str(it_staff.pk)


def test_a_post_sends_the_form_and_the_csrf_token_and_its_redirect_counts_as_ok(recording_server, citizen):
    port, seen = recording_server
    verified(citizen)
    item = Scenario(
        "comment_post",
        "…",
        lambda: ["/javne-rasprave/1/komentar/", "/javne-rasprave/2/komentar/"],
        user=lambda: citizen.email,
        method="POST",
        form=lambda path: {"article": path.split("/")[2], "text": "Primjedba {n}: član je dobar"},
        count_queries=False,
    )
    measured = plan_one(item)

    result = drive(cli._spec(load_args(), port, measured.paths, None, measured))

    assert result["method"] == "POST"
    assert result["requests"] > 0
    assert result["errors"] == 0
    assert set(result["status_counts"]) == {"302"}
    assert {request["method"] for request in seen} == {"POST"}  # the redirect was not followed
    assert {request["origin"] for request in seen} == {f"http://127.0.0.1:{port}"}
    assert {request["content_type"] for request in seen} == {FORM}
    assert {request["cookie"] for request in seen} == {measured.credentials.cookie_header()}
    texts = []
    for request in seen:
        form = parse_qs(request["body"], strict_parsing=True)
        assert form[CSRF_FIELD] == [measured.credentials.csrf_token]
        assert form["article"] == [request["path"].split("/")[2]]
        (text,) = form["text"]
        assert text.startswith(f"Primjedba {measured.token_prefix}") and text.endswith(": član je dobar")
        texts.append(text)
    assert len(set(texts)) == len(texts)  # "{n}" differs in every request


def test_an_anonymous_post_gets_a_csrf_cookie_and_no_session(recording_server, db):
    port, seen = recording_server
    item = Scenario("newsletter", "…", lambda: ["/prijava/"], method="POST", count_queries=False)
    measured = plan_one(item)

    result = drive(cli._spec(load_args(duration=0.5, concurrency=1), port, measured.paths, None, measured))

    assert result["errors"] == 0
    secret = measured.credentials.cookies["csrftoken"]
    assert {request["cookie"] for request in seen} == {f"csrftoken={secret}"}
    assert {request["body"] for request in seen} == {f"{CSRF_FIELD}={measured.credentials.csrf_token}"}


@pytest.fixture
def wagtail_tree(transactional_db):
    """The rows Wagtail's migrations make, which an earlier transactional test's flush removed."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    ContentType.objects.clear_cache()
    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.mark.urls("tests.bench.echo_urls")
def test_the_whole_chain_against_a_live_server(live_server, wagtail_tree, it_staff):
    """The load generator's cookies, form, token and Origin pass the app's real checks."""
    with_totp(verified(it_staff))
    echo_urls.RECEIVED.clear()
    port = int(live_server.url.rsplit(":", 1)[1])
    book = SessionBook()
    listing = plan_one(Scenario("admin", "…", lambda: ["/admin/"], user=it_staff.email, count_queries=False), book)
    post = plan_one(
        Scenario(
            "echo", "…", lambda: ["/bench-echo/"], user=it_staff.email, method="POST",
            form={"text": "Bench {n}"}, count_queries=False,
        ),
        book,
    )  # fmt: skip
    args = load_args(duration=1.0, warmup=0.2, concurrency=1)

    # The first request renders the admin's templates for the first time: once, before the load.
    first = _Connection("127.0.0.1", port, timeout=60)
    assert first.send("GET", "/admin/", {"Cookie": listing.credentials.cookie_header()})[0] == 200
    first.close()
    got = drive(cli._spec(args, port, listing.paths, None, listing))
    posted = drive(cli._spec(args, port, post.paths, None, post))

    assert got["requests"] > 0
    assert got["status_counts"] == {"200": got["requests"]}
    assert posted["requests"] > 0
    assert posted["status_counts"] == {"302": posted["requests"]}
    received = [r for r in echo_urls.RECEIVED if r["method"] == "POST"]
    assert {r["user"] for r in received} == {it_staff.email}
    assert all(r["form"]["text"][0].startswith(f"Bench {post.token_prefix}") for r in received)


# --- POSTs are never sent twice ----------------------------------------------------------------


class _RawServer(socketserver.ThreadingTCPServer):
    """Answers the first request of each connection (kept alive); then, by `mode`:

    "drop": reads the second request and closes the connection without answering;
    "close": closes the connection right after the first answer.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode: str):
        self.mode = mode
        self.requests: list[str] = []
        self.closed = threading.Event()
        super().__init__(("127.0.0.1", 0), _RawHandler)


class _RawHandler(socketserver.StreamRequestHandler):
    def read_request(self) -> bool:
        line = self.rfile.readline()
        if not line:
            return False
        length = 0
        while (header := self.rfile.readline()) not in (b"\r\n", b""):
            name, _, value = header.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        self.rfile.read(length)
        self.server.requests.append(line.decode("latin-1").split()[0])
        return True

    def handle(self):
        if not self.read_request():
            return
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok")
        self.wfile.flush()
        if self.server.mode == "drop":
            self.read_request()
        # shutdown() sends the FIN now; close() alone waits for rfile/wfile to
        # let go of the socket, which happens only after handle() returns, so
        # the client could otherwise send before it sees the connection closed.
        self.connection.shutdown(socket.SHUT_RDWR)
        self.connection.close()
        self.server.closed.set()


@pytest.fixture
def raw_server():
    servers = []

    def start(mode: str) -> _RawServer:
        server = _RawServer(mode)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_get_on_a_dropped_keep_alive_connection_is_sent_again(raw_server):
    server = raw_server("drop")
    connection = _Connection("127.0.0.1", server.server_address[1], timeout=5)
    assert connection.send("GET", "/")[0] == 200
    assert connection.send("GET", "/") == (200, 2, None)  # dropped, then answered on a new connection
    assert server.requests == ["GET", "GET", "GET"]
    connection.close()


def test_a_post_on_a_dropped_connection_is_an_error_and_not_sent_twice(raw_server):
    server = raw_server("drop")
    connection = _Connection("127.0.0.1", server.server_address[1], timeout=5)
    assert connection.send("GET", "/")[0] == 200
    status, _size, error = connection.send("POST", "/", {"Content-Type": FORM}, b"text=a")
    assert status is None
    assert error == "RemoteDisconnected"
    assert server.requests == ["GET", "POST"]
    connection.close()


def test_a_post_goes_on_a_new_connection_when_the_server_closed_the_kept_one(raw_server):
    server = raw_server("close")
    connection = _Connection("127.0.0.1", server.server_address[1], timeout=5)
    assert connection.send("GET", "/")[0] == 200
    assert server.closed.wait(5)
    assert connection.send("POST", "/", {"Content-Type": FORM}, b"text=a") == (200, 2, None)
    assert server.requests == ["GET", "POST"]
    connection.close()


# --- the registry, the table and the results ------------------------------------------------------


def test_a_scenario_form_and_user_are_checked_when_registered():
    with pytest.raises(ValueError, match="form= goes with method='POST'"):
        scenarios.register(Scenario("x", "…", lambda: ["/"], form={"a": "b"}))
    with pytest.raises(ValueError, match="GET, POST"):
        scenarios.register(Scenario("x", "…", lambda: ["/"], method="PUT"))
    with pytest.raises(ValueError, match="bypass the page cache"):
        scenarios.register(Scenario("x", "…", lambda: ["/"], user="a@example.me", cached=True))
    assert "x" not in scenarios.names()


def test_the_decorator_takes_user_method_and_form():
    try:

        @scenarios.scenario(
            "test_comment_post", "…", user=lambda: "gradjanin@example.me", method="POST",
            form=lambda path: {"article": "3", "text": "Bench comment {n}", "tags": ["a", "b"]},
        )  # fmt: skip
        def test_comment_post():
            return ["/javne-rasprave/1/komentar/"]

        item = scenarios.get("test_comment_post")
        assert item.user_email() == "gradjanin@example.me"
        assert item.method == "POST"
        assert item.form_for("/x/") == [
            ("article", "3"),
            ("text", "Bench comment {n}"),
            ("tags", "a"),
            ("tags", "b"),
        ]
    finally:
        scenarios.unregister("test_comment_post")


def test_the_back_office_and_comment_scenarios_sign_in_and_only_the_comment_posts():
    built_in = scenarios.all_scenarios()
    assert {s.name for s in built_in if s.signed_in} == {
        "tickets_listing",
        "sla_dashboard",
        "assets_listing",
        "comment_post",
    }
    assert {s.name for s in built_in if s.method == "POST"} == {"comment_post"}
    assert not any(s.signed_in for s in built_in if s.name in {"home", "home_cached", "news_index", "search"})


def test_the_table_names_the_method_and_the_person_only_when_some_scenario_needs_them():
    load = {"rps": 10.0, "errors": 0, "latency_ms": {}}
    anonymous = report.row("home", load, None, 100.0)
    signed_in = report.row("tickets_listing", load, None, 100.0, user="it@example.me")
    posted = report.row("comment_post", load, None, 100.0, method="POST", user="ana@example.me")

    plain = report.format_table([anonymous]).splitlines()
    assert "method" not in plain[0] and "signed in as" not in plain[0]

    lines = report.format_table([anonymous, signed_in, posted]).splitlines()
    assert lines[0].endswith("cache hits  method  signed in as")
    assert lines[2].split()[-2:] == ["GET", report.MISSING]
    assert lines[3].split()[-2:] == ["GET", "it@example.me"]
    assert lines[4].split()[-2:] == ["POST", "ana@example.me"]


def test_the_results_name_who_was_signed_in_and_how(citizen):
    verified(citizen)
    measured = plan_one(
        Scenario("p", "…", lambda: ["/x/"], user=citizen.email, method="POST", form={"a": "1"}, count_queries=False)
    )
    measured.load = {
        "requests": 1, "latency_ms": {}, "status_counts": {"302": 1}, "error_kinds": {}, "cache": None,
        "bytes_per_request": 0, "warmup_requests": 0, "load_cpu_percent": 1.0,
    }  # fmt: skip
    row = report.row("p", measured.load, None, 1.0, method="POST", user=measured.user)

    (entry,) = cli._results([row], [measured])

    assert entry["method"] == "POST"
    assert entry["user"] == entry["signed_in_as"] == citizen.email
    assert entry["authentication_methods"] == ["password"]
    assert entry["form_fields"] == ["a", CSRF_FIELD]
