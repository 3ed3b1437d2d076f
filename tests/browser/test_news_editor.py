"""A new editor follows docs/guides/editor.md: signs in with a code, writes and publishes a news item.

The item then appears on the home page, in the feed, in search (typed without
diacritics and in Cyrillic) and at /cir/.
"""

from __future__ import annotations

import datetime
import re
import time
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.utils import translation
from playwright.sync_api import expect

from infocentar.core import services
from infocentar.core.models import Role
from tests.conftest import PASSWORD
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Održana sjednica Savjeta mjesne zajednice Lučica"
LEAD = "Mještani su razgovarali o uređenju šetališta i rasporedu odvoza otpada tokom ljeta."
TEXT = "Savjet je usvojio plan radova za narednu godinu."
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def cnr(text: str) -> str:
    """`text` as the Montenegrin interface shows it."""
    with translation.override("cnr"):
        return translation.gettext(text)


def totp_code() -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    # A code near the end of its 30-second window may expire on the way; wait for the next.
    if time.time() % 30 > 27:
        time.sleep(30 - time.time() % 30 + 0.2)
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Used TOTP codes and rate limits live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language(settings):
    # An earlier test's request to /en/ may have left English active in this thread, and the
    # page URLs built here would carry /en/.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def new_editor(db):
    """An editor of the mjesna zajednica's website section, with an authenticator app set up."""
    from allauth.mfa.totp.internal.auth import TOTP

    from infocentar.accounts.services import ensure_verified_email

    organisation = OrganisationFactory(name="Mjesna zajednica Lučica", slug="mz-lucica")
    user = UserFactory(username="nova-urednica", email="urednica@example.me", first_name="Jovana")
    services.add_membership(user, organisation, Role.EDITOR)
    ensure_verified_email(user)
    TOTP.activate(user, TOTP_SECRET)
    return user, organisation


@pytest.fixture
def news_index(home_page):
    from infocentar.news.models import NewsIndexPage

    index = home_page.add_child(
        instance=NewsIndexPage(title="Vijesti", slug="vijesti", intro="Vijesti o radu organa.", show_in_menus=True)
    )
    index.save_revision().publish()
    return index


@pytest.fixture
def section(new_editor, news_index):
    """The editor's organisation may write and publish news (guide: "Your section of the site")."""
    from tests.news.conftest import give_section

    give_section(new_editor[1], news_index)


def sign_in(page, base: str, email: str) -> None:
    """Guide, "Signing in": the e-mail address, the password, then the code from the app."""
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(re.compile(r"/nalog/login/"))
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.account-form--login button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/nalog/2fa/authenticate/$"))
    page.locator("#id_code").fill(totp_code())
    page.locator("form.account-form--mfa button[type=submit]").first.click()
    expect(page).to_have_url(f"{base}/admin/")


def add_tags(page, *tags: str) -> None:
    """Guide, step 9: type a tag and press Enter."""
    # Wagtail's tag field (jQuery tag-it): a text box inside the list of tags.
    field = page.locator("ul.tagit input[type=text]").first
    field.click()
    for tag in tags:
        page.keyboard.type(tag)
        page.keyboard.press("Enter")
    expect(page.locator("input[name='tags']")).to_have_value(re.compile(re.escape(tags[-1])))


def add_paragraph(page, text: str) -> None:
    """Guide, step 7: the body's "+" button, the "Text" block, then type."""
    page.locator("[data-field-name='body'], #panel-child-content-body-section, .w-panel").get_by_role(
        "button", name=re.compile(cnr("Insert a block"), re.I)
    ).first.click()
    page.get_by_role("option", name=re.compile(f"^{cnr('Text')}$")).first.click()
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    page.keyboard.type(text)
    # The editor saves what was typed into the form a moment later.
    expect(page.locator("input[type=hidden][name^='body-'][name$='-value']").first).to_have_value(
        re.compile(re.escape(text.split()[-1]))
    )


def publish(page) -> None:
    """Guide, step 11 and "Drafts, approval and publishing": the arrow beside "Save draft", then "Publish"."""
    publish_button = page.locator("button[name='action-publish']")
    if not publish_button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle'], footer .w-dropdown__toggle").first.click()
    publish_button.click()


