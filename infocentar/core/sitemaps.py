"""sitemap.xml: every public page in its three variants (Latin, Cyrillic, English).

Each URL appears three times — at /…, /cir/… and /en/… — and each entry lists
all three as hreflang alternates (plus x-default, the Latin one), as search
engines expect for pages in several languages or scripts.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.urls import reverse
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap

from .models import Organisation

VARIANTS = (("cnr-Latn", ""), ("cnr-Cyrl", "/cir"), ("en", "/en"))


def variant_entries(location: str, lastmod=None) -> list[dict]:
    """The three entries for one Latin URL, each with every variant as alternate."""
    parts = urlsplit(location)
    urls = {code: urlunsplit(parts._replace(path=prefix + parts.path)) for code, prefix in VARIANTS}
    alternates = [{"lang_code": code, "location": url} for code, url in urls.items()]
    alternates.append({"lang_code": "x-default", "location": urls["cnr-Latn"]})
    return [{"location": url, "lastmod": lastmod, "alternates": alternates} for url in urls.values()]


class PageSitemap(WagtailSitemap):
    """Wagtail's live public pages, in three variants."""

    def _urls(self, page, protocol, domain):
        urls = []
        for entry in super()._urls(page, protocol, domain):
            urls.extend(variant_entries(entry["location"], entry.get("lastmod")))
        return urls


class OrganisationSitemap(WagtailSitemap):
    """The directory of bodies (views, not Wagtail pages)."""

    def items(self):
        return list(Organisation.objects.active().only("slug", "updated_at").order_by("pk"))

    def _urls(self, page, protocol, domain):
        base = self.get_wagtail_site().root_url
        urls = variant_entries(base + reverse("organisation-index"))
        for organisation in self.paginator.page(page).object_list:
            urls.extend(variant_entries(base + organisation.get_absolute_url(), organisation.updated_at))
        return urls


class RecordSitemap(WagtailSitemap):
    """Records shown by views (acts, debates): their index and each record's page, in three variants."""

    index_url_name = ""

    def records(self):
        raise NotImplementedError

    def items(self):
        return self.records()

    def _urls(self, page, protocol, domain):
        base = self.get_wagtail_site().root_url
        urls = variant_entries(base + reverse(self.index_url_name)) if page == 1 else []
        for record in self.paginator.page(page).object_list:
            urls.extend(variant_entries(base + record.get_absolute_url(), getattr(record, "updated_at", None)))
        return urls


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


SITEMAPS = {
    "pages": PageSitemap,
    "organisations": OrganisationSitemap,
    "acts": ActSitemap,
    "consultations": ConsultationSitemap,
}
