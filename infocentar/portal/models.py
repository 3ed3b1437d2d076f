"""The website: its home page, pages and the municipality's settings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from infocentar.core.text import fold_for_index

from .blocks import BodyBlock


class FoldedPageSearchMixin:
    """Pages expose `search_text` (title, lead and body folded) for the site search."""

    def get_search_text_parts(self) -> list[str]:
        parts = [self.title, getattr(self, "search_description", "")]
        intro = getattr(self, "intro", "")
        if intro:
            parts.append(str(intro))
        body = getattr(self, "body", None)
        if body is not None:
            parts.append(_stream_text(body))
        return parts

    @property
    def search_text(self) -> str:
        return fold_for_index(" ".join(p for p in self.get_search_text_parts() if p))


def _stream_text(stream) -> str:
    from django.utils.html import strip_tags

    chunks: list[str] = []
    for block in stream:
        value = block.value
        if hasattr(value, "source"):
            chunks.append(strip_tags(value.source))
        elif isinstance(value, str):
            chunks.append(value)
        elif hasattr(value, "items"):
            for item in value.values():
                if hasattr(item, "source"):
                    chunks.append(strip_tags(item.source))
                elif isinstance(item, str):
                    chunks.append(item)
    return " ".join(chunks)


class HomePage(FoldedPageSearchMixin, Page):
    """The municipality's home page."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(FoldedPageSearchMixin, Page):
    """A page of the website with free content."""

    intro = models.TextField(_("lead"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


@register_setting(icon="site")
class MunicipalitySettings(BaseSiteSetting):
    """The municipality's name, coat of arms and contacts, shown on every page."""

    name = models.CharField(_("municipality name"), max_length=150, default="Opština")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    coat_of_arms = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("coat of arms"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    working_hours = models.CharField(_("working hours"), max_length=255, blank=True)
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    footer_text = RichTextField(_("footer text"), blank=True, features=["bold", "italic", "link"])

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("tagline"), FieldPanel("coat_of_arms")], _("Identity")),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("working_hours")],
            _("Contacts"),
        ),
        FieldPanel("accessibility_statement"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("municipality")
