"""The debate report as a tagged, accessible PDF (PDF/UA-1) with the municipality's header, by WeasyPrint."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .reporting import report_context

CSS = Path(__file__).parent / "static" / "consultations" / "report-pdf.css"


def municipality() -> dict[str, str]:
    from wagtail.models import Site

    from infocentar.portal.models import MunicipalitySettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:  # a fresh install without a site: the header shows the conducting body only
        return {"name": "", "address": ""}
    values = MunicipalitySettings.for_site(site)
    return {"name": values.name or "", "address": getattr(values, "address", "") or ""}


def report_html(report) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "consultations/report_pdf.html",
            {**report_context(report), "consultation": report.consultation, "municipality": municipality()},
        )


def render_report_pdf(report) -> bytes:
    """PDF/UA-1: tagged structure, document language and title, embedded fonts (DejaVu has Č, Ć, Đ, Š, Ž)."""
    from PIL import ImageFile

    strict = ImageFile.LOAD_TRUNCATED_IMAGES
    from weasyprint import CSS as WeasyCSS
    from weasyprint import HTML

    # Importing WeasyPrint turns on Pillow's tolerance of truncated images for the whole process,
    # which would let damaged uploads through documents.uploads: put it back.
    ImageFile.LOAD_TRUNCATED_IMAGES = strict

    document = HTML(string=report_html(report), base_url=settings.SITE_URL)
    return document.write_pdf(stylesheets=[WeasyCSS(filename=str(CSS))], pdf_variant="pdf/ua-1")
