"""The sitemap: an index at /sitemap.xml, and a sitemap per section at /sitemap-<section>.xml.

Every public page appears in its three variants (Latin, Cyrillic, English) —
at /…, /cir/… and /en/… — and each entry lists all three as hreflang
alternates (plus x-default, the Latin one), as search engines expect for
pages in several languages or scripts.

The protocol allows at most 50,000 URLs in one file. Each section is
therefore paginated (`?p=2`, `?p=3`…) by `ITEMS_PER_FILE` items: three URLs
per item, plus the three of a section's index page on its first page, stay
under the limit. /sitemap.xml is the index of every section's pages
(django.contrib.sitemaps' `index` view, through Wagtail's, which hands each
section the request so it finds the right Wagtail site).

The documents of the library are a section of their own, not part of the
library page's entry: with tens of thousands of them, one page's entry would
otherwise overflow a file.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.db.models import Max
from django.urls import reverse
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Page

from .models import Organisation

VARIANTS = (("cnr-Latn", ""), ("cnr-Cyrl", "/cir"), ("en", "/en"))
MAX_URLS_PER_FILE = 50_000  # https://www.sitemaps.org/protocol.html#index
# 15,000 items x 3 variants + 3 for a section's index page = 45,003 URLs.
ITEMS_PER_FILE = 15_000


def variant_entries(location: str, lastmod=None) -> list[dict]:
    """The three entries for one Latin URL, each with every variant as alternate."""
    parts = urlsplit(location)
    urls = {code: urlunsplit(parts._replace(path=prefix + parts.path)) for code, prefix in VARIANTS}
    alternates = [{"lang_code": code, "location": url} for code, url in urls.items()]
    alternates.append({"lang_code": "x-default", "location": urls["cnr-Latn"]})
    return [{"location": url, "lastmod": lastmod, "alternates": alternates} for url in urls.values()]


class VariantSitemap(WagtailSitemap):
    """A section of the sitemap: `limit` items per file, each in three variants."""

    limit = ITEMS_PER_FILE

    def get_latest_lastmod(self):
        """When the section last changed (for the index), in one query; None when unknown.

        (Django's default reads every item's lastmod: the whole section, for one date.)
        """
        return None

    def _remember_lastmod(self, urls: list[dict]) -> list[dict]:
        dates = {url["lastmod"] for url in urls}
        if dates and None not in dates:
            self.latest_lastmod = max(dates)
        return urls


class PageSitemap(VariantSitemap):
    """Wagtail's live public pages (news items included)."""

    def _urls(self, page, protocol, domain):
        from infocentar.documents.models import DocumentLibraryPage

        urls = []
        for item in self.paginator.page(page).object_list.iterator():
            if isinstance(item, DocumentLibraryPage):
                # The library page only: its documents are the "documents" section.
                entries = Page.get_sitemap_urls(item, self.request)
            else:
                entries = item.get_sitemap_urls(self.request)
            for entry in entries:
                urls.extend(variant_entries(entry["location"], entry.get("lastmod")))
        return self._remember_lastmod(urls)

    def get_latest_lastmod(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live().public()
        return pages.aggregate(latest=Max("last_published_at"))["latest"]


class RecordSitemap(VariantSitemap):
    """Records shown by views (bodies, acts, debates): their index and each record's page."""

    index_url_name = ""

    def records(self):
        raise NotImplementedError

    def items(self):
        return self.records()

    def _urls(self, page, protocol, domain):
        base = self.get_wagtail_site().root_url
        urls = variant_entries(base + reverse(self.index_url_name)) if int(page) == 1 else []
        for record in self.paginator.page(page).object_list:
            urls.extend(variant_entries(base + record.get_absolute_url(), getattr(record, "updated_at", None)))
        return urls

    def get_latest_lastmod(self):
        return self.records().aggregate(latest=Max("updated_at"))["latest"]


class OrganisationSitemap(RecordSitemap):
    """The directory of bodies."""

    index_url_name = "organisation-index"

    def records(self):
        return Organisation.objects.active().only("slug", "updated_at").order_by("pk")


class ActSitemap(RecordSitemap):
    index_url_name = "acts-index"

    def records(self):
        from infocentar.acts.models import Act

        return Act.objects.public().only("pk", "updated_at").order_by("pk")


class ConsultationSitemap(RecordSitemap):
    index_url_name = "consultations-index"

    def records(self):
        from infocentar.consultations.models import Consultation

        return Consultation.objects.public().only("pk", "updated_at").order_by("pk")


class DocumentSitemap(VariantSitemap):
    """The library's public documents, at <library>/<id>/ (the site's first live public library page)."""

    def items(self):
        from infocentar.documents.links import library_path
        from infocentar.documents.models import LibraryDocument

        if library_path() is None:
            return LibraryDocument.objects.none()
        return LibraryDocument.objects.public().only("pk", "updated_at").order_by("pk")

    def _urls(self, page, protocol, domain):
        base = self.get_wagtail_site().root_url
        urls = []
        for document in self.paginator.page(page).object_list:
            urls.extend(variant_entries(base + document.get_absolute_url(), document.updated_at))
        return self._remember_lastmod(urls)

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {
    "pages": PageSitemap,
    "organisations": OrganisationSitemap,
    "documents": DocumentSitemap,
    "acts": ActSitemap,
    "consultations": ConsultationSitemap,
}
