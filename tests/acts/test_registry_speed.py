"""The registry at scale: its choices and counts come from core.memo, its page is one query, and every change
is seen at once (a new act is counted and its year, area and issuer offered on the next page-cache miss)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from infocentar.acts import listing
from infocentar.acts.models import Act, ActStatus, ActType
from infocentar.core import memo
from infocentar.core.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def memo_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    memo.clear()
    yield
    memo.clear()


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def test_a_registry_miss_asks_only_for_its_page_of_acts(memo_on, client, home_page, make_act, assembly, mayor):
    for index in range(5):
        make_act(assembly if index % 2 else mayor, adopted_on=datetime.date(2020 + index, 3, 1))
    filters = "type=decision&issuer=skupstina&status=adopted&year=2021&area=Komunalne+djelatnosti&sort=title"
    for url in ("/en/akti/?v={}", "/en/akti/?sort=oldest&page=2&v={}", f"/en/akti/?{filters}&v={{}}"):
        _html, first = _get(client, url.format("first"))
        assert len(first) >= 2  # the first miss of a combination counts its acts
        html, queries = _get(client, url.format("again"))
        # The page of acts only: its count, the choices and the issuers come from the memo.
        assert len(queries) == 1, [q[:150] for q in queries]
        assert "acts_act" in queries[0] and "JOIN" not in queries[0]
    assert "1 act" in html and "Skupština opštine" in html and "Decision" in html and "Adopted" in html


def test_a_new_act_is_counted_and_offered_at_once(memo_on, client, make_act, assembly, mayor):
    for _ in range(3):
        make_act(assembly, adopted_on=datetime.date(2022, 5, 1))
    html, _queries = _get(client, "/en/akti/?v=1")
    assert "3 acts" in html and 'value="2019"' not in html and "Saobraćaj" not in html
    assert 'value="predsjednik"' not in html
    make_act(mayor, adopted_on=datetime.date(2019, 1, 10), area="Saobraćaj", type=ActType.RULING)
    html, _queries = _get(client, "/en/akti/?v=2")
    assert "4 acts" in html
    assert 'value="2019"' in html and 'value="Saobraćaj"' in html and 'value="predsjednik"' in html
    html, _queries = _get(client, "/en/akti/?year=2019&area=Saobra%C4%87aj&v=3")
    assert "1 act" in html and "Predsjednik opštine" in html


def test_the_year_is_the_acts_date_from_new_year_to_new_years_eve(client, make_act, assembly):
    first = make_act(assembly, title="Prvi dan", adopted_on=datetime.date(2021, 1, 1))
    last = make_act(assembly, title="Posljednji dan", adopted_on=datetime.date(2021, 12, 31))
    make_act(assembly, title="Sljedeća godina", adopted_on=datetime.date(2022, 1, 1))
    make_act(assembly, title="Prethodna godina", adopted_on=datetime.date(2020, 12, 31))
    found = list(listing.filtered_acts(year=2021))
    assert found == [last, first]
    assert [a.year for a in found] == [2021, 2021]
    assert list(listing.filtered_acts(year=10_000)) == []  # a year no calendar has: nothing, not an error


def test_choices_list_the_distinct_values_of_public_acts_only(make_act, assembly, mayor):
    make_act(assembly, adopted_on=datetime.date(2018, 2, 1), area="Finansije")
    make_act(assembly, adopted_on=datetime.date(2018, 7, 1), area="Finansije")
    make_act(mayor, adopted_on=datetime.date(2024, 2, 1), area="")
    make_act(assembly, adopted_on=datetime.date(2021, 2, 1), area="Saobraćaj")
    make_act(mayor, adopted_on=datetime.date(2010, 2, 1), area="Tajna oblast", is_public=False)
    choices = listing.registry_choices()
    assert choices["years"] == [2024, 2021, 2018]
    assert choices["areas"] == ["Finansije", "Saobraćaj"]
    expected = Organisation.objects.filter(slug__in=["skupstina", "predsjednik"]).order_by("sort_order", "name")
    assert choices["issuers"] == list(expected.values_list("slug", "name"))
    # Exactly what SELECT DISTINCT gives.
    public = Act.objects.public()
    assert listing._distinct_public_values("year") == sorted(set(public.values_list("year", flat=True)))
    assert listing._distinct_public_values("area") == sorted(set(public.values_list("area", flat=True)))


def test_an_issuer_without_public_acts_is_not_offered_and_filters_to_nothing(client, make_act, assembly, mayor):
    own = make_act(assembly)
    make_act(mayor, is_public=False)
    assert [slug for slug, _name in listing.registry_choices()["issuers"]] == ["skupstina"]
    assert list(listing.filtered_acts(issuer="predsjednik")) == []
    assert list(listing.filtered_acts(issuer="nepostojeci-organ")) == []
    assert list(listing.filtered_acts(issuer="skupstina")) == [own]
    # On the page, a body that is not offered is an invalid choice: ignored, never an error.
    html = client.get("/akti/?issuer=nepostojeci-organ").content.decode()
    assert own.title in html


def test_rows_carry_their_issuer_and_labels_without_a_query_each(make_act, assembly, mayor):
    for index in range(4):
        make_act(mayor if index % 2 else assembly, status=ActStatus.IN_FORCE)
    acts = listing.filtered_acts(with_issuer=False)
    with CaptureQueriesContext(connection) as queries:
        rows = listing.attach_issuers(acts)
        names = {act.issuer.name for act in rows}
        labels = {(act.type_label, act.status_label) for act in rows}
    assert names == {assembly.name, mayor.name}
    assert labels == {(str(ActType.DECISION.label), str(ActStatus.IN_FORCE.label))}
    assert len(queries) == 2  # the acts, the organisations (read once per content generation with the memo)
