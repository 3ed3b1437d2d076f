"""Pages of every type, a body with every block, and editors of two organisations."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.rich_text import RichText

from infocentar.core.models import Role

from ..factories import member_of


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def landing(home_page):
    from infocentar.portal.models import LandingPage

    return publish(
        home_page.add_child(
            instance=LandingPage(
                title="Usluge građanima",
                slug="usluge",
                intro="Zahtjevi, rokovi i takse.",
                show_in_menus=True,
                body=[("paragraph", RichText("<p>Sve usluge Opštine na jednom mjestu.</p>"))],
            )
        )
    )


@pytest.fixture
def landing_children(landing):
    from infocentar.portal.models import StandardPage

    return [
        publish(landing.add_child(instance=StandardPage(title=title, slug=slug, intro=f"O stranici {title}.")))
        for title, slug in (("Komunalni poslovi", "komunalni"), ("Porezi i takse", "porezi"))
    ]


@pytest.fixture
def contact_page(home_page):
    from infocentar.portal.models import ContactPage

    return publish(
        home_page.add_child(
            instance=ContactPage(
                title="Kontakt",
                slug="kontakt",
                intro="Kako do nas.",
                address="Njegoševa 1\n85000 Primjer",
                phones="Centrala: +382 20 123 456\n+382 20 123 457",
                emails="Pisarnica: pisarnica@primjer.me",
                working_hours="ponedjeljak–petak 7–15 h",
                location="Zgrada Opštine je preko puta autobuske stanice.",
                contact_cards=[("contact", {"name": "Pisarnica", "phone": "+382 20 123 458"})],
            )
        )
    )


@pytest.fixture
def statement(home_page):
    from infocentar.portal.models import AccessibilityStatementPage

    return publish(
        home_page.add_child(
            instance=AccessibilityStatementPage(
                title="Izjava o pristupačnosti",
                slug="pristupacnost",
                intro="Portal je za sve.",
                conformance_status="partial",
                conformance_details="<p>Stranice se mogu koristiti tastaturom.</p>",
                non_accessible_content="<p>Stariji skenirani akti nemaju tekstualni sloj.</p>",
                feedback_text="<p>Pišite nam.</p>",
                feedback_email="pristupacnost@primjer.me",
                feedback_phone="+382 20 123 459",
                enforcement_body="Nadležni organ",
                enforcement_procedure="<p>Pritužba nadležnom organu.</p>",
                prepared_on=datetime.date(2026, 1, 15),
                reviewed_on=datetime.date(2026, 6, 1),
            )
        )
    )


def png_image(title="Fotografija", size=(1600, 900)):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", size, (11, 79, 156)).save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="fotografija.png"))


def pdf_document(title="Budžet za 2026. godinu"):
    from wagtail.documents import get_document_model

    Document = get_document_model()
    document = Document(title=title)
    document.file.save("budzet-2026.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 2048 + b"\n%%EOF\n"), save=False)
    document.file_size = document.file.size
    document.save()
    return document


def every_block_body(organisation, image, document) -> list:
    """A body with one block of each kind (and three level-2 headings, so the page gets a contents list)."""
    return [
        ("heading", {"text": "Kako podnijeti zahtjev", "level": "h2"}),
        ("paragraph", RichText("<p>Zahtjev predajete na šalteru ili elektronski.</p>")),
        ("image", {"image": image, "alt_text": "Šalter pisarnice u prizemlju", "decorative": False}),
        ("heading", {"text": "Rokovi i takse", "level": "h2"}),
        ("callout", {"kind": "warning", "title": "Rokovi", "text": RichText("<p>Rok je 15 dana.</p>")}),
        ("document", {"document": document, "title": "", "description": "Odluka o budžetu"}),
        (
            "table",
            {
                "table": {
                    "caption": "Takse za uvjerenja",
                    "columns": [{"type": "text", "heading": "Uvjerenje"}, {"type": "number", "heading": "Taksa (€)"}],
                    "rows": [{"values": ["O prebivalištu", "2,00"]}, {"values": ["O imovnom stanju", "5,00"]}],
                },
                "row_headers": True,
            },
        ),
        ("heading", {"text": "Česta pitanja", "level": "h2"}),
        (
            "accordion",
            {
                "title": "",
                "items": [
                    {"summary": "Koliko traje postupak?", "content": RichText("<p>Najviše 15 dana.</p>")},
                    {"summary": "Da li se plaća taksa?", "content": RichText("<p>Za neka uvjerenja da.</p>")},
                ],
            },
        ),
        ("heading", {"text": "Kontakt", "level": "h3"}),
        ("contact", {"name": "Pisarnica", "phone": "+382 20 123 458", "email": "pisarnica@primjer.me"}),
        ("organisation", organisation),
    ]


@pytest.fixture
def full_page(home_page, org_a):
    from infocentar.portal.models import StandardPage

    body = every_block_body(org_a, png_image(), pdf_document())
    return publish(
        home_page.add_child(
            instance=StandardPage(title="Uvjerenja", slug="uvjerenja", intro="Kako do uvjerenja.", body=body)
        )
    )


# --- editors of two organisations ----------------------------------------------------------------
member = member_of


@pytest.fixture
def editor_a(org_a):
    return member("urednik-vik", org_a, Role.EDITOR)


@pytest.fixture
def editor_a2(org_a):
    return member("urednik-vik-2", org_a, Role.EDITOR)


@pytest.fixture
def editor_b(org_b):
    return member("urednik-kultura", org_b, Role.EDITOR)


@pytest.fixture
def admin_client_for():
    """admin_client_for(user): a test client signed in as the user, MFA set up (one client per user)."""
    from allauth.mfa.models import Authenticator
    from django.test import Client

    def make(user):
        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
        )
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def now():
    return timezone.now()