def test_a_new_editor_publishes_news_that_appears_everywhere(page, live_site, new_editor, news_index, section):
    from infocentar.news.models import NewsPage

    base = live_site.url
    user, organisation = new_editor
    sign_in(page, base, user.email)

    # Guide, "Creating a news item": News in the menu, then "Add child page".
    page.locator("a[href='/admin/vijesti/']").first.click()
    expect(page).to_have_url(f"{base}/admin/pages/{news_index.pk}/")
    page.locator(f"a[href='/admin/pages/{news_index.pk}/add_subpage/']").first.click()
    # The news index takes only news items, so the editor opens at once.
    expect(page).to_have_url(f"{base}/admin/pages/add/news/newspage/{news_index.pk}/")
    expect(page.locator("#id_title")).to_be_visible()

    page.locator("#id_title").fill(TITLE)
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    page.locator("#id_date").fill(yesterday.isoformat())
    page.locator("#id_lead").fill(LEAD)
    add_paragraph(page, TEXT)
    page.get_by_label(organisation.name).check()
    add_tags(page, "sjednica", "mjesna zajednica")
    publish(page)

    # Back in the news index's list, with the success message.
    expect(page.locator(".messages .success")).to_be_visible(timeout=15_000)
    item = NewsPage.objects.get(title=TITLE)
    assert item.live and item.date == yesterday and item.lead == LEAD
    assert list(item.organisations.all()) == [organisation]
    assert TEXT in str(item.body)
    assert item.owner == user
    assert sorted(tag.name for tag in item.tags.all()) == ["mjesna zajednica", "sjednica"]
    url = item.url

    # Guide, "Organisations and tags": readers see the tags under the item and filter the news by them.
    page.goto(f"{base}{url}")
    page.locator(".news-item__tags").get_by_role("link", name="sjednica").click()
    expect(page.locator(".news-index__list")).to_contain_text(TITLE)

    # On the home page, in the latest news.
    page.goto(f"{base}/")
    expect(page.locator("#news-latest-title + .cards")).to_contain_text(TITLE)

    # In the feed.
    feed = ET.fromstring(page.request.get(f"{base}/vijesti/rss/").body())
    assert [i.findtext("title") for i in feed.find("channel").findall("item")] == [TITLE]
    organisation_feed = ET.fromstring(page.request.get(f"{base}/vijesti/rss/{organisation.slug}/").body())
    assert organisation_feed.find("channel").find("item").findtext("title") == TITLE

    # In search, typed without diacritics, and in Cyrillic.
    for query in ("odrzana sjednica lucica", "Сједница Лучица"):
        page.goto(f"{base}/")
        page.locator("#site-search-q").fill(query)
        page.keyboard.press("Enter")
        expect(page.get_by_role("link", name=TITLE)).to_be_visible()

    # At /cir/, in Cyrillic.
    page.goto(f"{base}/cir{url}")
    expect(page.locator("h1")).to_have_text("Одржана сједница Савјета мјесне заједнице Лучица")
    expect(page.locator("main")).to_contain_text("Мјештани су разговарали")
    expect(page.locator("html")).to_have_attribute("lang", "cnr-Cyrl")


def test_news_pages_pass_axe(page, live_site, axe, news_index):
    """The news index, a news item and the empty and filtered states have no accessibility violations."""
    from infocentar.news.models import NewsPage
    from tests.news.conftest import png_image

    organisation = OrganisationFactory(name="Centar za kulturu", slug="centar-za-kulturu")
    item = NewsPage(
        title="Izložba u galeriji",
        slug="izlozba-u-galeriji",
        lead="Otvorena je izložba starih fotografija.",
        body=[("heading", {"text": "Radno vrijeme", "level": "h2"}), ("paragraph", "<p>Od 9 do 19 časova.</p>")],
        image=png_image("Galerija"),
        image_alt="Posjetioci u galeriji",
        organisations=[organisation],
    )
    news_index.add_child(instance=item)
    item.tags.add("kultura", "izložbe")
    item.save_revision().publish()
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    for path in (
        "/vijesti/",
        item.url,
        "/cir" + item.url,
        "/en/vijesti/",
        "/vijesti/?godina=1999",
        "/organi/centar-za-kulturu/",
    ):
        response = page.goto(live_site.url + path)
        assert response.status == 200, path
        expect(page.locator("h1")).to_be_visible()
        axe(page)
        assert not violations, (path, violations)
