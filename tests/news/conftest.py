"""The news index and a way to make news items, for the news tests."""

from __future__ import annotations

import datetime
import io
import itertools

import pytest
from django.utils.text import slugify

from infocentar.core.text import fold

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to /en/ leaves English active in the thread,
    and page URLs built afterwards would carry /en/."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def news_index(home_page):
    from infocentar.news.models import NewsIndexPage

    index = home_page.add_child(
        instance=NewsIndexPage(title="Vijesti", slug="vijesti", intro="Vijesti o radu organa opštine.")
    )
    index.save_revision().publish()
    return index


def png_image(title: str = "Slika", alt: str = "Opis slike", size=(1600, 900)):
    """A Wagtail image made from a small generated PNG."""
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", size, (140, 29, 24)).save(buffer, format="PNG")
    return Image.objects.create(
        title=title, description=alt, file=ImageFile(buffer, name=f"{slugify(title) or 'slika'}.png")
    )


@pytest.fixture
def make_news(news_index):
    """make_news(title, **fields): a live news item under the index (published with a revision if asked)."""
    from infocentar.news.models import NewsPage

    def make(
        title: str,
        *,
        date: datetime.date | None = None,
        lead: str = "Kratak opis vijesti.",
        organisations=(),
        tags=(),
        body=None,
        image=None,
        image_alt: str = "",
        publish: bool = False,
        parent=None,
    ) -> NewsPage:
        number = next(_numbers)
        page = NewsPage(
            title=title,
            slug=f"{slugify(fold(title))[:60]}-{number}",
            date=date or datetime.date(2026, 3, 1),
            lead=lead,
            body=body if body is not None else [("paragraph", "<p>Tekst vijesti.</p>")],
            image=image,
            image_alt=image_alt,
            organisations=list(organisations),
        )
        (parent or news_index).add_child(instance=page)
        if tags:
            page.tags.add(*tags)
            page.save()
        if publish:
            page.save_revision().publish()
        return page

    return make


def give_section(organisation, page, *, can_publish: bool = True) -> None:
    """The organisation's website editors may edit, and publish, `page` and the pages below it.

    Where the site has editorial sections (portal.EditorialSection), that is a
    section with "editors publish directly"; before them, the editor role's
    group held page permissions on the whole tree and nothing is needed.
    """
    try:
        from infocentar.portal.models import EditorialSection
    except ImportError:
        return
    EditorialSection.objects.get_or_create(organisation=organisation, page=page, defaults={"can_publish": can_publish})
