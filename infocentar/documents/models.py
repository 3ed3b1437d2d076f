"""The municipality's document library: published documents and the page that lists them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from infocentar.core.mixins import FoldedSearchMixin
from infocentar.core.models import OrganisationScopedQuerySet
from infocentar.portal.models import FoldedPageSearchMixin

FIRST_YEAR = 1990


class DocumentType(models.TextChoices):
    BUDGET = "budget", _("Budget")
    YEAR_END_ACCOUNTS = "year_end_accounts", _("Year-end accounts")
    PLAN = "plan", _("Plan or programme")
    REPORT = "report", _("Report")
    FOI_GUIDE = "foi_guide", _("Guide for free access to information")
    PUBLIC_CALL = "public_call", _("Public call")
    DECISION = "decision", _("Decision")
    OTHER = "other", _("Other")


def last_allowed_year() -> int:
    return timezone.localdate().year + 1


def validate_year(value: int) -> None:
    """A document's year lies between 1990 and next year (budgets are adopted the year before)."""
    if value is None:
        return
    last = last_allowed_year()
    if not FIRST_YEAR <= value <= last:
        raise ValidationError(
            _("Enter a year between %(first)s and %(last)s."),
            code="invalid_year",
            params={"first": FIRST_YEAR, "last": last},
        )


class LibraryDocumentQuerySet(OrganisationScopedQuerySet):
    def public(self) -> LibraryDocumentQuerySet:
        return self.filter(is_public=True)

    def for_listing(self) -> LibraryDocumentQuerySet:
        """What a listing shows, fetched in the same query (no query per row)."""
        return self.select_related("organisation", "file").only(
            "id",
            "title",
            "document_type",
            "year",
            "description",
            "published_on",
            "organisation__id",
            "organisation__name",
            "organisation__slug",
            "file__id",
            "file__title",
            "file__file",
            "file__file_size",
        )


class LibraryDocument(FoldedSearchMixin, models.Model):
    """A document the municipality publishes (budget, report, plan, public call …) in its library."""

    title = models.CharField(_("title"), max_length=255)
    document_type = models.CharField(_("document type"), max_length=30, choices=DocumentType.choices)
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(FIRST_YEAR), validate_year],
        help_text=_("The year the document is about (the budget year, the year reported on)."),
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        related_name="library_documents",
        on_delete=models.PROTECT,
        help_text=_("The body that adopted or published the document."),
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)
    file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        related_name="library_documents",
        # A deleted file leaves the record: its page says the file is no longer available.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    published_on = models.DateField(_("published"), default=timezone.localdate)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown in the website's document library, search and API.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LibraryDocumentQuerySet.as_manager()

    search_text_fields = ("title", "description")
    search_fields = [
        index.SearchField("search_text"),
        index.AutocompleteField("search_text"),
        index.FilterField("document_type"),
        index.FilterField("year"),
        index.FilterField("organisation"),
        index.FilterField("is_public"),
        index.FilterField("published_on"),
        index.FilterField("title"),
        index.FilterField("updated_at"),
        index.FilterField("created_at"),
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("library document")
        verbose_name_plural = _("library documents")
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["is_public", "-published_on", "-id"], name="documents_public_newest"),
            models.Index(fields=["is_public", "title"], name="documents_public_title"),
            models.Index(fields=["is_public", "document_type", "-published_on"], name="documents_public_type"),
            models.Index(fields=["is_public", "year", "-published_on"], name="documents_public_year"),
            models.Index(fields=["organisation", "is_public", "-published_on"], name="documents_org_public"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from .links import document_url

        return document_url(self.pk) or ""

    def get_search_text_parts(self) -> list[str]:
        parts = super().get_search_text_parts()
        organisation = self.organisation if self.organisation_id else None
        if organisation is not None:
            parts += [organisation.name, organisation.short_name]
        parts.append(str(self.get_document_type_display()))
        return parts

    @property
    def search_description(self) -> str:
        """The summary the site search shows."""
        return self.description

    @property
    def has_file(self) -> bool:
        return self.file_id is not None and self.file is not None

    @property
    def file_format(self) -> str:
        """'PDF', 'DOCX' … from the file's name; '' without a file."""
        if not self.has_file:
            return ""
        return self.file.file_extension.upper()

    @property
    def file_size(self) -> int | None:
        """Size in bytes as Wagtail recorded it at upload (never read from storage here)."""
        if not self.has_file:
            return None
        return self.file.file_size

    @property
    def file_summary(self) -> str:
        """'PDF, 240 KB' (or just 'PDF' when the size is unknown)."""
        if not self.has_file:
            return ""
        size = self.file_size
        return f"{self.file_format}, {filesizeformat(size)}" if size else self.file_format


class DocumentLibraryPage(RoutablePageMixin, FoldedPageSearchMixin, Page):
    """The website's document library (/dokumenti/): filters, search and a page per document."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    template = "documents/library_page.html"

    class Meta:
        verbose_name = _("document library")
        verbose_name_plural = _("document libraries")

    @path("")
    def listing(self, request):
        from .listing import library_context

        return self.render(request, context_overrides=library_context(self, request))

    @path("<int:document_id>/", name="document")
    def document(self, request, document_id: int):
        from django.shortcuts import get_object_or_404

        document = get_object_or_404(
            LibraryDocument.objects.public().select_related("organisation", "file"), pk=document_id
        )
        return self.render(
            request,
            template="documents/document_detail.html",
            context_overrides={"document": document, "title": document.title},
        )

    def get_sitemap_urls(self, request=None):
        """The library, and a page per public document."""
        entries = list(super().get_sitemap_urls(request))
        if not entries:
            return entries
        base = entries[0]["location"]
        for pk, updated_at in LibraryDocument.objects.public().order_by("pk").values_list("pk", "updated_at"):
            entries.append({"location": f"{base}{self.reverse_subpage('document', args=[pk])}", "lastmod": updated_at})
        return entries
