"""Nothing a visitor sends produces a server error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

ODD_VALUES = [
    "",
    " ",
    "'",
    '"><script>alert(1)</script>',
    "%00",
    "\x00",
    "ć" * 3000,
    "../../etc/passwd",
    "🙂",
    "1e309",
]
PATHS = ["/", "/pretraga/", "/organi/", "/nalog/login/", "/nalog/signup/", "/nalog/password/reset/"]


@pytest.mark.parametrize("prefix", ["", "/cir", "/en"])
@pytest.mark.parametrize("path", PATHS)
def test_odd_query_strings_never_500(client, home_page, org_a, prefix, path):
    for value in ODD_VALUES:
        response = client.get(prefix + path, {"q": value, "page": value, "next": value})
        assert response.status_code < 500, (prefix + path, value, response.status_code)


@pytest.mark.parametrize(
    "path",
    [
        "/organi/%00/",
        "/organi/" + "a" * 500 + "/",
        "/cir/cir/",
        "/en/en/",
        "/%C0%AE%C0%AE/",
        "/api/v1/organisations/-1",
        "/api/v1/organisations?offset=-5",
        "/api/v1/organisations?limit=100000000000000000000",
        "/health/ready?x=%ff",
    ],
)
def test_odd_paths_never_500(client, home_page, path):
    assert client.get(path).status_code < 500


def test_odd_posts_never_500(client, home_page):
    for path in ("/nalog/login/", "/nalog/signup/", "/pretraga/"):
        response = client.post(path, {"login": "\x00", "email": "x" * 10000, "password": "\x00"})
        assert response.status_code < 500, path


def test_unknown_host_is_400_not_500(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["infocentar.example.me"]
    assert client.get("/", HTTP_HOST="evil.example.com").status_code == 400
