"""News of the bodies' activities: the news index and the news items of the website."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from infocentar.portal.blocks import BodyBlock
from infocentar.portal.models import FoldedPageSearchMixin

NEWS_PER_PAGE = 20
LEAD_MAX_LENGTH = 300
# Query parameters of the news index's filters (Montenegrin, as the addresses are).
ORGANISATION_PARAM = "organ"
TAG_PARAM = "oznaka"
YEAR_PARAM = "godina"
FIRST_YEAR, LAST_YEAR = 1900, 2999


class NewsPageQuerySet(PageQuerySet):
    """News items; `for_listing()` fetches what listings show in a fixed number of queries."""

    def for_listing(self) -> NewsPageQuerySet:
        from wagtail.images import get_image_model

        from infocentar.core.models import Organisation

        renditions = get_image_model().get_rendition_model().objects.all()
        return (
            # Listings show no body: leave its JSON in the database.
            self.defer("body")
            .select_related("image")
            .prefetch_related(
                Prefetch("organisations", queryset=Organisation.objects.only("pk", "name", "short_name", "slug")),
                Prefetch("tagged_items", queryset=NewsPageTag.objects.select_related("tag")),
                Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
            )
            .order_by("-date", "-pk")
        )


class NewsPageManager(PageManager.from_queryset(NewsPageQuerySet)):
    """Wagtail's page manager, with `for_listing()`."""


class NewsIndexPage(FoldedPageSearchMixin, Page):
    """The list of news of the municipality's bodies (one per site, at /vijesti/)."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def news(self):
        """The live, public news items under this index, newest first."""
        return NewsPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        from .views import news_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(news_index_context(self, request))
        return context


class NewsPageTag(TaggedItemBase):
    """A tag given to a news item."""

    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("news tag")
        verbose_name_plural = _("news tags")


class NewsPage(FoldedPageSearchMixin, Page):
    """A news item about the activities of the municipality's bodies."""

    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("The day the news is dated; newest are listed first.")
    )
    lead = models.CharField(
        _("lead"),
        max_length=LEAD_MAX_LENGTH,
        help_text=_("One or two sentences that say what happened; shown in listings, feeds and search."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required when there is an image."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    organisations = ParentalManyToManyField(
        "core.Organisation",
        verbose_name=_("organisations concerned"),
        related_name="news_pages",
        blank=True,
        limit_choices_to={"is_active": True},
        help_text=_("The bodies whose activity the news is about; it is listed on their pages and feeds."),
    )
    tags = ClusterTaggableManager(verbose_name=_("tags"), through=NewsPageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead", widget=forms.Textarea(attrs={"rows": 3, "maxlength": LEAD_MAX_LENGTH})),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        FieldPanel("organisations", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("search_text"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    objects = NewsPageManager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [models.Index(fields=["date", "page_ptr"], name="news_newspage_date_idx")]

    @property
    def intro(self) -> str:
        """The summary shared listings show (search results read `intro`); the lead."""
        return self.lead

    def clean(self) -> None:
        super().clean()
        if self.image_id and not (self.image_alt or "").strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it, or remove the image.")}
            )

    @property
    def card_meta(self) -> str:
        """The line above the title in listings: the date and the bodies concerned."""
        from django.utils.formats import date_format

        names = [org.short_name or org.name for org in self.organisations.all()]
        return " · ".join([date_format(self.date, "DATE_FORMAT"), *names[:2]]) + (" …" if len(names) > 2 else "")

    def tag_list(self) -> list[Tag]:
        """The tags, from the prefetched tagged items when a listing fetched them."""
        return [item.tag for item in self.tagged_items.all()]

    @cached_property
    def published_datetime(self) -> datetime.datetime:
        """When the news came out: its first publication, or noon of its date when that was another day."""
        first = self.first_published_at
        if first is not None and timezone.localdate(first) == self.date:
            return first
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(12, 0)))

    def get_context(self, request, *args, **kwargs):
        from .views import news_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(news_page_context(self, request))
        return context


def organisations_with_news():
    """Active organisations that have at least one live news item (for filters)."""
    through = NewsPage.organisations.through
    has_news = through.objects.filter(organisation_id=OuterRef("pk"), newspage__live=True)
    from infocentar.core.models import Organisation

    return Organisation.objects.active().filter(Exists(has_news)).only("pk", "name", "slug")
