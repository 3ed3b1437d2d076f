"""Public debates in a real browser: a verified citizen comments on article 3 from the Cyrillic page with the
keyboard only; axe finds nothing on the debates' pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

CYRILLIC_TEXT = "Тротоар у Његошевој улици је преузак за колица."


@pytest.fixture
def debates(live_site, home_page):
    from django.core.cache import cache

    from infocentar.consultations import services
    from infocentar.consultations.models import AnswerOutcome, ConsultationStatus
    from infocentar.core.models import Role
    from tests.conftest import _member
    from tests.consultations.conftest import make_debate, verified_citizen
    from tests.factories import OrganisationFactory

    cache.clear()
    body = OrganisationFactory(name="Sekretarijat za uređenje prostora", slug="sekretarijat-za-uredjenje-prostora")
    moderator = _member("moderator-browser", body, Role.MODERATOR)
    open_debate = make_debate(body, title="Javna rasprava o komunalnom redu")
    make_debate(body, status=ConsultationStatus.PLANNED, title="Planirana rasprava o parkiranju")
    done = make_debate(body, title="Završena rasprava o javnoj rasvjeti")
    citizen = verified_citizen("browser-citizen")
    comment = services.submit_comment(done, citizen, text="Više svjetla u parku.").comment
    services.answer(comment, moderator, outcome=AnswerOutcome.ACCEPTED, reasoning="Prihvaćeno.")
    services.close_consultation(done, by=moderator)
    services.publish_report(services.draft_report(done), by=moderator)
    cache.clear()
    yield live_site, open_debate, done, citizen
    cache.clear()


def _sign_in(context, site, user) -> None:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": site.url}])


def _tab_to(page, selector: str, limit: int = 300) -> None:
    """Press Tab until the element matching `selector` has the focus (the keyboard path a person takes)."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{selector} never got the focus with Tab")


def test_citizen_comments_on_article_3_from_the_cyrillic_page_with_the_keyboard(page, context, debates, axe):
    from infocentar.consultations.models import Comment

    site, debate, _done, citizen = debates
    _sign_in(context, site, citizen)
    page.goto(f"{site.url}/cir/javne-rasprave/{debate.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "cnr-Cyrl")
    article = debate.act_version.articles.get(number="3")
    _tab_to(page, "#clan-3 summary")
    page.keyboard.press("Enter")
    expect(page.locator(f"#c-{article.pk}-text")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(f"#c-{article.pk}-text")).to_be_focused()
    page.keyboard.type(CYRILLIC_TEXT)
    page.keyboard.press("Tab")
    expect(page.locator(f"#c-{article.pk}-quote")).to_be_focused()
    page.keyboard.type("Јавне површине")
    page.keyboard.press("Tab")
    expect(page.locator("#clan-3 button[type=submit]")).to_be_focused()
    axe(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/cir/javne-rasprave/{debate.pk}/#komentar-*")
    comment = Comment.objects.get(consultation=debate)
    assert comment.text == CYRILLIC_TEXT
    assert comment.quote == "Јавне површине"
    assert comment.article_id == article.pk
    assert comment.status == "pending"
    expect(page.locator(".messages, [role=status], .message").first).to_be_visible()


def test_refused_comment_shows_the_reason_and_axe_passes(page, context, debates, axe):
    site, debate, _done, citizen = debates
    _sign_in(context, site, citizen)
    page.goto(f"{site.url}/javne-rasprave/{debate.pk}/")
    page.locator(".draft-general summary").click()
    page.locator("#c-all-text").fill("<script>alert(1)</script>")
    page.locator(".draft-general button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)


@pytest.mark.parametrize(
    "path", ["/javne-rasprave/", "/cir/javne-rasprave/", "/en/javne-rasprave/", "/javne-rasprave/pretplata/"]
)
def test_axe_on_the_debates_pages(page, debates, axe, path):
    site, _debate, _done, _citizen = debates
    page.goto(site.url + path)
    axe(page)


def test_axe_on_a_debate_and_its_published_report(page, debates, axe):
    site, debate, done, _citizen = debates
    page.goto(f"{site.url}/javne-rasprave/{debate.pk}/")
    expect(page.locator("h1")).to_have_text(debate.title)
    axe(page)
    page.goto(f"{site.url}/javne-rasprave/{done.pk}/")
    expect(page.locator("#izvjestaj")).to_be_visible()
    axe(page)
