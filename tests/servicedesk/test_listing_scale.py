"""The ticket listing and the dashboard at scale: flat query counts, kept counts that follow every change.

The listing's count is kept in the cache (inventory.listing) and the dashboard's history too; these tests
check that the number of queries does not depend on the number of tickets, that a kept count is never
shown after the tickets changed, and that the filters offer whom tickets can be assigned to. (The
back-office listing is for IT staff only; the per-scope counts are tested with the equipment listing.)
"""

from __future__ import annotations

import datetime
import random

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from infocentar.inventory import listing
from infocentar.servicedesk import reports, services, sla
from infocentar.servicedesk.bench import DASHBOARD, listing_paths
from infocentar.servicedesk.generate import build_ticket
from infocentar.servicedesk.models import Status, Team, Ticket

INDEX = "/admin/servicedesk/tickets/"

pytestmark = pytest.mark.django_db


def _signed_in(user) -> Client:
    """A client of its own per user (two people at once), signed in with MFA set up."""
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
    )
    client = Client()
    client.force_login(user)
    return client


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


@pytest.fixture
def team(it_staff):
    team = Team.objects.create(name="Mreža i serveri", lead=it_staff)
    team.members.add(it_staff)
    return team


@pytest.fixture
def add_tickets(org_a, org_a_child, org_b, it_staff, team, employee_a):
    """Tickets like the bench's (every status, priority, category and SLA outcome), saved one by one."""
    rng = random.Random(5)
    cal = sla.calendar()

    def add(count: int) -> None:
        for n in range(count):
            ticket = build_ticket(
                rng,
                organisation_id=(org_a, org_a_child, org_b)[n % 3].pk,
                now=timezone.now(),
                cal=cal,
                requester_id=employee_a.pk if n % 2 else None,
                assignee_ids=[it_staff.pk],
                team_ids=[team.pk],
            )
            ticket.save()

    return add


def test_listing_queries_do_not_grow_with_the_tickets(it_staff, org_a, add_tickets):
    """Every filtered and sorted listing of the bench: the same queries for 6 tickets and for 18."""
    client = _signed_in(it_staff)
    urls = listing_paths(org_a.pk)
    add_tickets(6)
    before = {}
    for url in urls:
        listing.bump(Ticket)
        response, cold = _get(client, url)  # counts the rows
        _response, warm = _get(client, url)  # the count is kept
        assert warm == cold - 1, url
        before[url] = (cold, warm, response.context["paginator"].count)
    add_tickets(12)
    for url in urls:
        listing.bump(Ticket)
        response, cold = _get(client, url)
        _response, warm = _get(client, url)
        assert (cold, warm) == before[url][:2], url
    # The pages really hold more rows now (a query per row would have shown).
    response, _queries = _get(client, INDEX)
    shown = len(response.context["object_list"])
    assert response.context["paginator"].count == before[INDEX][2] * 3 and shown == min(20, before[INDEX][2] * 3)


def test_kept_count_follows_tickets_filed_changed_and_deleted(it_staff, make_ticket, org_a, employee_a):
    client = _signed_in(it_staff)
    url = INDEX + "?status=new"

    def shown() -> int:
        return client.get(url).context["paginator"].count

    first = make_ticket(org_a, employee_a)
    make_ticket(org_a, employee_a)
    assert shown() == 2 and shown() == 2
    make_ticket(org_a, employee_a)
    assert shown() == 3  # filed
    services.assign(first, by=it_staff, assignee=it_staff)
    assert shown() == 2  # no longer new
    Ticket.objects.filter(status=Status.NEW).first().delete()
    assert shown() == 1  # deleted
    # Behind the signals' back (a bulk update) the kept count stays until the model's counts are bumped.
    Ticket.objects.filter(status=Status.NEW).update(status=Status.CANCELLED)
    assert shown() == 1
    listing.bump(Ticket)
    assert shown() == 0


def test_filters_offer_the_organisations_and_only_the_it_staff(
    it_staff, it_contact_a, make_ticket, org_a, org_b, employee_a, employee_b
):
    make_ticket(org_a, employee_a)
    make_ticket(org_b, employee_b)
    client = _signed_in(it_staff)
    page = client.get(INDEX).content.decode()
    organisations = page.split('name="organisation"', 1)[1].split("</select>", 1)[0]
    assert f'value="{org_a.pk}"' in organisations and f'value="{org_b.pk}"' in organisations
    # Whom a ticket can be assigned to, not every account (citizens, employees, IT contacts).
    people = page.split('name="assignee"', 1)[1].split("</select>", 1)[0]
    assert f'value="{it_staff.pk}"' in people
    assert f'value="{employee_a.pk}"' not in people and f'value="{it_contact_a.pk}"' not in people
    response = client.get(INDEX, {"organisation": org_b.pk})
    assert [t.organisation_id for t in response.context["object_list"]] == [org_b.pk]
    assert response.context["paginator"].count == 1
    assert f'<option value="{org_b.pk}" selected>' in response.content.decode()


def test_sla_outcome_filters(it_staff, make_ticket, org_a, employee_a):
    late, in_time, pending = (make_ticket(org_a, employee_a) for _i in range(3))
    Ticket.objects.filter(pk=late.pk).update(response_met=False)
    Ticket.objects.filter(pk=in_time.pk).update(response_met=True)
    listing.bump(Ticket)
    client = _signed_in(it_staff)
    for value, expected in (("false", {late.pk}), ("true", {in_time.pk}), ("", {late.pk, in_time.pk, pending.pk})):
        rows = client.get(INDEX, {"response_met": value}).context["object_list"]
        assert {t.pk for t in rows} == expected, value


def test_dashboard_queries_do_not_grow_and_its_history_adds_up(it_staff, org_a, add_tickets):
    client = _signed_in(it_staff)
    paths = [DASHBOARD, f"{DASHBOARD}?organisation={org_a.pk}"]
    add_tickets(8)
    before = [_get(client, path)[1] for path in paths]
    warm = [_get(client, path)[1] for path in paths]
    add_tickets(16)
    assert [_get(client, path)[1] for path in paths] == warm
    cache.clear()  # the history computed again, over three times the tickets
    assert [_get(client, path)[1] for path in paths] == before
    assert all(w <= b for w, b in zip(warm, before, strict=True))
    # The history kept in two parts (past months, current month) is the history computed in one go.
    kept = reports.overview(Ticket.objects.all(), cache_key="test")["monthly"]
    assert kept == reports.overview(Ticket.objects.all())["monthly"]
    since = datetime.datetime.combine(kept[0].month, datetime.time.min, tzinfo=timezone.get_current_timezone())
    assert sum(row.filed for row in kept) == Ticket.objects.filter(created_at__gte=since).count()


def test_dashboard_keeps_the_chosen_organisation_selected(it_staff, org_a, org_b, make_ticket, employee_b):
    make_ticket(org_b, employee_b)
    page = _signed_in(it_staff).get(DASHBOARD, {"organisation": org_b.pk}).content.decode()
    select = page.split('id="sd-org"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{org_b.pk}" selected>' in select and f'<option value="{org_a.pk}">' in select
