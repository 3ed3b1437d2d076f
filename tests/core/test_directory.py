"""The public directory of bodies generated from the organisations."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_index_groups_by_kind(client, home_page, org_a, org_b):
    response = client.get("/organi/")
    assert response.status_code == 200
    content = response.content.decode()
    assert org_a.name in content and org_b.name in content
    assert content.index('id="enterprise"') < content.index('id="institution"')


def test_detail_shows_what_the_record_holds(client, home_page, org_a, org_a_child):
    org_a.mandate = "Snabdijevanje vodom i odvođenje otpadnih voda."
    org_a.phone = "+382 33 402 100"
    org_a.save()
    response = client.get(f"/organi/{org_a.slug}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Snabdijevanje vodom" in content
    assert 'href="tel:+38233402100"' in content
    assert org_a_child.name in content


def test_inactive_or_unknown_body_is_404(client, home_page, org_a):
    org_a.is_active = False
    org_a.save()
    assert client.get(f"/organi/{org_a.slug}/").status_code == 404
    assert client.get("/organi/nema-ga/").status_code == 404


def test_directory_in_cyrillic_keeps_links_in_cyrillic(client, home_page, org_b):
    response = client.get("/cir/organi/")
    content = response.content.decode()
    assert "Центар за културу" in content
    assert f'href="/cir/organi/{org_b.slug}/"' in content


# The filter: ?vrsta=<kind> and ?q=<name>, folded.


@pytest.fixture
def municipality(db):
    from infocentar.core.models import OrganisationKind
    from tests.factories import OrganisationFactory

    return OrganisationFactory(
        name="Opština Primjer – Kabinet predsjednika", short_name="Kabinet", slug="kabinet", kind=OrganisationKind.ORGAN
    )


def test_index_has_a_labelled_filter_form(client, home_page, org_a):
    content = client.get("/organi/").content.decode()
    assert '<form class="search-form" method="get" action="/organi/"' in content
    assert '<label class="field__label" for="directory-vrsta">' in content
    assert '<select id="directory-vrsta" name="vrsta">' in content
    assert '<label class="field__label" for="directory-q">' in content
    assert 'name="q"' in content and 'id="directory-q"' in content
    assert '<option value="enterprise">' in content
    # Nothing filtered yet: no "show all" link, no count.
    assert "search-count" not in content and "button--secondary" not in content


def test_filter_by_kind(client, home_page, org_a, org_b, municipality):
    response = client.get("/organi/", {"vrsta": "institution"})
    assert response.status_code == 200
    content = response.content.decode()
    assert org_b.name in content
    assert org_a.name not in content and municipality.name not in content
    assert '<option value="institution" selected>' in content
    assert '<a class="button button--secondary" href="/organi/">' in content  # show all
    assert response.context["match_count"] == 1
    assert 'class="search-count"' in content


def test_folded_search_without_diacritics(client, home_page, org_a, org_b, municipality):
    content = client.get("/organi/", {"q": "opstina"}).content.decode()
    assert municipality.name in content
    assert org_a.name not in content and org_b.name not in content
    assert 'value="opstina"' in content


def test_folded_search_in_cyrillic_and_capitals(client, home_page, org_a, municipality):
    for query in ("Општина", "ОПШТИНА", "OPŠTINA kabinet"):
        content = client.get("/organi/", {"q": query}).content.decode()
        assert municipality.name in content, query
        assert org_a.name not in content, query


def test_search_by_short_name_and_kind_together(client, home_page, org_a, org_b, municipality):
    content = client.get("/organi/", {"q": "vik", "vrsta": "enterprise"}).content.decode()
    assert org_a.name in content and org_b.name not in content
    response = client.get("/organi/", {"q": "vik", "vrsta": "institution"})
    content = response.content.decode()
    assert org_a.name not in content
    assert response.context["groups"] == []
    assert '<div class="no-results">' in content
    assert '<li><a href="/organi/">' in content  # show all, in the advice


def test_the_cyrillic_site_filters_and_stays_cyrillic(client, home_page, org_b, municipality):
    content = client.get("/cir/organi/", {"q": "opstina"}).content.decode()
    assert "Општина Примјер – Кабинет предсједника" in content
    assert "Центар за културу" not in content
    assert 'action="/cir/organi/"' in content


def test_no_match_says_so(client, home_page, org_a):
    response = client.get("/organi/", {"q": "nepostojeci organ"})
    assert response.status_code == 200
    content = response.content.decode()
    assert '<div class="no-results">' in content
    assert org_a.name not in content
    assert response.context["match_count"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"vrsta": "nepostojeca"},
        {"vrsta": "<script>alert(1)</script>"},
        {"vrsta": ["organ", "enterprise"]},
        {"q": "x" * 5000},
        {"q": "\x00\x1f"},
        {"q": "%%%___"},
        {"vrsta": "", "q": ""},
    ],
)
def test_bad_values_are_ignored_politely(client, home_page, org_a, params):
    response = client.get("/organi/", params)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert" not in content
    assert response.context["groups"] is not None


def test_unknown_kind_shows_every_body_and_says_so(client, home_page, org_a, org_b):
    response = client.get("/organi/", {"vrsta": "nepostojeca"})
    content = response.content.decode()
    assert org_a.name in content and org_b.name in content
    assert response.context["unknown_kind"] is True
    assert 'class="message message--warning"' in content
    assert '<a class="button button--secondary" href="/organi/">' in content
    assert '<option value="" selected>' in content


def test_filter_query_count_does_not_grow(client, home_page, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OrganisationFactory

    OrganisationFactory.create_batch(3)
    client.get("/organi/", {"q": "sekretarijat", "vrsta": "administration"})  # warm caches
    with CaptureQueriesContext(connection) as few:
        assert client.get("/organi/", {"q": "sekretarijat", "vrsta": "administration"}).status_code == 200
    OrganisationFactory.create_batch(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/organi/", {"q": "sekretarijat", "vrsta": "administration"})
    assert response.context["match_count"] == 43
