"""Bench data and scenarios of the document library (found by bench.scenarios.autodiscover)."""

from __future__ import annotations

import datetime
import random
from urllib.parse import urlencode

from bench import text
from bench.data import ensure_home_page, generator
from bench.scenarios import scenario

TITLE_PREFIXES = {
    "budget": "Odluka o budžetu za",
    "year_end_accounts": "Završni račun budžeta za",
    "plan": "Program rada:",
    "report": "Izvještaj o radu:",
    "foi_guide": "Vodič za slobodan pristup informacijama:",
    "public_call": "Javni poziv:",
    "decision": "Odluka o",
    "other": "Informacija o",
}


def _library_page():
    from infocentar.documents.models import DocumentLibraryPage

    page = DocumentLibraryPage.objects.first()
    if page is None:
        home = ensure_home_page()
        page = DocumentLibraryPage(title="Dokumenti", slug="dokumenti", show_in_menus=True, live=False)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def _shared_file():
    """One tiny PDF that every generated document points to."""
    from wagtail.documents import get_document_model

    from infocentar.documents import services
    from infocentar.documents.pdf import build_pdf

    title = "Bench: zajednički PDF dokumenata"
    existing = get_document_model().objects.filter(title=title).first()
    if existing is not None:
        return existing
    content = build_pdf("Dokument biblioteke", ["Probni dokument za mjerenje brzine: č ć š ž đ."])
    return services.store_file(title, "bench-dokument.pdf", content)


@generator("library_documents", "Documents of the document library (sharing one small PDF)", small=500, large=20_000)
def library_documents(count: int, rng: random.Random) -> int:
    from infocentar.core.models import Organisation
    from infocentar.documents.models import DocumentType, LibraryDocument

    _library_page()
    file = _shared_file()
    organisation_ids = list(Organisation.objects.values_list("pk", flat=True))
    if not organisation_ids:
        return 0
    types = [value for value, _label in DocumentType.choices]
    this_year = datetime.date.today().year
    records = []
    for index in range(count):
        document_type = rng.choice(types)
        year = rng.randint(2000, this_year)
        title = f"{TITLE_PREFIXES[document_type]} {text.title(rng).lower()} ({year}) {index + 1}"
        records.append(
            LibraryDocument(
                title=title[:255],
                document_type=document_type,
                year=year,
                organisation_id=rng.choice(organisation_ids),
                description=text.sentence(rng),
                file=file if rng.random() < 0.97 else None,
                published_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                is_public=rng.random() < 0.95,
            )
        )
    LibraryDocument.objects.bulk_create(records, batch_size=1000)
    return len(records)


def _library_path() -> str:
    from infocentar.documents.links import forget_library_path, library_url

    forget_library_path()
    url = library_url()
    if url is None:
        raise LookupError("no document library page (is the data there?)")
    return url


@scenario("document_library", "The document library: pages 1, 2 and 50, a page-cache miss each time")
def document_library() -> list[str]:
    base = _library_path()
    return [f"{base}?v={{n}}", f"{base}?page=2&v={{n}}", f"{base}?page=50&v={{n}}"]


@scenario("document_library_filtered", "The document library filtered by type, year and organisation, and searched")
def document_library_filtered() -> list[str]:
    from infocentar.documents.models import LibraryDocument

    base = _library_path()
    sample = (
        LibraryDocument.objects.public()
        .select_related("organisation")
        .order_by("-published_on")
        .only("document_type", "year", "organisation__slug")[:3]
    )
    paths = []
    for document in sample:
        paths.append(f"{base}?{urlencode({'type': document.document_type, 'year': document.year})}&v={{n}}")
        paths.append(f"{base}?{urlencode({'organisation': document.organisation.slug, 'sort': 'title'})}&v={{n}}")
    paths.append(f"{base}?{urlencode({'q': 'budzet'})}&v={{n}}")
    paths.append(f"{base}?{urlencode({'q': 'izvjestaj', 'type': 'report'})}&v={{n}}")
    return paths


@scenario("api_documents", "The documents API: a page of 50, filtered, and one document")
def api_documents() -> list[str]:
    from infocentar.documents.models import LibraryDocument

    first = LibraryDocument.objects.public().order_by("-published_on").values_list("pk", flat=True).first()
    paths = ["/api/v1/documents?limit=50", "/api/v1/documents?type=budget&limit=20&offset=20"]
    if first is not None:
        paths.append(f"/api/v1/documents/{first}")
    return paths
