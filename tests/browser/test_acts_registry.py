"""The registry of acts in a real browser: filtering by keyboard, an act's text and its comparison; axe on each page."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def registry(live_site, home_page):
    from django.core.cache import cache

    from infocentar.acts import services
    from infocentar.acts.models import Act, ActStatus, ActType, RelationKind, VersionKind
    from infocentar.acts.services import ArticleData
    from tests.factories import OrganisationFactory

    cache.clear()
    assembly = OrganisationFactory(name="Skupština opštine", slug="skupstina")
    mayor = OrganisationFactory(name="Predsjednik opštine", slug="predsjednik")
    base = services.save_act(
        Act(
            type=ActType.STATUTE,
            title="Statut opštine",
            issuer=assembly,
            adopted_on=datetime.date(2019, 1, 10),
            status=ActStatus.IN_FORCE,
            area="Lokalna samouprava",
        )
    )
    services.save_act(
        Act(
            type=ActType.RULING,
            title="Rješenje o imenovanju komisije",
            issuer=mayor,
            adopted_on=datetime.date(2025, 2, 1),
            status=ActStatus.ADOPTED,
        )
    )
    act = services.save_act(
        Act(
            type=ActType.DECISION,
            title="Odluka o komunalnom redu",
            issuer=assembly,
            status=ActStatus.DRAFT,
            drafted_on=datetime.date(2026, 1, 15),
            area="Komunalne djelatnosti",
        )
    )
    services.create_version(
        act,
        label="Nacrt",
        kind=VersionKind.DRAFT,
        articles=[
            ArticleData("1", "Predmet", "Ovom odlukom uređuje se komunalni red.", "I OSNOVNE ODREDBE"),
            ArticleData("2", "", "Zabranjeno je odlaganje otpada.", "I OSNOVNE ODREDBE"),
            ArticleData("3", "Nadzor", "Nadzor vrši komunalna policija.", "II NADZOR"),
        ],
    )
    services.create_version(
        act,
        label="Prijedlog",
        kind=VersionKind.PROPOSAL,
        articles=[
            ArticleData("1", "Predmet", "Ovom odlukom uređuje se komunalni red i mir.", "I OSNOVNE ODREDBE"),
            ArticleData("2", "", "Zabranjeno je odlaganje otpada.", "I OSNOVNE ODREDBE"),
            ArticleData("3a", "Kazne", "Novčanom kaznom kazniće se pravno lice.", "II NADZOR"),
        ],
    )
    services.set_status(act, ActStatus.PROPOSAL, on=datetime.date(2026, 2, 20))
    services.relate(act, RelationKind.BASED_ON, base)
    cache.clear()
    yield live_site, act
    cache.clear()


def test_filter_the_registry_with_the_keyboard(page, registry, axe):
    site, _act = registry
    page.goto(site.url + "/akti/")
    axe(page)
    page.locator("#id_q").focus()
    page.keyboard.type("statut")
    page.keyboard.press("Enter")
    expect(page.locator(".act-item__title a")).to_have_text(["Statut opštine"])
    page.goto(site.url + "/akti/")
    page.locator("#id_issuer").select_option("predsjednik")
    page.locator(".library-filters__actions button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".act-item__title a")).to_have_text(["Rješenje o imenovanju komisije"])
    axe(page)


def test_act_page_text_links_and_comparison(page, registry, axe):
    site, act = registry
    page.goto(site.url + act.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Odluka o komunalnom redu")
    axe(page)
    page.locator('.act-article__link[href="#clan-3a"]').click()
    expect(page).to_have_url(f"{site.url}{act.get_absolute_url()}#clan-3a")
    page.locator(".act-compare-form button").click()
    expect(page.locator("ins").first).to_be_visible()
    expect(page.locator("del").first).to_be_visible()
    axe(page)


def test_cyrillic_act_page_passes_axe(page, registry, axe):
    site, act = registry
    page.goto(site.url + "/cir" + act.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Одлука о комуналном реду")
    axe(page)
