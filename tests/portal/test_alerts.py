"""Site alerts: shown on every page while in force, emergencies first, read from the cache."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localtime

from infocentar.portal.models import SiteAlert
from infocentar.portal.models.alerts import current_alerts, seconds_until_next_change

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def alert(now, title="Prekid vode", severity="warning", starts=-HOUR, ends=HOUR, **extra) -> SiteAlert:
    return SiteAlert.objects.create(
        title=title,
        severity=severity,
        starts_at=now + starts,
        ends_at=now + ends if ends is not None else None,
        **extra,
    )


def banner(client, url="/") -> str:
    html = client.get(url).content.decode()
    if 'class="site-alerts"' not in html:
        return ""
    start = html.index('<section class="site-alerts"')
    return html[start : html.index("</section>", start)]


def test_an_alert_shows_while_it_is_active(client, home_page, now):
    alert(now, text="Centar grada do 14 h.", link="/vijesti/prekid/", link_text="Detalji")
    shown = banner(client)
    assert "Prekid vode" in shown and "Centar grada do 14 h." in shown
    assert 'class="alert alert--warning"' in shown
    assert 'href="/vijesti/prekid/"' in shown and "Detalji" in shown


def test_an_alert_is_not_shown_before_it_starts_or_after_it_ends(client, home_page, now):
    alert(now, title="Buduće", starts=HOUR, ends=2 * HOUR)
    alert(now, title="Prošlo", starts=-2 * HOUR, ends=-HOUR)
    alert(now, title="Isključeno", is_active=False)
    assert banner(client) == ""


def test_an_alert_appears_when_its_time_comes_and_goes_when_it_ends(home_page, now):
    alert(now, title="Radovi", starts=HOUR, ends=3 * HOUR)
    assert current_alerts(now) == []
    assert [a.title for a in current_alerts(now + 2 * HOUR)] == ["Radovi"]
    assert current_alerts(now + 3 * HOUR) == []


def test_an_alert_without_an_end_stays(home_page, now):
    alert(now, ends=None)
    assert [a.title for a in current_alerts(now + datetime.timedelta(days=400))] == ["Prekid vode"]


def test_alerts_are_shown_on_every_page_and_variant(client, contact_page, now):
    alert(now, severity="emergency", title="Požar u zaleđu")
    for url in ("/", "/kontakt/", "/cir/kontakt/", "/en/kontakt/", "/organi/", "/pretraga/?q=voda"):
        shown = banner(client, url)
        assert 'class="alert alert--danger"' in shown, url
    assert "Urgent" in banner(client, "/en/")
    assert "Пожар у залеђу" in banner(client, "/cir/")


def test_a_site_path_link_stays_in_the_readers_variant(client, home_page, now):
    alert(now, link="/organi/vik/")
    assert 'href="/cir/organi/vik/"' in banner(client, "/cir/")
    assert 'href="/en/organi/vik/"' in banner(client, "/en/")


def test_emergencies_come_first(home_page, now):
    alert(now, title="Obavještenje", severity="info", starts=-HOUR)
    alert(now, title="Upozorenje", severity="warning", starts=-2 * HOUR)
    alert(now, title="Hitno", severity="emergency", starts=-3 * HOUR)
    alert(now, title="Novije upozorenje", severity="warning", starts=-HOUR / 2)
    assert [a.title for a in current_alerts(now)] == ["Hitno", "Novije upozorenje", "Upozorenje", "Obavještenje"]


def test_alerts_come_from_the_cache(home_page, now):
    alert(now)
    with CaptureQueriesContext(connection) as first:
        current_alerts()
    with CaptureQueriesContext(connection) as second:
        assert [a.title for a in current_alerts()] == ["Prekid vode"]
    assert len(first.captured_queries) == 1
    assert len(second.captured_queries) == 0


def test_a_page_with_alerts_costs_no_more_queries_than_one_without(client, home_page, now):
    client.get("/")
    with CaptureQueriesContext(connection) as without:
        client.get("/")
    for n in range(5):
        alert(now, title=f"Obavještenje {n}")
    client.get("/")  # fills the cache again after the saves cleared it
    with CaptureQueriesContext(connection) as with_alerts:
        html = client.get("/").content.decode()
    assert html.count('class="alert alert--warning"') == 5
    assert len(with_alerts.captured_queries) == len(without.captured_queries)


def test_saving_or_deleting_an_alert_clears_the_cache(home_page, now):
    first = alert(now)
    assert len(current_alerts()) == 1
    second = alert(now, title="Drugo")
    assert len(current_alerts()) == 2
    second.ends_at = now - datetime.timedelta(minutes=1)
    second.starts_at = now - HOUR
    second.save()
    assert len(current_alerts()) == 1
    first.delete()
    assert current_alerts() == []


def test_how_long_a_cached_page_may_live(home_page, now):
    assert seconds_until_next_change(now) is None
    alert(now, starts=-HOUR, ends=datetime.timedelta(minutes=10))
    alert(now, title="Kasnije", starts=datetime.timedelta(minutes=5), ends=HOUR)
    assert 299 <= seconds_until_next_change(now) <= 301


def test_an_alert_must_end_after_it_starts(now):
    with pytest.raises(ValidationError) as error:
        SiteAlert(title="x", starts_at=now, ends_at=now - HOUR).full_clean()
    assert "ends_at" in error.value.message_dict


@pytest.mark.parametrize("link", ["javascript:alert(1)", "//evil.example/x", "vijesti", "ftp://x.me/a"])
def test_an_alert_link_is_a_site_path_or_a_web_address(now, link):
    with pytest.raises(ValidationError) as error:
        SiteAlert(title="x", starts_at=now, link=link).full_clean()
    assert "link" in error.value.message_dict


# --- back office -------------------------------------------------------------------------------------
def test_editors_manage_alerts_in_the_back_office(admin_client_for, editor_a, home_page, now):
    client = admin_client_for(editor_a)
    assert client.get("/admin/alerts/").status_code == 200
    response = client.post(
        "/admin/alerts/new/",
        {
            "title": "Radovi na putu",
            "text": "Jadranska ulica je zatvorena.",
            "severity": "warning",
            "link": "",
            "link_text": "",
            "starts_at": localtime(now - HOUR).strftime("%Y-%m-%d %H:%M"),
            "ends_at": localtime(now + HOUR).strftime("%Y-%m-%d %H:%M"),
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = SiteAlert.objects.get(title="Radovi na putu")
    assert [a.title for a in current_alerts()] == ["Radovi na putu"]
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(object_id=str(created.pk), action="wagtail.create").exists()
    listing = client.get("/admin/alerts/?severity=warning").content.decode()
    assert "Radovi na putu" in listing


def test_people_without_the_permission_do_not_reach_the_alerts(admin_client_for, it_contact_a, home_page):
    response = admin_client_for(it_contact_a).get("/admin/alerts/")
    assert response.status_code in (302, 403)
