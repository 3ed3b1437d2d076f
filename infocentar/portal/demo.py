"""Demo data of the portal: the home page, the main pages and the municipality's settings.

Replaces Wagtail's "Welcome" page with the municipality's home page as the
root of the default site (localhost:80, the site Wagtail falls back to for
any host, so http://127.0.0.1:8000/ serves it). Pages are found by slug and
created only when missing, so an editor's changes survive a second run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from infocentar.core.demo import (
    MAIN_EMAIL,
    MAIN_PHONE,
    MUNICIPALITY_NAME,
    SEAT_ADDRESS,
    WORKING_HOURS,
    demo_email,
    report,
)

from .models import HomePage, MunicipalitySettings, StandardPage

HOME_SLUG = "pocetna"
ACCESSIBILITY_SLUG = "izjava-o-pristupacnosti"
IC_EMAIL = demo_email("infocentar")
FOI_EMAIL = demo_email("pristup.informacijama")


def heading(text: str, level: str = "h2") -> tuple[str, dict]:
    return ("heading", {"text": text, "level": level})


def paragraph(html: str) -> tuple[str, RichText]:
    return ("paragraph", RichText(html))


def callout(title: str, html: str, kind: str = "info") -> tuple[str, dict]:
    return ("callout", {"kind": kind, "title": title, "text": RichText(html)})


def mailto(address: str) -> str:
    return f'<a href="mailto:{address}">{address}</a>'


@dataclass(frozen=True)
class DemoPage:
    slug: str
    title: str
    intro: str
    body: list = field(default_factory=list)
    show_in_menus: bool = True
    search_description: str = ""


HOME = DemoPage(
    slug=HOME_SLUG,
    title=MUNICIPALITY_NAME,
    intro=(
        "Zvanični portal Opštine Primorje: vijesti, akti i sjednice Skupštine, javne rasprave i usluge "
        "za građane na jednom mjestu, latinicom, ćirilicom i na engleskom jeziku."
    ),
    body=[
        heading("Dobro došli"),
        paragraph(
            "<p>Na portalu možete pratiti rad Skupštine i predsjednika Opštine, čitati odluke i druge akte, "
            "učestvovati u javnim raspravama o nacrtima propisa i saznati kome se i kako obratiti za "
            "uslugu koja vam je potrebna.</p>"
            "<ul><li>Sjednice Skupštine, dnevni red i materijali</li>"
            "<li>Javne rasprave: nacrti, primjedbe i izvještaji</li>"
            "<li>Organi, službe, javna preduzeća i ustanove Opštine</li></ul>"
        ),
        callout(
            "Demonstraciona verzija",
            "<p>Opština Primorje je izmišljena. Sva imena, adrese i brojevi telefona na ovom portalu služe "
            "samo za prikaz sistema Infocentar.</p>",
        ),
    ],
    show_in_menus=False,
    search_description="Zvanični portal Opštine Primorje.",
)

PAGES: list[DemoPage] = [
    DemoPage(
        slug="o-opstini",
        title="O opštini",
        intro=(
            "Opština Primorje je jedinica lokalne samouprave na crnogorskom primorju sa sjedištem u "
            "Primorju. Obuhvata grad, ribarsko naselje Lučicu i sela u brdskom zaleđu."
        ),
        body=[
            heading("Položaj i stanovništvo"),
            paragraph(
                "<p>Opština se prostire od obale Jadranskog mora do planinskog zaleđa. Prema posljednjem "
                "popisu u njoj živi oko 19.000 stanovnika, a u ljetnjoj sezoni broj ljudi u gradu se "
                "utrostruči. Privreda se zasniva na turizmu, trgovini, maslinarstvu i ribarstvu.</p>"
            ),
            heading("Organi Opštine"),
            paragraph(
                "<p>Organi Opštine su <b>Skupština opštine</b> i <b>predsjednik Opštine</b>. Skupština ima "
                "33 odbornika koje građani biraju na neposrednim izborima na četiri godine. Predsjednik "
                "Opštine je izvršni organ: predlaže budžet i odluke, izvršava odluke Skupštine i usmjerava "
                "rad lokalne uprave.</p>"
            ),
            heading("Lokalna uprava"),
            paragraph(
                "<p>Poslove lokalne uprave obavljaju sekretarijati, uprave i službe čiji rad koordinira "
                "glavni administrator. Opština je osnivač pet javnih preduzeća i pet javnih ustanova, a "
                "građani odlučuju i preko četiri mjesne zajednice.</p>"
            ),
        ],
    ),
    DemoPage(
        slug="informacioni-centar",
        title="Informacioni centar",
        intro=(
            "Informacioni centar razvija i održava informacioni sistem Opštine i pruža IT podršku svim "
            "organima, javnim preduzećima i ustanovama."
        ),
        body=[
            heading("Šta radimo"),
            paragraph(
                "<ul><li>održavamo ovaj portal, elektronsku poštu i zajedničke aplikacije;</li>"
                "<li>upravljamo mrežom, serverima i rezervnim kopijama podataka;</li>"
                "<li>nabavljamo, evidentiramo i servisiramo računarsku opremu;</li>"
                "<li>organizujemo obuke zaposlenih i brinemo o bezbjednosti informacija.</li></ul>"
            ),
            heading("Kako prijaviti kvar ili zahtjev"),
            paragraph(
                "<p>Zaposleni u organima Opštine, javnim preduzećima i ustanovama zahtjeve podnose preko "
                "svog IT kontakta u sistemu Infocentar ili na adresu "
                f"{mailto(IC_EMAIL)}. Hitne kvarove prijavite telefonom na +382 33 451 200.</p>"
            ),
            callout(
                "Radno vrijeme",
                f"<p>{WORKING_HOURS}; dežurni tehničar dostupan je i van radnog vremena za kvarove koji "
                "zaustavljaju rad službi.</p>",
            ),
        ],
    ),
    DemoPage(
        slug="slobodan-pristup-informacijama",
        title="Slobodan pristup informacijama",
        intro=(
            "Svako ima pravo da traži i dobije informaciju koju posjeduje Opština, bez obzira na to zašto "
            "mu je potrebna."
        ),
        body=[
            heading("Kako podnijeti zahtjev"),
            paragraph(
                "<p>Zahtjev za pristup informaciji podnosi se pisano, poštom ili u pisarnici Opštine, "
                f"usmeno na zapisnik ili elektronskom poštom na adresu {mailto(FOI_EMAIL)}. U zahtjevu "
                "navedite koju informaciju tražite i na koji način želite da vam bude dostavljena.</p>"
            ),
            heading("Rokovi i troškovi"),
            paragraph(
                "<p>Opština odlučuje o zahtjevu u roku od 15 dana od dana podnošenja. Pristup informaciji "
                "je besplatan; plaćaju se samo stvarni troškovi kopiranja i dostavljanja.</p>"
            ),
            heading("Vodič i proaktivno objavljivanje"),
            paragraph(
                "<p>Vodič za pristup informacijama, spisak javnih funkcionera, budžet, odluke i izvještaji "
                "o radu objavljuju se na ovom portalu. Protiv rješenja Opštine može se izjaviti žalba "
                "Agenciji za zaštitu ličnih podataka i slobodan pristup informacijama.</p>"
            ),
        ],
    ),
    DemoPage(
        slug="kontakt",
        title="Kontakt",
        intro="Adrese, telefoni i radno vrijeme organa Opštine Primorje.",
        body=[
            heading("Opština Primorje"),
            paragraph(
                f"<p>{SEAT_ADDRESS}<br>Telefon: {MAIN_PHONE}<br>E-pošta: {mailto(MAIN_EMAIL)}<br>"
                f"Radno vrijeme: {WORKING_HOURS}</p>"
            ),
            heading("Pisarnica (prijem podnesaka)", "h3"),
            paragraph(
                "<p>Prizemlje zgrade Opštine, šalteri 1–3. Podnesci se primaju radnim danima od 7 do 15 h; "
                f"telefon +382 33 451 140, e-pošta {mailto(demo_email('pisarnica'))}.</p>"
            ),
            heading("Informacioni centar", "h3"),
            paragraph(f"<p>Telefon +382 33 451 200, e-pošta {mailto(IC_EMAIL)}.</p>"),
            callout(
                "Hitni slučajevi",
                "<p>Služba zaštite i spašavanja: <b>123</b> (0–24 h). Komunalna policija: +382 33 451 190.</p>",
                kind="warning",
            ),
        ],
    ),
    DemoPage(
        slug=ACCESSIBILITY_SLUG,
        title="Izjava o pristupačnosti",
        intro=(
            "Opština Primorje želi da njen portal mogu koristiti svi, uključujući osobe s invaliditetom i "
            "starije osobe."
        ),
        body=[
            heading("Stepen usklađenosti"),
            paragraph(
                "<p>Portal je djelimično usklađen sa smjernicama WCAG 2.1 na nivou AA i sa standardom "
                "EN 301 549. Stranice se mogu koristiti samo tastaturom i čitačem ekrana, tekst se može "
                "uvećati do 200 % bez gubitka sadržaja, a sav sadržaj dostupan je i na ćirilici.</p>"
            ),
            heading("Nepristupačan sadržaj"),
            paragraph(
                "<ul><li>dio starijih akata objavljen je kao skenirani PDF bez tekstualnog sloja;</li>"
                "<li>snimci sjednica Skupštine starijih od 2024. godine nemaju titlove.</li></ul>"
                "<p>Na zahtjev ćemo vam takav dokument dostaviti u pristupačnom obliku.</p>"
            ),
            heading("Povratne informacije"),
            paragraph(
                "<p>Ako naiđete na sadržaj koji ne možete koristiti, pišite Informacionom centru na "
                f"{mailto(IC_EMAIL)} ili pozovite +382 33 451 200. Odgovorićemo u roku od 15 dana.</p>"
            ),
            paragraph("<p>Izjava je pripremljena samoprocjenom i preispituje se jednom godišnje.</p>"),
        ],
        show_in_menus=False,
    ),
]

SETTINGS = {
    "name": MUNICIPALITY_NAME,
    "tagline": "Zvanični portal",
    "address": SEAT_ADDRESS,
    "phone": MAIN_PHONE,
    "email": MAIN_EMAIL,
    "working_hours": WORKING_HOURS,
    "footer_text": (
        "<p>Demonstraciona instalacija sistema Infocentar. Opština Primorje i svi podaci na portalu su izmišljeni.</p>"
    ),
}


def _build(model, spec: DemoPage):
    return model(
        title=spec.title,
        slug=spec.slug,
        intro=spec.intro,
        body=spec.body,
        show_in_menus=spec.show_in_menus,
        search_description=spec.search_description,
        live=False,
    )


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _ensure_home() -> tuple[HomePage, bool]:
    home = HomePage.objects.first()
    if home is not None:
        return home, False
    home = _build(HomePage, HOME)
    Page.get_first_root_node().add_child(instance=home)
    _publish(home)
    return home, True


def _ensure_site(home: HomePage) -> Site:
    """The default site serves the home page; Wagtail's "Welcome" page goes."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=MUNICIPALITY_NAME
        )
    elif not isinstance(site.root_page.specific, HomePage):
        site.root_page = home
        site.site_name = site.site_name or MUNICIPALITY_NAME
        site.save()
    for child in Page.get_first_root_node().get_children():
        # Only Wagtail's untouched placeholder: a plain Page, no children, no site.
        if (
            child.content_type.model_class() is Page
            and child.numchild == 0
            and not Site.objects.filter(root_page=child).exists()
        ):
            child.delete()
    return site


