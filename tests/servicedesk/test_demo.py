"""Demo and bench data: ≥ 300 tickets over a year, every status, SLA outcomes; idempotent."""

from __future__ import annotations

import io
import random

from django.core.management.color import no_style

from infocentar.servicedesk import demo, reports
from infocentar.servicedesk.bench import make_tickets
from infocentar.servicedesk.models import Status, Ticket


def test_demo_tickets(org_a, org_b, employee_a, it_staff, information_center):
    out = io.StringIO()
    demo.seed(out, no_style())
    assert Ticket.objects.count() >= 300
    assert set(Ticket.objects.values_list("status", flat=True)) == set(Status.values)
    assert Ticket.objects.filter(resolution_met=True).exists() and Ticket.objects.filter(resolution_met=False).exists()
    assert Ticket.objects.filter(response_met=False).exists()
    assert Ticket.objects.filter(messages__kind="note").exists()
    data = reports.overview(Ticket.objects.all())
    assert data["compliance"] is not None and sum(r.filed for r in data["monthly"]) > 250
    count = Ticket.objects.count()
    demo.seed(out, no_style())
    assert Ticket.objects.count() == count


def test_bench_tickets_are_consistent(org_a, org_b):
    tickets = make_tickets(300, random.Random(1), [org_a.pk, org_b.pk])
    Ticket.objects.bulk_create(tickets)
    for ticket in Ticket.objects.all():
        assert ticket.response_due_at <= ticket.resolution_due_at
        if ticket.resolved_at:
            assert ticket.resolved_at >= ticket.created_at and ticket.resolution_met is not None
