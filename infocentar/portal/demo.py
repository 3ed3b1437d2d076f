"""Demo data of the portal: the home page, the page tree, settings, menus, alerts and editorial work.

Replaces Wagtail's "Welcome" page with the municipality's home page as the
root of the default site (localhost:80, the site Wagtail falls back to for
any host, so http://127.0.0.1:8000/ serves it). Pages are found by slug under
their parent and created only when missing, so an editor's changes survive a
second run, and a second run writes nothing. Settings, menus and quick links
are filled in only while they are empty.

The contact page and the accessibility statement were standard pages in the
first demo: a standard page still at their address (with no pages below it)
is replaced by the page of the right type, once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from infocentar.core import audit, services
from infocentar.core.demo import (
    MAIN_EMAIL,
    MAIN_PHONE,
    MUNICIPALITY_NAME,
    SEAT_ADDRESS,
    WORKING_HOURS,
    demo_email,
    report,
)
from infocentar.core.models import Organisation

from .models import (
    AccessibilityStatementPage,
    ContactPage,
    EditorialSection,
    FooterMenuItem,
    HomePage,
    LandingPage,
    MainMenuItem,
    MunicipalitySettings,
    NavigationSettings,
    SiteAlert,
    StandardPage,
)

HOME_SLUG = "pocetna"
ACCESSIBILITY_SLUG = "izjava-o-pristupacnosti"
CONTACT_SLUG = "kontakt"
IC_EMAIL = demo_email("infocentar")
FOI_EMAIL = demo_email("pristup.informacijama")
DPO_EMAIL = demo_email("zastita.podataka")


# --- Building blocks of the bodies --------------------------------------------------------------
def heading(text: str, level: str = "h2") -> tuple[str, dict]:
    return ("heading", {"text": text, "level": level})


def paragraph(html: str) -> tuple[str, RichText]:
    return ("paragraph", RichText(html))


def callout(title: str, html: str, kind: str = "info") -> tuple[str, dict]:
    return ("callout", {"kind": kind, "title": title, "text": RichText(html)})


def table(caption: str, columns: list[tuple[str, str]], rows: list[list[str]], row_headers: bool = True):
    """columns: (type, heading) with type "text", "number" or "rich_text"."""
    return (
        "table",
        {
            "table": {
                "caption": caption,
                "columns": [{"type": kind, "heading": title} for kind, title in columns],
                "rows": [{"values": row} for row in rows],
            },
            "row_headers": row_headers,
        },
    )


def accordion(title: str, items: list[tuple[str, str]]) -> tuple[str, dict]:
    return ("accordion", {"title": title, "items": [{"summary": s, "content": RichText(c)} for s, c in items]})


def contact(name: str, **details: str) -> tuple[str, dict]:
    return ("contact", {"name": name, **details})


def organisation_card(slug: str) -> Callable[[], tuple[str, Organisation] | None]:
    """Resolved when the page is built: the organisations exist by then (core seeds first)."""

    def resolve():
        organisation = Organisation.objects.filter(slug=slug).first()
        return ("organisation", organisation) if organisation is not None else None

    return resolve


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
    model: type[Page] = StandardPage
    children: tuple[DemoPage, ...] = ()


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
    model=HomePage,
)

# --- Pages right below the home page (their addresses are those of the first demo) --------------
TOP_PAGES: list[DemoPage] = [
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
        show_in_menus=False,
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
            contact(
                "Službenik za slobodan pristup informacijama",
                description="Sekretarijat za lokalnu samoupravu, kancelarija 12",
                phone="+382 33 451 150",
                email=FOI_EMAIL,
                working_hours=WORKING_HOURS,
            ),
        ],
        show_in_menus=False,
    ),
]

# --- Sections: landing pages and the pages below them ----------------------------------------------
ORGANS = DemoPage(
    slug="organi-opstine",
    title="Organi opštine",
    intro="Skupština, predsjednik Opštine i lokalna uprava: ko šta radi i kome se obratiti.",
    model=LandingPage,
    body=[
        callout(
            "Imenik organa i službi",
            "<p>Adrese, telefone i rukovodioce svih organa, preduzeća i ustanova naći ćete u "
            '<a href="/organi/">imeniku organa i službi</a>.</p>',
        )
    ],
    children=(
        DemoPage(
            slug="skupstina",
            title="Skupština opštine",
            intro="Predstavnički organ građana: 33 odbornika, sjednice, radna tijela i odluke.",
            body=[
                heading("Nadležnost"),
                paragraph(
                    "<p>Skupština donosi Statut, budžet i završni račun budžeta, odluke, planove i programe "
                    "razvoja, bira predsjednika Skupštine i daje saglasnost na akte javnih preduzeća i "
                    "ustanova čiji je osnivač Opština.</p>"
                ),
                heading("Sjednice"),
                paragraph(
                    "<p>Sjednice saziva predsjednik Skupštine, najmanje jednom u tri mjeseca. Sjednice su "
                    "javne: građani ih mogu pratiti iz sale za publiku ili uživo preko Radio Primorja. "
                    "Poziv sa dnevnim redom i materijalima objavljuje se na portalu najkasnije sedam "
                    "dana prije sjednice.</p>"
                ),
                heading("Radna tijela"),
                accordion(
                    "Stalni odbori Skupštine",
                    [
                        (
                            "Odbor za budžet i finansije",
                            "<p>Razmatra prijedlog budžeta, završni račun i odluke o lokalnim prihodima.</p>",
                        ),
                        (
                            "Odbor za statut i propise",
                            "<p>Razmatra usklađenost propisa sa zakonom i Statutom i utvrđuje prečišćene tekstove.</p>",
                        ),
                        (
                            "Odbor za planiranje i uređenje prostora",
                            "<p>Razmatra planske dokumente i programe uređenja prostora.</p>",
                        ),
                    ],
                ),
                organisation_card("skupstina-opstine"),
            ],
        ),
        DemoPage(
            slug="predsjednik-opstine",
            title="Predsjednik opštine",
            intro="Izvršni organ Opštine: predlaže budžet i odluke i usmjerava rad lokalne uprave.",
            body=[
                paragraph(
                    "<p>Predsjednika Opštine bira Skupština iz reda odbornika, na četiri godine. Predsjednik "
                    "ima potpredsjednika, a rad organa lokalne uprave koordinira glavni administrator.</p>"
                ),
                organisation_card("predsjednik-opstine"),
                organisation_card("potpredsjednik-opstine"),
                organisation_card("glavni-administrator"),
                organisation_card("kabinet-predsjednika"),
            ],
        ),
        DemoPage(
            slug="lokalna-uprava",
            title="Lokalna uprava",
            intro="Sekretarijati, uprave i službe koje obavljaju poslove Opštine za građane i privredu.",
            body=[
                paragraph(
                    "<p>Organi lokalne uprave obrazovani su Odlukom o organizaciji i načinu rada lokalne "
                    "uprave. Svaki organ ima starješinu koga postavlja predsjednik Opštine.</p>"
                ),
                table(
                    "Organi lokalne uprave i njihovi telefoni",
                    [("text", "Organ"), ("text", "Telefon"), ("text", "Kancelarija")],
                    [
                        ["Sekretarijat za finansije", "+382 33 451 120", "prvi sprat, 101"],
                        ["Sekretarijat za uređenje prostora", "+382 33 451 130", "drugi sprat, 201"],
                        ["Sekretarijat za lokalnu samoupravu", "+382 33 451 150", "prizemlje, 12"],
                        ["Sekretarijat za komunalne poslove i saobraćaj", "+382 33 451 160", "drugi sprat, 210"],
                        ["Uprava lokalnih javnih prihoda", "+382 33 451 170", "prizemlje, šalteri 4–6"],
                    ],
                ),
                organisation_card("sekretarijat-za-finansije"),
                organisation_card("sekretarijat-za-uredjenje-prostora"),
            ],
        ),
    ),
)

SERVICES = DemoPage(
    slug="usluge-gradjanima",
    title="Usluge građanima",
    intro="Zahtjevi, rokovi, takse i kontakti za najčešće usluge Opštine, na jednom mjestu.",
    model=LandingPage,
    children=(
        DemoPage(
            slug="komunalni-poslovi",
            title="Komunalni poslovi",
            intro="Voda, otpad, javna rasvjeta, parking i komunalni red: kome se obratiti i kako.",
            body=[
                heading("Prijava komunalnog problema"),
                paragraph(
                    "<p>Kvar na javnoj rasvjeti, oštećen kolovoz, divlju deponiju ili nepropisno parkirano "
                    "vozilo prijavite Komunalnoj policiji. Prijavu primamo telefonom, elektronskom poštom "
                    "ili lično u prizemlju zgrade Opštine.</p>"
                ),
                contact(
                    "Komunalna policija",
                    description="Dežurni komunalni policajac",
                    phone="+382 33 451 190",
                    email=demo_email("komunalna.policija"),
                    working_hours="svakog dana 7–22 h",
                ),
                heading("Voda i kanalizacija"),
                paragraph(
                    "<p>Snabdijevanje vodom, priključke i kvarove na mreži rješava Vodovod i kanalizacija "
                    "d.o.o. Planirane prekide u snabdijevanju objavljujemo na vrhu svake stranice portala.</p>"
                ),
                organisation_card("vodovod-i-kanalizacija"),
                heading("Otpad i čistoća"),
                paragraph(
                    "<p>Otpad iz domaćinstava odvozi preduzeće Komunalno d.o.o. po rasporedu za svaku "
                    "mjesnu zajednicu. Kabasti otpad odvozi se besplatno jednom mjesečno, uz prethodnu "
                    "najavu.</p>"
                ),
                accordion(
                    "Česta pitanja",
                    [
                        (
                            "Kako da prijavim kabasti otpad?",
                            "<p>Pozovite Komunalno d.o.o. na +382 33 452 400 najkasnije dva dana prije "
                            "odvoza za vašu mjesnu zajednicu.</p>",
                        ),
                        (
                            "Ko popravlja javnu rasvjetu?",
                            "<p>Sekretarijat za komunalne poslove i saobraćaj, po prijavi Komunalnoj policiji.</p>",
                        ),
                        (
                            "Gdje se plaća parking?",
                            "<p>SMS porukom, na parking aparatima ili mjesečnom kartom koju izdaje Parking servis.</p>",
                        ),
                    ],
                ),
            ],
        ),
        DemoPage(
            slug="prostorno-planiranje",
            title="Prostorno planiranje",
            intro="Planski dokumenti, urbanističko-tehnički uslovi i naknada za komunalno opremanje.",
            body=[
                heading("Urbanističko-tehnički uslovi"),
                paragraph(
                    "<p>Zahtjev za izdavanje urbanističko-tehničkih uslova podnosi se Sekretarijatu za "
                    "uređenje prostora. Uz zahtjev se prilaže list nepokretnosti i kopija plana; rok za "
                    "izdavanje je 20 dana.</p>"
                ),
                heading("Naknada za komunalno opremanje"),
                table(
                    "Naknada za komunalno opremanje građevinskog zemljišta po zonama",
                    [("text", "Zona"), ("number", "Stambeni objekti (€/m²)"), ("number", "Poslovni objekti (€/m²)")],
                    [
                        ["I zona – gradsko jezgro", "95,00", "140,00"],
                        ["II zona – šire gradsko područje", "70,00", "105,00"],
                        ["III zona – prigradska naselja", "40,00", "60,00"],
                        ["IV zona – seoska područja", "15,00", "25,00"],
                    ],
                ),
                heading("Planski dokumenti"),
                paragraph(
                    "<p>Važeći planski dokumenti, nacrti u javnoj raspravi i izvještaji o javnim raspravama "
                    "objavljuju se u biblioteci dokumenata portala.</p>"
                ),
                organisation_card("sekretarijat-za-uredjenje-prostora"),
            ],
        ),
        DemoPage(
            slug="lokalni-porezi-i-takse",
            title="Lokalni porezi i takse",
            intro="Porez na nepokretnosti, prirez, lokalne takse i naknade: rokovi i načini plaćanja.",
            body=[
                heading("Porez na nepokretnosti"),
                paragraph(
                    "<p>Rješenja o porezu na nepokretnosti dostavljaju se do 30. aprila. Porez se plaća u dvije "
                    "jednake rate, do 30. juna i do 31. oktobra. Na iznos plaćen u cjelosti do prvog roka "
                    "odobrava se umanjenje od 5 %.</p>"
                ),
                heading("Lokalne takse"),
                paragraph(
                    "<p>Lokalne komunalne takse plaćaju se za isticanje firme, korišćenje javnih površina i "
                    "držanje sredstava za igru. Visinu taksi utvrđuje odluka Skupštine.</p>"
                ),
                callout(
                    "Uvjerenje o izmirenim obavezama",
                    "<p>Uvjerenje izdaje Uprava lokalnih javnih prihoda istog dana, na šalterima 4–6.</p>",
                    kind="success",
                ),
                organisation_card("uprava-lokalnih-javnih-prihoda"),
            ],
        ),
        DemoPage(
            slug="turizam",
            title="Turizam",
            intro="Turistička ponuda Primorja, boravišna taksa i registracija izdavalaca smještaja.",
            body=[
                heading("Boravišna taksa"),
                paragraph(
                    "<p>Boravišna taksa iznosi 1 € po noćenju u ljetnjoj i 0,50 € u zimskoj sezoni. "
                    "Izdavaoci privatnog smještaja prijavljuju goste Turističkoj organizaciji u roku od 24 "
                    "časa od dolaska.</p>"
                ),
                heading("Registracija izdavalaca smještaja"),
                paragraph(
                    "<p>Rješenje o kategorizaciji izdaje Sekretarijat za privredu i razvoj. Zahtjev se "
                    "podnosi najkasnije 30 dana prije početka sezone.</p>"
                ),
                organisation_card("turisticka-organizacija"),
            ],
        ),
        DemoPage(
            slug="kultura-i-sport",
            title="Kultura i sport",
            intro="Centar za kulturu, muzej, biblioteka, sportski tereni i javni konkursi za udruženja.",
            body=[
                paragraph(
                    "<p>Opština svake godine raspisuje javni konkurs za sufinansiranje programa i projekata "
                    "u oblasti kulture i sporta. Rezultati konkursa objavljuju se na portalu.</p>"
                ),
                organisation_card("ju-centar-za-kulturu"),
                organisation_card("ju-muzej-i-galerija"),
                organisation_card("ju-narodna-biblioteka"),
            ],
        ),
    ),
)

TRANSPARENCY = DemoPage(
    slug="transparentnost",
    title="Transparentnost",
    intro="Budžet, javne nabavke i zaštita podataka: kako Opština troši novac i čuva podatke građana.",
    model=LandingPage,
    children=(
        DemoPage(
            slug="budzet-i-finansije",
            title="Budžet i finansije",
            intro="Budžet Opštine za 2026. godinu, završni računi i izvještaji o izvršenju budžeta.",
            body=[
                heading("Budžet za 2026. godinu"),
                paragraph(
                    "<p>Skupština je usvojila budžet za 2026. godinu u iznosu od 24,6 miliona eura. Najveći "
                    "dio izdataka odnosi se na kapitalne projekte: rekonstrukciju vodovodne mreže, uređenje "
                    "obale i izgradnju vrtića u Maslinjaku.</p>"
                ),
                table(
                    "Budžet Opštine Primorje za 2026. godinu po namjeni (u eurima)",
                    [("text", "Namjena"), ("number", "Plan 2026."), ("number", "Izvršenje 2025.")],
                    [
                        ["Tekući izdaci", "9.850.000", "9.412.300"],
                        ["Transferi javnim ustanovama", "4.120.000", "3.987.650"],
                        ["Kapitalni budžet", "8.900.000", "6.245.000"],
                        ["Otplata duga", "1.230.000", "1.230.000"],
                        ["Rezerve", "500.000", "312.400"],
                    ],
                ),
                heading("Završni račun budžeta"),
                paragraph(
                    "<p>Završni račun budžeta za prethodnu godinu Skupština usvaja do 1. jula. Uz njega se "
                    "objavljuje izvještaj nezavisnog revizora.</p>"
                ),
                heading("Budžet za građane"),
                paragraph(
                    "<p>Kratak i jasan pregled budžeta, bez stručnih izraza, objavljujemo svake godine uz "
                    "prijedlog budžeta, prije javne rasprave.</p>"
                ),
                organisation_card("sekretarijat-za-finansije"),
            ],
        ),
        DemoPage(
            slug="javne-nabavke",
            title="Javne nabavke",
            intro="Plan javnih nabavki, pozivi i odluke o izboru najpovoljnije ponude.",
            body=[
                heading("Plan javnih nabavki"),
                paragraph(
                    "<p>Plan javnih nabavki za tekuću godinu i njegove izmjene objavljuju se na portalu i na "
                    "Elektronskom sistemu javnih nabavki (CEJN). Pozive za dostavljanje ponuda Opština "
                    "objavljuje isključivo preko CEJN-a.</p>"
                ),
                table(
                    "Najveće planirane nabavke u 2026. godini",
                    [("text", "Predmet nabavke"), ("text", "Postupak"), ("number", "Procijenjena vrijednost (€)")],
                    [
                        ["Rekonstrukcija vodovodne mreže u Starom gradu", "otvoreni postupak", "1.450.000"],
                        ["Izgradnja vrtića u Maslinjaku", "otvoreni postupak", "1.100.000"],
                        ["Održavanje javne rasvjete", "otvoreni postupak", "180.000"],
                        ["Računarska oprema", "jednostavna nabavka", "35.000"],
                    ],
                ),
                heading("Jednostavne nabavke"),
                paragraph(
                    "<p>Nabavke čija je vrijednost manja od 20.000 € sprovode se kao jednostavne nabavke, uz "
                    "zahtjev za dostavljanje ponuda najmanje trojici ponuđača.</p>"
                ),
            ],
        ),
        DemoPage(
            slug="zastita-podataka-o-licnosti",
            title="Zaštita podataka o ličnosti",
            intro="Koje podatke Opština obrađuje, zašto, koliko dugo ih čuva i kako ostvarujete svoja prava.",
            body=[
                heading("Ko obrađuje vaše podatke"),
                paragraph(
                    "<p>Rukovalac podacima je Opština Primorje. Podatke obrađujemo samo kada to propisuje "
                    "zakon ili kada ste dali pristanak, i samo u mjeri u kojoj su potrebni za svrhu "
                    "obrade.</p>"
                ),
                heading("Vaša prava"),
                accordion(
                    "",
                    [
                        (
                            "Pravo na pristup",
                            "<p>Možete tražiti potvrdu da li obrađujemo vaše podatke i kopiju tih podataka.</p>",
                        ),
                        (
                            "Pravo na ispravku i brisanje",
                            "<p>Netačne podatke ćemo ispraviti, a podatke koje više ne smijemo čuvati obrisati.</p>",
                        ),
                        (
                            "Pravo na prigovor",
                            "<p>Prigovor možete podnijeti Agenciji za zaštitu ličnih podataka i slobodan "
                            "pristup informacijama.</p>",
                        ),
                    ],
                ),
                heading("Službenik za zaštitu podataka"),
                contact(
                    "Službenica za zaštitu podataka o ličnosti",
                    description="Sekretarijat za lokalnu samoupravu",
                    phone="+382 33 451 155",
                    email=DPO_EMAIL,
                ),
            ],
        ),
    ),
)

SECTIONS = [ORGANS, SERVICES, TRANSPARENCY]

CONTACT = {
    "title": "Kontakt",
    "slug": CONTACT_SLUG,
    "intro": "Adrese, telefoni i radno vrijeme organa Opštine Primorje.",
    "address": SEAT_ADDRESS,
    "phones": f"Centrala: {MAIN_PHONE}\nPisarnica: +382 33 451 140\nInformacioni centar: +382 33 451 200",
    "emails": f"Opština: {MAIN_EMAIL}\nPisarnica: {demo_email('pisarnica')}\nInformacioni centar: {IC_EMAIL}",
    "working_hours": f"{WORKING_HOURS}\nPisarnica prima podneske radnim danima od 7 do 15 h.",
    "location": (
        "Zgrada Opštine nalazi se na Trgu Republike, preko puta autobuske stanice. Pisarnica i šalteri "
        "Uprave lokalnih javnih prihoda su u prizemlju, sa ulazom bez stepenica iz Ulice slobode.\n\n"
        "Parking za osobe s invaliditetom je ispred glavnog ulaza; lift vodi do svih spratova."
    ),
    "contact_cards": [
        ("contact", {"name": "Pisarnica", "description": "Prijem podnesaka i pošte",
                     "address": "Prizemlje, šalteri 1–3", "phone": "+382 33 451 140",
                     "email": demo_email("pisarnica"), "working_hours": "radnim danima 7–15 h"}),
        ("contact", {"name": "Kabinet predsjednika", "description": "Prijem stranaka i odnosi s javnošću",
                     "phone": "+382 33 451 101", "email": demo_email("kabinet"), "working_hours": "srijedom 10–12 h"}),
        ("contact", {"name": "Informacioni centar", "description": "Portal, elektronska pošta i IT podrška",
                     "phone": "+382 33 451 200", "email": IC_EMAIL, "working_hours": WORKING_HOURS}),
        ("contact", {"name": "Služba zaštite i spašavanja", "description": "Hitni slučajevi, 0–24 h",
                     "phone": "123"}),
    ],
    "show_in_menus": True,
}  # fmt: skip

STATEMENT = {
    "title": "Izjava o pristupačnosti",
    "slug": ACCESSIBILITY_SLUG,
    "intro": (
        "Opština Primorje želi da njen portal mogu koristiti svi, uključujući osobe s invaliditetom i starije osobe."
    ),
    "conformance_status": "partial",
    "standard": "WCAG 2.1, nivo AA (EN 301 549)",
    "conformance_details": (
        "<p>Stranice se mogu koristiti samo tastaturom i čitačem ekrana, tekst se može uvećati do 200 % bez "
        "gubitka sadržaja, a sav sadržaj dostupan je i na ćirilici.</p>"
    ),
    "non_accessible_content": (
        "<ul><li>dio starijih akata objavljen je kao skenirani PDF bez tekstualnog sloja;</li>"
        "<li>snimci sjednica Skupštine starijih od 2024. godine nemaju titlove.</li></ul>"
        "<p>Na zahtjev ćemo vam takav dokument dostaviti u pristupačnom obliku.</p>"
    ),
    "feedback_text": (
        "<p>Ako naiđete na sadržaj koji ne možete koristiti, pišite Informacionom centru ili nas pozovite. "
        "Recite nam koju stranicu ili dokument ne možete koristiti i u kom obliku vam je potreban.</p>"
    ),
    "feedback_email": IC_EMAIL,
    "feedback_phone": "+382 33 451 200",
    "response_days": 15,
    "enforcement_body": "Agencija za zaštitu ličnih podataka i slobodan pristup informacijama",
    "enforcement_procedure": (
        "<p>Ako niste zadovoljni našim odgovorom ili ga ne dobijete u roku, možete podnijeti pritužbu "
        "nadležnom organu. Navedite adresu stranice, opis problema i datum kada ste nam se obratili.</p>"
    ),
    "assessment_method": "self",
    "show_in_menus": False,
}

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
    "facebook_url": "https://www.facebook.com/opstina.primorje.demo",
    "instagram_url": "https://www.instagram.com/opstina.primorje.demo",
    "youtube_url": "https://www.youtube.com/@opstinaprimorjedemo",
}

# (slug path below the home page, or a site path starting with "/", label or "")
MAIN_MENU = [
    ("organi-opstine", ""),
    ("usluge-gradjanima", ""),
    ("transparentnost", ""),
    ("/vijesti/", "Vijesti"),
    ("/dokumenti/", "Dokumenti"),
    (CONTACT_SLUG, ""),
]
FOOTER_MENU = [
    ("o-opstini", ""),
    ("/organi/", "Organi i službe"),
    ("slobodan-pristup-informacijama", ""),
    ("transparentnost/zastita-podataka-o-licnosti", ""),
    ("transparentnost/javne-nabavke", ""),
    ("informacioni-centar", ""),
    ("/vijesti/rss/", "Vijesti (RSS)"),
]
QUICK_LINKS = [
    ("usluge-gradjanima/komunalni-poslovi", "Prijava komunalnog problema"),
    ("usluge-gradjanima/lokalni-porezi-i-takse", "Porez na nepokretnosti"),
    ("slobodan-pristup-informacijama", "Zahtjev za pristup informacijama"),
    ("usluge-gradjanima/prostorno-planiranje", "Urbanističko-tehnički uslovi"),
    ("transparentnost/budzet-i-finansije", "Budžet za 2026. godinu"),
    ("transparentnost/javne-nabavke", ""),
    ("/organi/", "Organi i službe"),
    (CONTACT_SLUG, "Kontakt i radno vrijeme"),
]


@dataclass(frozen=True)
class DemoAlert:
    title: str
    text: str
    severity: str
    starts_in: datetime.timedelta
    lasts: datetime.timedelta
    link: str = ""
    link_text: str = ""


ALERTS = [
    DemoAlert(
        title="Planirani prekidi u snabdijevanju vodom u Starom gradu",
        text=(
            "Zbog rekonstrukcije vodovodne mreže, u Njegoševoj ulici i ulici Stara obala voda će radnim danima "
            "biti isključena od 8 do 14 časova. Cisterna sa pitkom vodom je na Starom trgu."
        ),
        severity="warning",
        starts_in=-datetime.timedelta(hours=2),
        lasts=datetime.timedelta(days=45),
        link="/usluge-gradjanima/komunalni-poslovi/",
        link_text="Voda i komunalni poslovi",
    ),
    DemoAlert(
        title="Zatvorena Jadranska ulica zbog asfaltiranja",
        text="Saobraćaj je preusmjeren preko Ulice slobode. Javni prevoz staje na privremenim stajalištima.",
        severity="info",
        starts_in=-datetime.timedelta(days=20),
        lasts=datetime.timedelta(days=5),
    ),
]

# Organisations whose editors may edit parts of the tree:
# (organisation slug, page path below home or "" for the whole site, publish without approval).
EDITORIAL_SECTIONS = [
    # The Information Center runs the website: its editors are the central editorial team.
    ("informacioni-centar", "", True),
    # The bodies' own editors write their pages and submit them to the moderation workflow.
    ("turisticka-organizacija", "usluge-gradjanima/turizam", False),
    ("ju-centar-za-kulturu", "usluge-gradjanima/kultura-i-sport", False),
]


# --- Seeding ---------------------------------------------------------------------------------------
def _resolved_body(body: list) -> list:
    blocks = []
    for item in body:
        if callable(item):
            item = item()
        if item is not None:
            blocks.append(item)
    return blocks


def _build(spec: DemoPage) -> Page:
    return spec.model(
        title=spec.title,
        slug=spec.slug,
        intro=spec.intro,
        body=_resolved_body(spec.body),
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
    home = _build(HOME)
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


def _ensure_tree(parent: Page, specs, counter: list[int]) -> dict[str, Page]:
    """The pages of `specs` below `parent` (and theirs below them), by path below `parent`."""
    found: dict[str, Page] = {}
    existing = {p.slug: p for p in parent.get_children().filter(slug__in=[s.slug for s in specs])}
    for spec in specs:
        page = existing.get(spec.slug)
        if page is None:
            page = _build(spec)
            parent.add_child(instance=page)
            _publish(page)
            counter[0] += 1
        found[spec.slug] = page
        for path, child in _ensure_tree(page, spec.children, counter).items():
            found[f"{spec.slug}/{path}"] = child
    return found


def _count(specs) -> int:
    return sum(1 + _count(spec.children) for spec in specs)


def _ensure_typed_page(home: HomePage, model: type[Page], fields: dict) -> tuple[Page, bool]:
    """The page of this type at its address; a plain standard page left there by the first demo is replaced."""
    existing = model.objects.child_of(home).filter(slug=fields["slug"]).first()
    if existing is not None:
        return existing, False
    if model.objects.exists():
        # An editor made one elsewhere: that one is the page.
        return model.objects.first(), False
    old = home.get_children().filter(slug=fields["slug"]).first()
    if old is not None:
        if old.specific_class is StandardPage and old.numchild == 0:
            old.delete()
        else:
            return old, False
    page = model(**fields, live=False)
    home.add_child(instance=page)
    _publish(page)
    return page, True


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
    if accessibility is not None and (
        settings_obj.accessibility_statement_id is None
        or not isinstance(settings_obj.accessibility_statement.specific, AccessibilityStatementPage)
    ):
        settings_obj.accessibility_statement = accessibility
        changed.append("accessibility_statement")
    if changed:
        settings_obj.save()
    return bool(changed)


def _menu_item(target: str, label: str, pages: dict[str, Page]) -> dict | None:
    if target.startswith("/"):
        return {"url": target, "label": label}
    page = pages.get(target)
    return {"page": page, "label": label} if page is not None else None


def _ensure_menus(site: Site, pages: dict[str, Page]) -> bool:
    """Both menus, while they are empty."""
    navigation = NavigationSettings.for_site(site)
    if navigation.main_menu_items.exists() or navigation.footer_menu_items.exists():
        return False
    for model, spec in ((MainMenuItem, MAIN_MENU), (FooterMenuItem, FOOTER_MENU)):
        items = [_menu_item(target, label, pages) for target, label in spec]
        model.objects.bulk_create(
            [model(setting=navigation, sort_order=n, **item) for n, item in enumerate(i for i in items if i)]
        )
    return True


def _ensure_quick_links(home: HomePage, pages: dict[str, Page]) -> bool:
    if home.quick_links:
        return False
    links = []
    for target, label in QUICK_LINKS:
        item = _menu_item(target, label, pages)
        if item is not None:
            links.append(("link", {"page": item.get("page"), "url": item.get("url", ""), "label": label}))
    home.quick_links = links
    _publish(home)
    return True


def _ensure_alerts() -> int:
    now = timezone.now()
    existing = set(SiteAlert.objects.filter(title__in=[a.title for a in ALERTS]).values_list("title", flat=True))
    created = 0
    for spec in ALERTS:
        if spec.title in existing:
            continue
        alert = SiteAlert(
            title=spec.title,
            text=spec.text,
            severity=spec.severity,
            link=spec.link,
            link_text=spec.link_text,
            starts_at=now + spec.starts_in,
            ends_at=now + spec.starts_in + spec.lasts,
        )
        alert.full_clean()
        alert.save()
        audit.record(alert, "wagtail.create", None, after=audit.snapshot(alert), extra={"source": "seed_demo"})
        created += 1
    return created


def _ensure_sections(home: HomePage, pages: dict[str, Page]) -> int:
    slugs = [slug for slug, _path, _publish in EDITORIAL_SECTIONS]
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    created = 0
    for slug, path, can_publish in EDITORIAL_SECTIONS:
        organisation = organisations.get(slug)
        page = home if not path else pages.get(path)
        if organisation is None or page is None:
            continue
        _section, was_created = EditorialSection.objects.get_or_create(
            organisation=organisation, page=page, defaults={"can_publish": can_publish}
        )
        created += int(was_created)
    return created


@transaction.atomic
def seed(stdout, style) -> None:
    """The home page, the page tree, settings, menus, quick links, alerts and the editorial set-up."""
    home, home_created = _ensure_home()
    site = _ensure_site(home)
    counter = [int(home_created)]
    pages = _ensure_tree(home, TOP_PAGES, counter)
    contact_page, contact_created = _ensure_typed_page(home, ContactPage, CONTACT)
    statement_fields = {**STATEMENT, "prepared_on": timezone.localdate() - datetime.timedelta(days=120),
                        "reviewed_on": timezone.localdate() - datetime.timedelta(days=30)}  # fmt: skip
    statement, statement_created = _ensure_typed_page(home, AccessibilityStatementPage, statement_fields)
    counter[0] += int(contact_created) + int(statement_created)
    pages[CONTACT_SLUG] = contact_page
    pages.update(_ensure_tree(home, SECTIONS, counter))
    total = 1 + _count(TOP_PAGES) + 2 + _count(SECTIONS)
    report(stdout, style, "pages", total, counter[0])

    settings_changed = _ensure_settings(site, statement)
    line = "  municipality settings: " + ("filled in" if settings_changed else "unchanged")
    stdout.write(style.SUCCESS(line) if settings_changed else line)
    menus_changed = _ensure_menus(site, pages)
    links_changed = _ensure_quick_links(home, pages)
    line = "  menus and quick links: " + ("filled in" if menus_changed or links_changed else "unchanged")
    stdout.write(style.SUCCESS(line) if menus_changed or links_changed else line)

    report(stdout, style, "alerts", len(ALERTS), _ensure_alerts())

    workflow = services.ensure_editorial_setup()
    report(stdout, style, "editorial sections", len(EDITORIAL_SECTIONS), _ensure_sections(home, pages))
    stdout.write(f"  moderation workflow: {workflow.name}")