def _ensure_settings(site: Site, accessibility: Page | None) -> bool:
    """Fill the settings that are empty (or still at the model's default name)."""
    settings_obj = MunicipalitySettings.for_site(site)
    default_name = MunicipalitySettings._meta.get_field("name").default
    changed = []
    for name, value in SETTINGS.items():
        current = getattr(settings_obj, name)
        if not current or (name == "name" and current == default_name):
            setattr(settings_obj, name, value)
            changed.append(name)
    if settings_obj.accessibility_statement_id is None and accessibility is not None:
        settings_obj.accessibility_statement = accessibility
        changed.append("accessibility_statement")
    if changed:
        settings_obj.save()
    return bool(changed)


@transaction.atomic
def seed(stdout, style) -> None:
    """Create the home page, the main pages, the site and the municipality's settings if missing."""
    home, home_created = _ensure_home()
    site = _ensure_site(home)
    created = int(home_created)
    existing = {p.slug: p for p in home.get_children().filter(slug__in=[spec.slug for spec in PAGES])}
    for spec in PAGES:
        if spec.slug in existing:
            continue
        page = _build(StandardPage, spec)
        home.add_child(instance=page)
        _publish(page)
        existing[spec.slug] = page
        created += 1
    settings_changed = _ensure_settings(site, existing.get(ACCESSIBILITY_SLUG))
    report(stdout, style, "pages", 1 + len(PAGES), created)
    line = "  municipality settings: " + ("filled in" if settings_changed else "unchanged")
    stdout.write(style.SUCCESS(line) if settings_changed else line)
