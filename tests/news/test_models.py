"""The news page types: what they require, where they live, what search sees."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from infocentar.news.models import NewsIndexPage, NewsPage

from .conftest import png_image

pytestmark = pytest.mark.django_db


def test_an_image_without_alternative_text_is_refused(news_index):
    page = NewsPage(title="Vijest sa slikom", slug="vijest-sa-slikom", lead="Opis.", image=png_image())
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "image_alt" in error.value.message_dict


def test_blank_alternative_text_is_refused_too(news_index):
    page = NewsPage(title="Vijest", slug="vijest", lead="Opis.", image=png_image(), image_alt="   ")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "image_alt" in error.value.message_dict


def test_an_image_with_alternative_text_is_accepted(news_index):
    page = NewsPage(title="Vijest", slug="vijest", lead="Opis.", image=png_image(), image_alt="Sala Skupštine")
    news_index.add_child(instance=page)
    page.full_clean()


def test_the_lead_is_required_and_short(news_index):
    with pytest.raises(ValidationError) as error:
        NewsPage(title="Vijest", slug="vijest", lead="").full_clean()
    assert "lead" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        NewsPage(title="Vijest", slug="vijest", lead="x" * 301).full_clean()
    assert "lead" in error.value.message_dict


def test_the_date_defaults_to_today():
    assert NewsPage().date == timezone.localdate()


def test_page_types_declare_where_they_live():
    assert NewsIndexPage.parent_page_types == ["portal.HomePage"]
    assert NewsIndexPage.subpage_types == ["news.NewsPage"]
    assert NewsPage.parent_page_types == ["news.NewsIndexPage"]
    assert NewsPage.subpage_types == []


def test_one_news_index_per_site(news_index, home_page):
    assert not NewsIndexPage.can_create_at(home_page)


def test_every_model_has_a_docstring_and_a_verbose_name():
    from infocentar.news.models import NewsPageTag

    for model in (NewsIndexPage, NewsPage, NewsPageTag):
        assert model.__doc__ and "\n" not in model.__doc__.strip()
        assert model._meta.verbose_name


def test_search_text_folds_title_lead_and_body(make_news):
    page = make_news(
        "Održana sjednica",
        lead="Usvojen budžet opštine.",
        body=[("paragraph", "<p>Đurđevdanski sajam u Lučici.</p>")],
    )
    for word in ("odrzana", "sjednica", "usvojen", "budzet", "opstine", "lucici", "djurdjevdanski", "durdevdanski"):
        assert word in page.search_text, word


def test_published_datetime_is_the_first_publication_on_the_news_date(make_news):
    page = make_news("Vijest", date=datetime.date(2026, 2, 3))
    assert page.published_datetime == timezone.make_aware(datetime.datetime(2026, 2, 3, 12, 0))
    page.first_published_at = timezone.make_aware(datetime.datetime(2026, 2, 3, 9, 15))
    del page.published_datetime
    assert page.published_datetime.hour == 9


def test_the_date_is_indexed():
    indexed = {tuple(index.fields) for index in NewsPage._meta.indexes}
    assert ("date", "page_ptr") in indexed
