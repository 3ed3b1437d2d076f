"""Fixtures of the service desk tests: employees, a printer, a filed ticket, a fixed clock."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from infocentar.core.models import Role
from infocentar.servicedesk import services, sla
from infocentar.servicedesk.models import Category, Level, Ticket

from ..factories import member_of

TZ = ZoneInfo("Europe/Podgorica")


def local(y, m, d, hh=0, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _fresh_calendar():
    sla.clear_calendar_cache()
    yield
    sla.clear_calendar_cache()


@pytest.fixture
def employee_a(org_a):
    return member_of(
        "zaposleni-a", org_a, Role.MEMBER, email="zaposleni.a@vik.me", first_name="Jelena", last_name="Marić"
    )


@pytest.fixture
def employee_b(org_b):
    return member_of("zaposleni-b", org_b, Role.MEMBER, email="zaposleni.b@czk.me")


@pytest.fixture
def it_staff_2(information_center):
    return member_of("it-staff-2", information_center, Role.IT_STAFF, email="it2@ic.me")


@pytest.fixture
def printer_a(org_a):
    from infocentar.inventory.models import Asset

    return Asset.objects.create(
        organisation=org_a, asset_tag="VIK-PR-001", asset_type="printer", manufacturer="HP", model="LaserJet M404"
    )


@pytest.fixture
def printer_b(org_b):
    from infocentar.inventory.models import Asset

    return Asset.objects.create(organisation=org_b, asset_tag="CZK-PR-001", asset_type="printer", manufacturer="HP")


@pytest.fixture
def make_ticket():
    def make(organisation, requester=None, **extra) -> Ticket:
        values = {
            "title": "Štampač ne radi",
            "description": "Štampač u kancelariji 12 ne štampa od jutros.",
            "category": Category.HARDWARE,
            "impact": Level.MEDIUM,
            "urgency": Level.MEDIUM,
        }
        values.update(extra)
        return services.file_ticket(organisation=organisation, requester=requester, by=requester, **values)

    return make


@pytest.fixture
def ticket_a(make_ticket, org_a, employee_a):
    return make_ticket(org_a, employee_a)


@pytest.fixture
def ticket_b(make_ticket, org_b, employee_b):
    return make_ticket(org_b, employee_b, title="Mreža ne radi u sali")


class _Clock:
    def __init__(self) -> None:
        self._freezer = None

    def move_to(self, when) -> None:
        from freezegun import freeze_time

        self.stop()
        self._freezer = freeze_time(when)
        self._freezer.start()

    def stop(self) -> None:
        if self._freezer is not None:
            self._freezer.stop()
            self._freezer = None


@pytest.fixture
def time_machine():
    """Move "now" (freezegun) to a given moment."""
    clock = _Clock()
    yield clock
    clock.stop()
