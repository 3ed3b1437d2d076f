"""Demo data of the document library: the /dokumenti/ page and its documents, with real PDF files.

Every document gets a small PDF written by `pdf.build_pdf` with Montenegrin
text. Records are keyed by title and created only when missing, so a second
run writes nothing (and makes no PDF), and an editor's changes survive.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from infocentar.core.demo import MUNICIPALITY_NAME, OFFICIAL_GAZETTE, report
from infocentar.core.models import Organisation
from infocentar.core.text import fold

from . import services
from .models import DocumentLibraryPage, LibraryDocument
from .models import DocumentType as T
from .pdf import build_pdf

LIBRARY_SLUG = "dokumenti"
LIBRARY_TITLE = "Dokumenti"
LIBRARY_INTRO = (
    "Budžeti, završni računi, planovi i programi, izvještaji, odluke i javni pozivi Opštine Primorje i "
    "njenih organa, javnih preduzeća i ustanova. Dokumente možete pretraživati i filtrirati po vrsti, "
    "godini i organu."
)
SOURCE = "seed_demo"
# The PDFs are in Montenegrin whatever language the command runs in.
TYPE_NAMES = {
    T.BUDGET: "Budžet",
    T.YEAR_END_ACCOUNTS: "Završni račun",
    T.PLAN: "Plan i program",
    T.REPORT: "Izvještaj",
    T.FOI_GUIDE: "Vodič za slobodan pristup informacijama",
    T.PUBLIC_CALL: "Javni poziv",
    T.DECISION: "Odluka",
    T.OTHER: "Ostalo",
}


@dataclass(frozen=True)
class DemoDocument:
    title: str
    document_type: str
    year: int
    organisation: str
    published: datetime.date
    description: str
    body: list[str] = field(default_factory=list)
    is_public: bool = True


def _budget(year: int) -> DemoDocument:
    return DemoDocument(
        title=f"Odluka o budžetu Opštine Primorje za {year}. godinu",
        document_type=T.BUDGET,
        year=year,
        organisation="sekretarijat-za-finansije",
        published=datetime.date(year - 1, 12, 22),
        description=(
            f"Budžet Opštine Primorje za {year}. godinu: planirani prihodi i primanja, rashodi i izdaci po "
            "potrošačkim jedinicama, kapitalni budžet i budžetska rezerva."
        ),
        body=[
            "Na osnovu člana 38 Zakona o lokalnoj samoupravi i člana 28 Zakona o finansiranju lokalne "
            f"samouprave, Skupština Opštine Primorje, na sjednici održanoj u decembru {year - 1}. godine, "
            "donijela je",
            f"ODLUKU O BUDŽETU OPŠTINE PRIMORJE ZA {year}. GODINU",
            f"Član 1. Ovom odlukom utvrđuju se prihodi i primanja, rashodi i izdaci budžeta Opštine Primorje "
            f"za {year}. godinu, kao i njegovo izvršenje.",
            "Član 2. Budžet se sastoji od tekućeg budžeta, kapitalnog budžeta i budžetske rezerve. Tekuća "
            "budžetska rezerva iznosi 1,5 % tekućih prihoda, a stalna budžetska rezerva 1 %.",
            "Član 3. Sredstva za kapitalne projekte – rekonstrukciju vodovodne mreže u Lučici, uređenje šetališta "
            "i izgradnju vrtića u Maslinjaku – raspoređuju se prema programu kapitalnih projekata.",
            f"Član 4. Ova odluka stupa na snagu osmog dana od dana objavljivanja u „{OFFICIAL_GAZETTE}“, a "
            f"primjenjuje se od 1. januara {year}. godine.",
        ],
    )


def _year_end(year: int) -> DemoDocument:
    return DemoDocument(
        title=f"Odluka o završnom računu budžeta Opštine Primorje za {year}. godinu",
        document_type=T.YEAR_END_ACCOUNTS,
        year=year,
        organisation="sekretarijat-za-finansije",
        published=datetime.date(year + 1, 6, 28),
        description=(
            f"Ostvareni prihodi i izvršeni rashodi budžeta u {year}. godini, stanje duga i izvještaj "
            "nezavisnog revizora."
        ),
        body=[
            f"Član 1. Usvaja se Završni račun budžeta Opštine Primorje za {year}. godinu.",
            "Član 2. Ukupno ostvareni prihodi i primanja, ukupno izvršeni rashodi i izdaci, suficit odnosno "
            "deficit i način njegovog finansiranja iskazani su u bilansu koji je sastavni dio ove odluke.",
            "Član 3. Sastavni dio završnog računa su izvještaj o korišćenju budžetske rezerve, izvještaj o "
            "stanju duga, izvještaj o datim garancijama i izvještaj nezavisnog revizora.",
            f"Član 4. Ova odluka stupa na snagu osmog dana od dana objavljivanja u „{OFFICIAL_GAZETTE}“.",
        ],
    )


def _mayor_report(year: int) -> DemoDocument:
    return DemoDocument(
        title=f"Izvještaj o radu predsjednika Opštine i lokalne uprave za {year}. godinu",
        document_type=T.REPORT,
        year=year,
        organisation="predsjednik-opstine",
        published=datetime.date(year + 1, 3, 31),
        description="Šta su predsjednik Opštine i organi lokalne uprave uradili tokom godine, po oblastima.",
        body=[
            f"U {year}. godini predsjednik Opštine donio je 214 rješenja i 37 zaključaka, a Skupštini "
            "opštine uputio 42 prijedloga odluka i drugih akata.",
            "Sekretarijat za finansije izradio je nacrt budžeta i pratio njegovo izvršenje; Uprava lokalnih "
            "javnih prihoda izdala je 9.840 rješenja o porezu na nepokretnosti.",
            "Komunalna policija obavila je 3.150 kontrola, a Služba zaštite i spašavanja imala je 286 "
            "intervencija, od čega 112 na gašenju požara na otvorenom.",
            "Informacioni centar uveo je elektronsku pisarnicu u sve sekretarijate i obučio 64 zaposlena.",
        ],
    )


def _budget_execution(year: int) -> DemoDocument:
    return DemoDocument(
        title=f"Izvještaj o izvršenju budžeta za period januar–jun {year}. godine",
        document_type=T.REPORT,
        year=year,
        organisation="sekretarijat-za-finansije",
        published=datetime.date(year, 7, 30),
        description="Polugodišnji izvještaj o ostvarenim prihodima i izvršenim rashodima budžeta.",
        body=[
            f"U prvih šest mjeseci {year}. godine ostvareno je 47,8 % planiranih prihoda, a izvršeno 44,1 % "
            "planiranih rashoda.",
            "Najveći prihodi ostvareni su od poreza na nepokretnosti, prireza porezu na dohodak i naknade za "
            "komunalno opremanje građevinskog zemljišta.",
            "Kapitalni projekti izvode se prema planu; radovi na vodovodnoj mreži u Lučici završeni su 60 %.",
        ],
    )


def _assembly_programme(year: int) -> DemoDocument:
    return DemoDocument(
        title=f"Program rada Skupštine Opštine Primorje za {year}. godinu",
        document_type=T.PLAN,
        year=year,
        organisation="skupstina-opstine",
        published=datetime.date(year - 1, 12, 29),
        description="Odluke i drugi akti koje Skupština planira da razmatra, po kvartalima.",
        body=[
            "Program rada sadrži poslove i zadatke Skupštine, nosioce izrade akata i rokove za njihovo razmatranje.",
            "Prvi kvartal: izvještaj o radu predsjednika Opštine, program uređenja prostora, odluka o komunalnom redu.",
            "Drugi kvartal: završni račun budžeta, izvještaji o radu javnih preduzeća i ustanova.",
            "Treći i četvrti kvartal: izmjene i dopune budžeta, odluka o budžetu za narednu godinu.",
        ],
    )


def _fixed() -> list[DemoDocument]:
    return [
        DemoDocument(
            title="Vodič za slobodan pristup informacijama Opštine Primorje",
            document_type=T.FOI_GUIDE,
            year=2026,
            organisation="glavni-administrator",
            published=datetime.date(2026, 1, 15),
            description=(
                "Kako se traži informacija koju posjeduje Opština: kome se zahtjev podnosi, rokovi, troškovi i "
                "pravo na žalbu, usklađeno sa novim Zakonom o slobodnom pristupu informacijama."
            ),
            body=[
                "Svako fizičko i pravno lice ima pravo da traži i dobije informaciju koju posjeduje Opština, "
                "bez obaveze da navede razloge.",
                "Zahtjev se podnosi pisano, poštom, u pisarnici ili elektronskom poštom, a usmeno na zapisnik.",
                "Opština odlučuje o zahtjevu u roku od 15 dana. Protiv rješenja se može izjaviti žalba Agenciji "
                "za zaštitu ličnih podataka i slobodan pristup informacijama.",
                "Službenica ovlašćena za postupanje po zahtjevima: Jelena Đurović, kancelarija 12.",
            ],
        ),
        DemoDocument(
            title="Vodič za slobodan pristup informacijama – Vodovod i kanalizacija d.o.o.",
            document_type=T.FOI_GUIDE,
            year=2025,
            organisation="vodovod-i-kanalizacija",
            published=datetime.date(2025, 2, 10),
            description="Vodič društva za pristup informacijama o vodosnabdijevanju, cijenama i ugovorima.",
            body=[
                "Društvo proaktivno objavljuje cjenovnik usluga, planove investicija i ugovore o javnim nabavkama.",
                "Zahtjeve za pristup informacijama primamo na šalteru u Ulici Ribarskoj 4 i elektronskom poštom.",
            ],
        ),
        DemoDocument(
            title="Vodič za slobodan pristup informacijama – JU Centar za kulturu",
            document_type=T.FOI_GUIDE,
            year=2024,
            organisation="ju-centar-za-kulturu",
            published=datetime.date(2024, 3, 4),
            description="Vodič ustanove: koje informacije posjeduje i kako se do njih dolazi.",
            body=["Ustanova posjeduje programe rada, izvještaje, ugovore sa umjetnicima i finansijske planove."],
        ),
        DemoDocument(
            title="Plan javnih nabavki Opštine Primorje za 2026. godinu",
            document_type=T.PLAN,
            year=2026,
            organisation="sluzba-za-zajednicke-poslove",
            published=datetime.date(2026, 1, 20),
            description="Predmeti javnih nabavki, procijenjene vrijednosti i okvirni rokovi pokretanja postupaka.",
            body=[
                "Plan obuhvata nabavke roba, usluga i radova čija je procijenjena vrijednost veća od 5.000 EUR.",
                "Najveće nabavke: rekonstrukcija šetališta, održavanje javne rasvjete, računarska oprema.",
            ],
        ),
        DemoDocument(
            title="Program uređenja prostora za 2026. godinu",
            document_type=T.PLAN,
            year=2026,
            organisation="sekretarijat-za-uredjenje-prostora",
            published=datetime.date(2026, 2, 27),
            description="Izrada planske dokumentacije, komunalno opremanje zemljišta i zaštita životne sredine.",
            body=[
                "Programom se utvrđuju poslovi na izradi planske dokumentacije, uređenju građevinskog zemljišta "
                "i izgradnji objekata komunalne infrastrukture.",
                "Planirana je izrada urbanističkog projekta „Šetalište Lučica“ i studije zaštite maslinjaka.",
            ],
        ),
        DemoDocument(
            title="Lokalni plan upravljanja komunalnim otpadom 2025–2030",
            document_type=T.PLAN,
            year=2025,
            organisation="komunalno",
            published=datetime.date(2025, 9, 15),
            description="Sakupljanje, odvojeno razvrstavanje i odlaganje otpada, reciklažna dvorišta.",
            body=[
                "Cilj plana je da do 2030. godine 35 % komunalnog otpada bude odvojeno sakupljeno.",
                "U svakoj mjesnoj zajednici biće postavljena zelena ostrva za papir, plastiku i staklo.",
            ],
        ),
        DemoDocument(
            title="Program rada Turističke organizacije Primorje za 2026. godinu",
            document_type=T.PLAN,
            year=2026,
            organisation="turisticka-organizacija",
            published=datetime.date(2025, 12, 18),
            description="Promocija destinacije, manifestacije i informativni centri u sezoni.",
            body=["Planirane su manifestacije „Dani masline“, „Ribarska noć“ i „Primorsko ljeto“."],
        ),
        DemoDocument(
            title="Program razvoja kulture Opštine Primorje 2024–2027",
            document_type=T.PLAN,
            year=2024,
            organisation="ju-centar-za-kulturu",
            published=datetime.date(2024, 5, 6),
            description="Ciljevi i mjere razvoja kulture: kulturna baština, savremeno stvaralaštvo, publika.",
            body=["Program je izrađen u saradnji sa Muzejom i galerijom i Narodnom bibliotekom."],
        ),
        DemoDocument(
            title="Izvještaj o radu Komunalne policije za 2025. godinu",
            document_type=T.REPORT,
            year=2025,
            organisation="komunalna-policija",
            published=datetime.date(2026, 2, 20),
            description="Inspekcijski nadzori, izrečene mjere i prekršajni nalozi po oblastima komunalnog reda.",
            body=[
                "Komunalni policajci obavili su 3.150 kontrola i izdali 412 prekršajnih naloga.",
                "Najviše nepravilnosti utvrđeno je u oblasti parkiranja i zauzeća javnih površina.",
            ],
        ),
        DemoDocument(
            title="Izvještaj o poslovanju Vodovoda i kanalizacije za 2025. godinu",
            document_type=T.REPORT,
            year=2025,
            organisation="vodovod-i-kanalizacija",
            published=datetime.date(2026, 4, 30),
            description="Isporučena voda, gubici u mreži, investicije i finansijski rezultat društva.",
            body=[
                "Isporučeno je 2,4 miliona kubnih metara vode; gubici u mreži smanjeni su na 38 %.",
                "Zamijenjeno je 6,2 km dotrajalih cjevovoda u Starom gradu i Lučici.",
            ],
        ),
        DemoDocument(
            title="Izvještaj o sprovedenoj javnoj raspravi o Nacrtu odluke o komunalnom redu",
            document_type=T.REPORT,
            year=2025,
            organisation="sekretarijat-za-komunalne-poslove-i-saobracaj",
            published=datetime.date(2025, 11, 12),
            description="Primjedbe i prijedlozi iz javne rasprave, sa obrazloženjem prihvatanja ili odbijanja.",
            body=[
                "Javna rasprava trajala je 15 dana. Primljeno je 27 primjedbi od građana, dvije nevladine "
                "organizacije i mjesnih zajednica.",
                "Prihvaćeno je 11 primjedbi, djelimično prihvaćeno 6, a odbijeno 10, uz obrazloženje za svaku.",
            ],
        ),
        DemoDocument(
            title="Izvještaj o radu Informacionog centra za 2025. godinu",
            document_type=T.REPORT,
            year=2025,
            organisation="informacioni-centar",
            published=datetime.date(2026, 1, 30),
            description="Zahtjevi za podršku, održavanje sistema, obuke i bezbjednost informacija.",
            body=[
                "Riješeno je 1.284 zahtjeva za IT podršku, od čega 91 % u dogovorenom roku.",
                "Obnovljeno je 48 računara i uvedena je dvofaktorska prijava za sve zaposlene.",
            ],
        ),
        DemoDocument(
            title="Izvještaj o radu Službe zaštite i spašavanja za 2024. godinu",
            document_type=T.REPORT,
            year=2024,
            organisation="sluzba-zastite-i-spasavanja",
            published=datetime.date(2025, 3, 14),
            description="Intervencije, obuke i stanje opreme službe.",
            body=["Služba je imala 301 intervenciju; nabavljeno je jedno navalno vozilo."],
        ),
        DemoDocument(
            title="Javni poziv nevladinim organizacijama za dodjelu sredstava za projekte u 2026. godini",
            document_type=T.PUBLIC_CALL,
            year=2026,
            organisation="sekretarijat-za-drustvene-djelatnosti",
            published=datetime.date(2026, 2, 2),
            description="Raspodjela 60.000 EUR za projekte u oblasti socijalne zaštite, kulture, sporta i mladih.",
            body=[
                "Pravo učešća imaju nevladine organizacije registrovane u Crnoj Gori sa sjedištem u Primorju.",
                "Prijave se podnose do 3. marta 2026. godine na obrascu koji je sastavni dio poziva.",
            ],
        ),
        DemoDocument(
            title="Javni poziv za dodjelu stipendija studentima za studijsku 2025/2026. godinu",
            document_type=T.PUBLIC_CALL,
            year=2025,
            organisation="sekretarijat-za-drustvene-djelatnosti",
            published=datetime.date(2025, 10, 6),
            description="Stipendije za uspješne studente i studente iz porodica sa nižim primanjima.",
            body=["Dodjeljuje se 40 stipendija u iznosu od 100 EUR mjesečno, tokom deset mjeseci."],
        ),
        DemoDocument(
            title="Javni poziv za sufinansiranje sportskih klubova u 2026. godini",
            document_type=T.PUBLIC_CALL,
            year=2026,
            organisation="sekretarijat-za-drustvene-djelatnosti",
            published=datetime.date(2026, 1, 26),
            description="Sufinansiranje rada klubova koji okupljaju djecu i mlade.",
            body=["Klubovi dostavljaju program rada, finansijski plan i spisak registrovanih članova."],
        ),
        DemoDocument(
            title="Javni poziv za učešće u javnoj raspravi o Nacrtu odluke o lokalnim komunalnim taksama",
            document_type=T.PUBLIC_CALL,
            year=2026,
            organisation="sekretarijat-za-finansije",
            published=datetime.date(2026, 3, 2),
            description="Javna rasprava traje 15 dana; centralna javna tribina održaće se u sali Skupštine.",
            body=[
                "Primjedbe, prijedlozi i sugestije dostavljaju se pisano, u pisarnici Opštine, ili elektronskom "
                "poštom, u roku od 15 dana od dana objavljivanja poziva.",
            ],
        ),
        DemoDocument(
            title="Javni poziv za podnošenje prijedloga za Nagradu Opštine Primorje",
            document_type=T.PUBLIC_CALL,
            year=2025,
            organisation="skupstina-opstine",
            published=datetime.date(2025, 9, 1),
            description="Prijedlozi kandidata za nagradu za doprinos razvoju Opštine.",
            body=["Prijedlog mogu podnijeti građani, udruženja, ustanove i privredna društva."],
        ),
        DemoDocument(
            title="Javni poziv za zakup poslovnih prostora u Starom gradu",
            document_type=T.PUBLIC_CALL,
            year=2024,
            organisation="agencija-za-izgradnju-i-razvoj",
            published=datetime.date(2024, 4, 8),
            description="Zakup četiri poslovna prostora prikupljanjem pisanih ponuda.",
            body=["Početna cijena zakupa iznosi 6 EUR po metru kvadratnom mjesečno."],
        ),
        DemoDocument(
            title="Odluka o komunalnom redu",
            document_type=T.DECISION,
            year=2025,
            organisation="skupstina-opstine",
            published=datetime.date(2025, 12, 30),
            description="Uređenje i održavanje javnih površina, čistoća, zelenilo i postupanje sa otpadom.",
            body=[
                "Član 1. Ovom odlukom propisuju se uslovi i način uređenja naselja, održavanja čistoće i "
                "zaštite javnih površina na teritoriji Opštine Primorje.",
                "Član 2. O sprovođenju ove odluke stara se Komunalna policija.",
            ],
        ),
        DemoDocument(
            title="Odluka o lokalnim komunalnim taksama",
            document_type=T.DECISION,
            year=2024,
            organisation="skupstina-opstine",
            published=datetime.date(2024, 6, 27),
            description="Vrste, visina i način plaćanja lokalnih komunalnih taksi.",
            body=["Član 1. Ovom odlukom uvode se lokalne komunalne takse i utvrđuje njihova visina."],
        ),
        DemoDocument(
            title="Odluka o parkiranju na javnim parkiralištima",
            document_type=T.DECISION,
            year=2025,
            organisation="skupstina-opstine",
            published=datetime.date(2025, 4, 24),
            description="Zone parkiranja, cijene i način plaćanja; poslove obavlja Parking servis d.o.o.",
            body=["Član 1. Ovom odlukom uređuju se uslovi i način organizovanja parkiranja."],
        ),
        DemoDocument(
            title="Odluka o visini stope prireza porezu na dohodak fizičkih lica",
            document_type=T.DECISION,
            year=2023,
            organisation="skupstina-opstine",
            published=datetime.date(2023, 12, 28),
            description="Stopa prireza porezu na dohodak fizičkih lica koji se plaća Opštini.",
            body=["Član 1. Prirez porezu na dohodak fizičkih lica plaća se po stopi od 13 %."],
        ),
        DemoDocument(
            title="Odluka o obrazovanju Savjeta za razvoj i zaštitu lokalne samouprave",
            document_type=T.DECISION,
            year=2022,
            organisation="skupstina-opstine",
            published=datetime.date(2022, 10, 20),
            description="Sastav, nadležnost i način rada Savjeta.",
            body=["Član 1. Obrazuje se Savjet za razvoj i zaštitu lokalne samouprave od sedam članova."],
        ),
        DemoDocument(
            title="Rješenje o utvrđivanju cijena usluga parkiranja",
            document_type=T.DECISION,
            year=2025,
            organisation="parking-servis",
            published=datetime.date(2025, 5, 12),
            description="Cijene parkiranja po zonama, uz saglasnost predsjednika Opštine.",
            body=["Cijena parkiranja u prvoj zoni iznosi 1 EUR po satu, u drugoj 0,50 EUR."],
        ),
        DemoDocument(
            title="Statut Opštine Primorje (prečišćeni tekst)",
            document_type=T.OTHER,
            year=2018,
            organisation="skupstina-opstine",
            published=datetime.date(2018, 11, 30),
            description="Najviši opšti akt Opštine: organi, nadležnosti, neposredno učešće građana.",
            body=[
                "Član 1. Opština Primorje je osnovni oblik lokalne samouprave u kojem građani ostvaruju pravo "
                "na lokalnu samoupravu.",
                "Član 2. Organi Opštine su Skupština opštine i predsjednik Opštine.",
            ],
        ),
        DemoDocument(
            title="Etički kodeks izabranih predstavnika i funkcionera u Opštini Primorje",
            document_type=T.OTHER,
            year=2021,
            organisation="skupstina-opstine",
            published=datetime.date(2021, 7, 15),
            description="Pravila ponašanja odbornika i funkcionera i rad Etičke komisije.",
            body=["Izabrani predstavnici obavljaju funkciju savjesno, nepristrasno i u javnom interesu."],
        ),
        DemoDocument(
            title="Kadrovski plan lokalne uprave za 2026. godinu",
            document_type=T.OTHER,
            year=2026,
            organisation="glavni-administrator",
            published=datetime.date(2026, 1, 30),
            description="Postojeći broj zaposlenih i planirana zapošljavanja po organima lokalne uprave.",
            body=["U lokalnoj upravi je zaposleno 187 službenika i namještenika; planiran je prijem 9 novih."],
        ),
        DemoDocument(
            title="Izvještaj o realizaciji programa rada Muzeja i galerije za 2025. godinu",
            document_type=T.REPORT,
            year=2025,
            organisation="ju-muzej-i-galerija",
            published=datetime.date(2026, 3, 10),
            description="Izložbe, posjete, konzervatorski radovi i saradnja sa školama.",
            body=["Muzej je organizovao 14 izložbi koje je posjetilo 21.300 posjetilaca."],
        ),
        DemoDocument(
            title="Plan rada Mjesne zajednice Lučica za 2026. godinu",
            document_type=T.PLAN,
            year=2026,
            organisation="mz-lucica",
            published=datetime.date(2026, 2, 5),
            description="Prioriteti mjesne zajednice: uređenje obale, rasvjeta i dječje igralište.",
            body=["Zbor građana utvrdio je prioritete na sjednici održanoj u januaru 2026. godine."],
        ),
    ]


def documents() -> list[DemoDocument]:
    specs: list[DemoDocument] = []
    specs += [_budget(year) for year in (2023, 2024, 2025, 2026)]
    specs += [_year_end(year) for year in (2021, 2022, 2023, 2024)]
    specs += [_mayor_report(year) for year in (2023, 2024, 2025)]
    specs += [_budget_execution(year) for year in (2024, 2025)]
    specs += [_assembly_programme(year) for year in (2025, 2026)]
    specs += _fixed()
    return specs


def _ensure_library_page(stdout, style) -> tuple[DocumentLibraryPage | None, bool]:
    from infocentar.portal.models import HomePage

    existing = DocumentLibraryPage.objects.first()
    if existing is not None:
        return existing, False
    home = HomePage.objects.first()
    if home is None:
        stdout.write(style.WARNING("  no home page: the document library page was not created"))
        return None, False
    page = DocumentLibraryPage(
        title=LIBRARY_TITLE, slug=LIBRARY_SLUG, intro=LIBRARY_INTRO, show_in_menus=True, live=False
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _pdf_for(spec: DemoDocument, organisation: Organisation) -> bytes:
    paragraphs = [
        f"{MUNICIPALITY_NAME} · {organisation.name}",
        f"Vrsta dokumenta: {TYPE_NAMES[spec.document_type]} · Godina: {spec.year} · "
        f"Objavljeno: {spec.published.day}. {spec.published.month}. {spec.published.year}.",
        spec.description,
        *spec.body,
        "Ovaj dokument je dio demonstracione instalacije sistema Infocentar. Opština Primorje i sadržaj "
        "dokumenta su izmišljeni.",
    ]
    return build_pdf(spec.title, paragraphs, author=organisation.name, subject=TYPE_NAMES[spec.document_type])


@transaction.atomic
def seed(stdout, style) -> None:
    """Create the library page and the documents that are missing, each with its PDF."""
    page, page_created = _ensure_library_page(stdout, style)
    specs = documents()
    existing = set(LibraryDocument.objects.filter(title__in=[s.title for s in specs]).values_list("title", flat=True))
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in={s.organisation for s in specs})}
    created = 0
    for spec in specs:
        organisation = organisations.get(spec.organisation)
        if spec.title in existing or organisation is None:
            continue
        filename = f"{slugify(fold(spec.title).replace('–', '-'))[:80]}.pdf"
        file = services.store_file(spec.title, filename, _pdf_for(spec, organisation))
        services.save_document(
            LibraryDocument(
                title=spec.title,
                document_type=spec.document_type,
                year=spec.year,
                organisation=organisation,
                description=spec.description,
                file=file,
                published_on=spec.published,
                is_public=spec.is_public,
            ),
            source=SOURCE,
        )
        created += 1
    report(stdout, style, "document library page", 1 if page else 0, int(page_created))
    report(stdout, style, "library documents", len(specs), created)
