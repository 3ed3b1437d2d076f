"""Editors write news in Wagtail's page editor: the form, its validation and the menu shortcut."""

from __future__ import annotations

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from infocentar.news.models import NewsPage

from .conftest import give_section, png_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(mfa_client, editor, information_center, home_page):
    """A website editor of the Information Center, whose section is the whole site."""
    give_section(information_center, home_page)
    return mfa_client(editor)


def add_url(news_index) -> str:
    return f"/admin/pages/add/news/newspage/{news_index.pk}/"


def form(**overrides) -> dict:
    data = {
        "title": "Održana sjednica Skupštine",
        "slug": "odrzana-sjednica-skupstine",
        "date": "2026-03-10",
        "lead": "Odbornici su usvojili izmjene budžeta.",
        "image": "",
        "image_alt": "",
        "body": streamfield([("paragraph", rich_text("<p>Sjednici je prisustvovalo 29 odbornika.</p>"))]),
        "tags": "sjednica, skupština",
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_the_editor_offers_organisations_as_checkboxes(editor_client, news_index, org_a, org_b):
    response = editor_client.get(add_url(news_index))
    assert response.status_code == 200
    content = response.content.decode()
    assert f'type="checkbox" name="organisations" value="{org_a.pk}"' in content
    assert 'name="image_alt"' in content


def test_an_editor_publishes_a_news_item(editor_client, news_index, org_a):
    response = editor_client.post(add_url(news_index), {**form(), "organisations": [org_a.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="odrzana-sjednica-skupstine")
    assert page.live
    assert list(page.organisations.all()) == [org_a]
    assert sorted(tag.name for tag in page.tags.all()) == ["sjednica", "skupština"]
    assert page.get_parent().pk == news_index.pk


def test_an_image_without_alternative_text_is_refused_in_the_editor(editor_client, news_index):
    image = png_image()
    response = editor_client.post(add_url(news_index), form(image=str(image.pk)))
    assert response.status_code == 200
    assert not NewsPage.objects.filter(slug="odrzana-sjednica-skupstine").exists()
    assert response.context["form"].errors.get("image_alt")


def test_a_lead_longer_than_300_characters_is_refused(editor_client, news_index):
    response = editor_client.post(add_url(news_index), form(lead="x" * 301))
    assert response.status_code == 200
    assert response.context["form"].errors.get("lead")


def test_news_can_only_be_added_under_the_news_index(editor_client, home_page, news_index):
    response = editor_client.get(f"/admin/pages/add/news/newspage/{home_page.pk}/")
    assert response.status_code in (302, 403)  # Wagtail sends the editor back with a message
    assert b'name="lead"' not in response.content


def test_the_news_menu_item_leads_to_the_news_index(editor_client, news_index):
    menu = editor_client.get("/admin/").content.decode()
    assert "/admin/vijesti/" in menu
    response = editor_client.get("/admin/vijesti/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{news_index.pk}/"


def test_without_a_news_index_the_shortcut_explains(editor_client, home_page):
    response = editor_client.get("/admin/vijesti/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == "/admin/pages/"  # the page explorer
    assert [str(m) for m in response.context["messages"]]


def test_people_without_page_permissions_do_not_see_the_news_menu_item(mfa_client, it_contact_a, news_index):
    menu = mfa_client(it_contact_a).get("/admin/").content.decode()
    assert "/admin/vijesti/" not in menu


def test_a_preview_of_a_new_news_item_renders(editor_client, news_index, org_a):
    url = f"/admin/pages/add/news/newspage/{news_index.pk}/preview/"
    response = editor_client.post(url, {**form(), "organisations": [org_a.pk]})
    assert response.status_code == 200
    assert response.json()["is_valid"]
    preview = editor_client.get(url)
    assert preview.status_code == 200
    assert "Održana sjednica Skupštine" in preview.content.decode()
