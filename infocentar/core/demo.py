"""Demo data of core: the organisations of the fictional Opština Primorje.

Primorje is invented: a coastal municipality with the usual structure of a
Montenegrin one (the Assembly and its working bodies, the mayor and the local
administration, public enterprises, public institutions, local communities).
Every name, person, address, phone number and e-mail address here is made up.

`seed` creates what is missing and leaves existing records alone, so a second
run writes nothing and edits made while exploring the demo survive
`make demo`. Other apps import the municipality's constants from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from . import services
from .models import Organisation
from .models import OrganisationKind as Kind

MUNICIPALITY_NAME = "Opština Primorje"
TOWN = "Primorje"
POSTCODE = "85380"
DEMO_DOMAIN = "primorje.me"
SEAT_ADDRESS = f"Trg Republike 1, {POSTCODE} {TOWN}"
MAIN_PHONE = "+382 33 451 100"
MAIN_EMAIL = f"opstina@{DEMO_DOMAIN}"
WORKING_HOURS = "ponedjeljak–petak 7–15 h"

OFFICIAL_GAZETTE = "Službeni list Crne Gore – opštinski propisi"
LOCAL_ADMINISTRATION_ACT = f"Odluka o organizaciji i načinu rada lokalne uprave ({OFFICIAL_GAZETTE}, br. 18/2019)"
STATUTE = f"Statut Opštine Primorje ({OFFICIAL_GAZETTE}, br. 24/2018)"


def demo_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_DOMAIN}"


@dataclass(frozen=True)
class DemoOrganisation:
    """One organisation of the demo municipality, keyed by its slug."""

    slug: str
    name: str
    kind: str
    mandate: str
    email: str
    phone: str
    address: str = SEAT_ADDRESS
    short_name: str = ""
    parent: str = ""
    head_name: str = ""
    head_title: str = ""
    working_hours: str = WORKING_HOURS
    founding_act: str = ""
    is_information_center: bool = False

    def fields(self) -> dict:
        return {
            "name": self.name,
            "short_name": self.short_name,
            "slug": self.slug,
            "kind": self.kind,
            "mandate": self.mandate,
            "head_name": self.head_name,
            "head_title": self.head_title,
            "email": demo_email(self.email),
            "phone": self.phone,
            "address": self.address,
            "working_hours": self.working_hours,
            "founding_act": self.founding_act,
            "is_information_center": self.is_information_center,
        }


# Parents come before their children.
ORGANISATIONS: list[DemoOrganisation] = [
    # --- Organs: the Assembly and its working bodies ----------------------
    DemoOrganisation(
        slug="skupstina-opstine",
        name="Skupština Opštine Primorje",
        short_name="Skupština opštine",
        kind=Kind.ORGAN,
        mandate=(
            "Predstavnički organ građana Opštine Primorje. Donosi Statut, budžet i završni račun "
            "budžeta, odluke, planove i programe razvoja, bira predsjednika Skupštine i daje saglasnost "
            "na akte javnih preduzeća i ustanova čiji je osnivač Opština."
        ),
        head_name="Dragan Radulović",
        head_title="Predsjednik Skupštine",
        email="skupstina",
        phone="+382 33 451 110",
        founding_act=STATUTE,
    ),
    DemoOrganisation(
        slug="odbor-za-budzet-i-finansije",
        name="Odbor za budžet i finansije",
        kind=Kind.ORGAN,
        parent="skupstina-opstine",
        mandate=(
            "Razmatra prijedlog budžeta, završni račun budžeta i odluke o lokalnim javnim prihodima i "
            "zaduživanju Opštine, i o njima daje mišljenje Skupštini."
        ),
        head_name="Milica Vuksanović",
        head_title="Predsjednica Odbora",
        email="skupstina",
        phone="+382 33 451 111",
        founding_act="Poslovnik Skupštine Opštine Primorje",
    ),
    DemoOrganisation(
        slug="odbor-za-statut-i-propise",
        name="Odbor za statut i propise",
        kind=Kind.ORGAN,
        parent="skupstina-opstine",
        mandate=(
            "Razmatra prijedloge Statuta, Poslovnika i drugih propisa sa stanovišta njihove usklađenosti sa "
            "zakonom i Statutom, i utvrđuje prečišćene tekstove odluka Skupštine."
        ),
        head_name="Vladimir Šćepanović",
        head_title="Predsjednik Odbora",
        email="skupstina",
        phone="+382 33 451 111",
        founding_act="Poslovnik Skupštine Opštine Primorje",
    ),
    DemoOrganisation(
        slug="odbor-za-planiranje-i-uredjenje-prostora",
        name="Odbor za planiranje i uređenje prostora",
        kind=Kind.ORGAN,
        parent="skupstina-opstine",
        mandate=(
            "Razmatra planske dokumente, programe uređenja prostora i odluke o naknadi za komunalno "
            "opremanje građevinskog zemljišta prije nego što se nađu pred Skupštinom."
        ),
        head_name="Nenad Kaluđerović",
        head_title="Predsjednik Odbora",
        email="skupstina",
        phone="+382 33 451 111",
        founding_act="Poslovnik Skupštine Opštine Primorje",
    ),
    DemoOrganisation(
        slug="odbor-za-drustvene-djelatnosti",
        name="Odbor za društvene djelatnosti",
        kind=Kind.ORGAN,
        parent="skupstina-opstine",
        mandate=(
            "Razmatra pitanja obrazovanja, kulture, sporta, socijalne i dječje zaštite i zdravstva, i "
            "programe rada javnih ustanova čiji je osnivač Opština."
        ),
        head_name="Jelena Pavićević",
        head_title="Predsjednica Odbora",
        email="skupstina",
        phone="+382 33 451 111",
        founding_act="Poslovnik Skupštine Opštine Primorje",
    ),
    DemoOrganisation(
        slug="odbor-za-izbor-i-imenovanja",
        name="Odbor za izbor i imenovanja",
        kind=Kind.ORGAN,
        parent="skupstina-opstine",
        mandate=(
            "Predlaže Skupštini izbor, imenovanje i razrješenje predsjednika i članova radnih tijela, organa "
            "upravljanja javnih preduzeća i ustanova i drugih lica koje bira Skupština."
        ),
        head_name="Ranko Bulajić",
        head_title="Predsjednik Odbora",
        email="skupstina",
        phone="+382 33 451 111",
        founding_act="Poslovnik Skupštine Opštine Primorje",
    ),
    DemoOrganisation(
        slug="savjet-za-razvoj-i-zastitu-lokalne-samouprave",
        name="Savjet za razvoj i zaštitu lokalne samouprave",
        kind=Kind.ORGAN,
        parent="skupstina-opstine",
        mandate=(
            "Prati razvoj lokalne samouprave, ostvarivanje prava građana na učešće u odlučivanju i "
            "postupanje organa Opštine, i Skupštini predlaže mjere za njihovo unapređenje."
        ),
        head_name="Snježana Raičević",
        head_title="Predsjednica Savjeta",
        email="savjet",
        phone="+382 33 451 112",
        founding_act="Odluka o obrazovanju Savjeta za razvoj i zaštitu lokalne samouprave",
    ),
    # --- Organs: the mayor and the mayor's office ----------------------------
    DemoOrganisation(
        slug="predsjednik-opstine",
        name="Predsjednik Opštine Primorje",
        short_name="Predsjednik opštine",
        kind=Kind.ORGAN,
        mandate=(
            "Izvršni organ Opštine. Predstavlja Opštinu, predlaže budžet i odluke Skupštini, izvršava "
            "odluke Skupštine i usmjerava rad lokalne uprave."
        ),
        head_name="Nikola Vujošević",
        head_title="Predsjednik opštine",
        email="predsjednik",
        phone="+382 33 451 101",
        founding_act=STATUTE,
    ),
    DemoOrganisation(
        slug="potpredsjednik-opstine",
        name="Potpredsjednik Opštine Primorje",
        short_name="Potpredsjednik opštine",
        kind=Kind.ORGAN,
        parent="predsjednik-opstine",
        mandate=(
            "Pomaže predsjedniku Opštine u oblastima koje mu on povjeri i zamjenjuje ga kad je odsutan ili spriječen."
        ),
        head_name="Ivana Lakićević",
        head_title="Potpredsjednica opštine",
        email="potpredsjednik",
        phone="+382 33 451 102",
        founding_act=STATUTE,
    ),
    DemoOrganisation(
        slug="glavni-administrator",
        name="Glavni administrator",
        kind=Kind.ADMINISTRATION,
        parent="predsjednik-opstine",
        mandate=(
            "Koordinira rad organa lokalne uprave i službi, obezbjeđuje njihovu saradnju i odlučuje o "
            "sukobu nadležnosti među njima."
        ),
        head_name="Branko Mijušković",
        head_title="Glavni administrator",
        email="glavni.administrator",
        phone="+382 33 451 103",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    DemoOrganisation(
        slug="kabinet-predsjednika",
        name="Kabinet predsjednika Opštine",
        short_name="Kabinet predsjednika",
        kind=Kind.ADMINISTRATION,
        parent="predsjednik-opstine",
        mandate=(
            "Obavlja savjetodavne, protokolarne i poslove odnosa s javnošću za predsjednika Opštine, "
            "priprema njegove akte i sastanke i odgovara na predstavke građana upućene predsjedniku."
        ),
        head_name="Tamara Bošković",
        head_title="Šefica Kabineta",
        email="kabinet",
        phone="+382 33 451 104",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    # --- Local administration: secretariats and services --------------------
    DemoOrganisation(
        slug="sekretarijat-za-finansije",
        name="Sekretarijat za finansije",
        kind=Kind.ADMINISTRATION,
        mandate=(
            "Priprema nacrt budžeta i završnog računa, izvršava budžet, vodi trezor i računovodstvo Opštine "
            "i prati zaduženost Opštine."
        ),
        head_name="Dušanka Perović",
        head_title="Sekretarka",
        email="finansije",
        phone="+382 33 451 120",
        address=f"Trg Republike 1, kancelarija 12, {POSTCODE} {TOWN}",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    DemoOrganisation(
        slug="sekretarijat-za-uredjenje-prostora",
        name="Sekretarijat za uređenje prostora i zaštitu životne sredine",
        short_name="Sekretarijat za uređenje prostora",
        kind=Kind.ADMINISTRATION,
        mandate=(
            "Priprema planske dokumente i sprovodi javne rasprave o njima, izdaje urbanističko-tehničke "
            "uslove i vodi poslove zaštite životne sredine, uključujući procjenu uticaja na životnu sredinu."
        ),
        head_name="Aleksandar Popović",
        head_title="Sekretar",
        email="urbanizam",
        phone="+382 33 451 130",
        address=f"Ulica Njegoševa 14, {POSTCODE} {TOWN}",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    DemoOrganisation(
        slug="sekretarijat-za-lokalnu-samoupravu",
        name="Sekretarijat za lokalnu samoupravu",
        kind=Kind.ADMINISTRATION,
        mandate=(
            "Vodi poslove pisarnice i arhive, biračkog spiska, ovjere potpisa, rukopisa i prepisa, "
            "kadrovske poslove i saradnju s mjesnim zajednicama i nevladinim organizacijama."
        ),
        head_name="Marija Jovićević",
        head_title="Sekretarka",
        email="samouprava",
        phone="+382 33 451 140",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    DemoOrganisation(
        slug="sekretarijat-za-privredu-i-razvoj",
        name="Sekretarijat za privredu i razvoj",
        kind=Kind.ADMINISTRATION,
        mandate=(
            "Priprema strategiju razvoja Opštine, prati privredu, turizam, poljoprivredu i ribarstvo, "
            "izdaje odobrenja za obavljanje djelatnosti i priprema projekte za fondove Evropske unije."
        ),
        head_name="Goran Stanišić",
        head_title="Sekretar",
        email="privreda",
        phone="+382 33 451 150",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    DemoOrganisation(
        slug="sekretarijat-za-komunalne-poslove-i-saobracaj",
        name="Sekretarijat za komunalne poslove i saobraćaj",
        short_name="Sekretarijat za komunalne poslove",
        kind=Kind.ADMINISTRATION,
        mandate=(
            "Uređuje obavljanje komunalnih djelatnosti, lokalne puteve i ulice, javni prevoz, taksi "
            "prevoz i režim saobraćaja, i izdaje odobrenja za postavljanje privremenih objekata."
        ),
        head_name="Željko Radonjić",
        head_title="Sekretar",
        email="komunalni",
        phone="+382 33 451 160",
        address=f"Ulica Njegoševa 14, {POSTCODE} {TOWN}",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    DemoOrganisation(
        slug="sekretarijat-za-drustvene-djelatnosti",
        name="Sekretarijat za društvene djelatnosti",
        kind=Kind.ADMINISTRATION,
        mandate=(
            "Vodi poslove Opštine u oblasti obrazovanja, kulture, sporta, mladih i socijalne i dječje "
            "zaštite, i raspisuje javne konkurse za finansiranje projekata nevladinih organizacija."
        ),
        head_name="Ljiljana Mrvaljević",
        head_title="Sekretarka",
        email="drustvene.djelatnosti",
        phone="+382 33 451 170",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    DemoOrganisation(
        slug="uprava-lokalnih-javnih-prihoda",
        name="Uprava lokalnih javnih prihoda",
        kind=Kind.ADMINISTRATION,
        mandate=(
            "Utvrđuje, naplaćuje i kontroliše porez na nepokretnosti, prireze, takse i naknade koje "
            "pripadaju Opštini, i vodi registar poreskih obveznika."
        ),
        head_name="Vesna Marović",
        head_title="Direktorica",
        email="prihodi",
        phone="+382 33 451 180",
        address=f"Ulica 13. jula 6, {POSTCODE} {TOWN}",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    DemoOrganisation(
        slug="komunalna-policija",
        name="Komunalna policija",
        kind=Kind.ADMINISTRATION,
        mandate=(
            "Vrši komunalni nadzor nad sprovođenjem odluka Opštine o komunalnom redu, održavanju čistoće i "
            "javnih površina, i prima prijave građana o komunalnim nepravilnostima."
        ),
        head_name="Miloš Rakočević",
        head_title="Načelnik",
        email="komunalna.policija",
        phone="+382 33 451 190",
        address=f"Ulica 13. jula 6, {POSTCODE} {TOWN}",
        working_hours="ponedjeljak–subota 7–21 h; u ljetnjoj sezoni svakog dana",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    DemoOrganisation(
        slug="sluzba-zastite-i-spasavanja",
        name="Služba zaštite i spašavanja",
        kind=Kind.ADMINISTRATION,
        mandate=(
            "Gasi požare i spašava ljude i imovinu ugrožene požarom, poplavom, zemljotresom i drugim "
            "nesrećama, i sprovodi preventivne mjere zaštite od požara na teritoriji Opštine."
        ),
        head_name="Radomir Šoć",
        head_title="Komandir",
        email="zastita.spasavanje",
        phone="+382 33 451 123",
        address=f"Jadranski put bb, {POSTCODE} {TOWN}",
        working_hours="0–24 h, svakog dana (hitni pozivi: 123)",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    DemoOrganisation(
        slug="sluzba-za-zajednicke-poslove",
        name="Služba za zajedničke poslove",
        kind=Kind.ADMINISTRATION,
        mandate=(
            "Održava zgrade i vozila Opštine, vodi javne nabavke zajedničkih potreba organa i obavlja "
            "poslove obezbjeđenja, telefonske centrale i dostave."
        ),
        head_name="Predrag Cerović",
        head_title="Rukovodilac Službe",
        email="zajednicki.poslovi",
        phone="+382 33 451 195",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    DemoOrganisation(
        slug="sluzba-za-unutrasnju-reviziju",
        name="Služba za unutrašnju reviziju",
        kind=Kind.ADMINISTRATION,
        mandate=(
            "Vrši unutrašnju reviziju organa lokalne uprave, javnih preduzeća i ustanova čiji je osnivač "
            "Opština i daje preporuke za unapređenje upravljanja i kontrole."
        ),
        head_name="Sanja Bjelica",
        head_title="Rukovoditeljka Službe",
        email="revizija",
        phone="+382 33 451 197",
        founding_act=LOCAL_ADMINISTRATION_ACT,
    ),
    DemoOrganisation(
        slug="informacioni-centar",
        name="Informacioni centar Opštine Primorje",
        short_name="Informacioni centar",
        kind=Kind.ADMINISTRATION,
        mandate=(
            "Razvija i održava informacioni sistem Opštine: portal, mrežu, servere, elektronsku poštu i "
            "aplikacije. Pruža IT podršku svim organima, javnim preduzećima i ustanovama i stara se o "
            "bezbjednosti podataka."
        ),
        head_name="Milan Đurović",
        head_title="Rukovodilac Informacionog centra",
        email="infocentar",
        phone="+382 33 451 200",
        address=f"Trg Republike 1, prizemlje, {POSTCODE} {TOWN}",
        founding_act=LOCAL_ADMINISTRATION_ACT,
        is_information_center=True,
    ),
    # --- Public enterprises ---------------------------------------------------
    DemoOrganisation(
        slug="vodovod-i-kanalizacija",
        name="Vodovod i kanalizacija d.o.o. Primorje",
        short_name="ViK Primorje",
        kind=Kind.ENTERPRISE,
        mandate=(
            "Snabdijeva građane i privredu pitkom vodom, održava vodovodnu i kanalizacionu mrežu i "
            "upravlja postrojenjem za prečišćavanje otpadnih voda."
        ),
        head_name="Vuk Mićunović",
        head_title="Izvršni direktor",
        email="vik",
        phone="+382 33 452 300",
        address=f"Ulica Jadranska 22, {POSTCODE} {TOWN}",
        founding_act=("Odluka o osnivanju društva s ograničenom odgovornošću „Vodovod i kanalizacija“ Primorje"),
    ),
    DemoOrganisation(
        slug="komunalno",
        name="Komunalno d.o.o. Primorje",
        short_name="Komunalno",
        kind=Kind.ENTERPRISE,
        mandate=(
            "Sakuplja i odvozi komunalni otpad, održava čistoću javnih površina, zelenilo, plaže i gradsko groblje."
        ),
        head_name="Dejan Pejović",
        head_title="Izvršni direktor",
        email="komunalno",
        phone="+382 33 452 400",
        address=f"Industrijska zona bb, {POSTCODE} {TOWN}",
        founding_act="Odluka o osnivanju društva s ograničenom odgovornošću „Komunalno“ Primorje",
    ),
    DemoOrganisation(
        slug="parking-servis",
        name="Parking servis d.o.o. Primorje",
        short_name="Parking servis",
        kind=Kind.ENTERPRISE,
        mandate=(
            "Upravlja javnim parkiralištima i garažama, naplaćuje parkiranje, uključujući plaćanje SMS "
            "porukom, i uklanja nepropisno parkirana vozila."
        ),
        head_name="Stefan Kadić",
        head_title="Izvršni direktor",
        email="parking",
        phone="+382 33 452 500",
        address=f"Šetalište pet Danica 3, {POSTCODE} {TOWN}",
        working_hours="ponedjeljak–subota 7–21 h",
        founding_act="Odluka o osnivanju društva s ograničenom odgovornošću „Parking servis“ Primorje",
    ),
    DemoOrganisation(
        slug="radio-primorje",
        name="Lokalni javni emiter Radio Primorje d.o.o.",
        short_name="Radio Primorje",
        kind=Kind.ENTERPRISE,
        mandate=(
            "Proizvodi i emituje informativni, obrazovni, kulturni i zabavni program od interesa za građane "
            "Primorja, na radiju i na internetu."
        ),
        head_name="Katarina Šaranović",
        head_title="Direktorica",
        email="radio",
        phone="+382 33 452 600",
        address=f"Ulica Njegoševa 2, {POSTCODE} {TOWN}",
        working_hours="program 0–24 h; uprava ponedjeljak–petak 8–16 h",
        founding_act="Odluka o osnivanju Lokalnog javnog emitera Radio Primorje d.o.o.",
    ),
    DemoOrganisation(
        slug="agencija-za-izgradnju-i-razvoj",
        name="Agencija za izgradnju i razvoj Primorja d.o.o.",
        short_name="Agencija za izgradnju",
        kind=Kind.ENTERPRISE,
        mandate=(
            "Priprema i sprovodi kapitalne projekte Opštine: izgradnju i rekonstrukciju ulica, trgova, "
            "šetališta i javnih objekata, od projektne dokumentacije do tehničkog prijema."
        ),
        head_name="Boris Vukotić",
        head_title="Izvršni direktor",
        email="agencija",
        phone="+382 33 452 700",
        address=f"Ulica 13. jula 10, {POSTCODE} {TOWN}",
        founding_act="Odluka o osnivanju Agencije za izgradnju i razvoj Primorja d.o.o.",
    ),
    # --- Public institutions ----------------------------------------------------
    DemoOrganisation(
        slug="ju-centar-za-kulturu",
        name="JU Centar za kulturu Primorje",
        short_name="Centar za kulturu",
        kind=Kind.INSTITUTION,
        mandate=(
            "Organizuje pozorišne predstave, koncerte, izložbe i festivale, a ljeti i Primorske ljetnje "
            "večeri na Starom trgu. Upravlja gradskom koncertnom dvoranom."
        ),
        head_name="Andrijana Vujović",
        head_title="Direktorica",
        email="kultura",
        phone="+382 33 453 100",
        address=f"Stari trg 4, {POSTCODE} {TOWN}",
        working_hours="ponedjeljak–petak 8–16 h; blagajna od 18 h u dane programa",
        founding_act="Odluka o osnivanju Javne ustanove Centar za kulturu Primorje",
    ),
    DemoOrganisation(
        slug="ju-muzej-i-galerija",
        name="JU Muzej i galerija Primorje",
        short_name="Muzej i galerija",
        kind=Kind.INSTITUTION,
        mandate=(
            "Čuva, istražuje i izlaže arheološku, etnografsku i umjetničku baštinu Primorja i organizuje "
            "stalnu postavku i povremene izložbe."
        ),
        head_name="Dragana Kovačević",
        head_title="Direktorica",
        email="muzej",
        phone="+382 33 453 200",
        address=f"Ulica Stari grad 11, {POSTCODE} {TOWN}",
        working_hours="utorak–subota 9–20 h, nedjelja 9–13 h",
        founding_act="Odluka o osnivanju Javne ustanove Muzej i galerija Primorje",
    ),
    DemoOrganisation(
        slug="turisticka-organizacija",
        name="Turistička organizacija Primorje",
        short_name="TO Primorje",
        kind=Kind.INSTITUTION,
        mandate=(
            "Promoviše Primorje kao turističku destinaciju, vodi turističke info-punktove, naplaćuje "
            "boravišnu taksu i organizuje manifestacije u turističkoj sezoni."
        ),
        head_name="Petar Vuletić",
        head_title="Direktor",
        email="turizam",
        phone="+382 33 453 300",
        address=f"Šetalište pet Danica 1, {POSTCODE} {TOWN}",
        working_hours="od 1. juna do 30. septembra svakog dana 8–21 h, van sezone ponedjeljak–petak 8–16 h",
        founding_act="Odluka o osnivanju Turističke organizacije Primorje",
    ),
    DemoOrganisation(
        slug="ju-dnevni-centar",
        name="JU Dnevni centar za djecu i mlade sa smetnjama i teškoćama u razvoju",
        short_name="Dnevni centar",
        kind=Kind.INSTITUTION,
        mandate=(
            "Pruža dnevni boravak, njegu i rehabilitaciju djeci i mladima sa smetnjama i teškoćama u razvoju "
            "i savjetodavnu podršku njihovim porodicama."
        ),
        head_name="Olivera Dabović",
        head_title="Direktorica",
        email="dnevni.centar",
        phone="+382 33 453 400",
        address=f"Ulica Maslinjak 7, {POSTCODE} {TOWN}",
        working_hours="ponedjeljak–petak 7–17 h",
        founding_act="Odluka o osnivanju Javne ustanove Dnevni centar Primorje",
    ),
    DemoOrganisation(
        slug="ju-narodna-biblioteka",
        name="JU Narodna biblioteka Primorje",
        short_name="Narodna biblioteka",
        kind=Kind.INSTITUTION,
        mandate=(
            "Nabavlja, čuva i daje na korišćenje knjige i periodiku, vodi zavičajnu zbirku i organizuje "
            "književne večeri i radionice za djecu."
        ),
        head_name="Zorica Maraš",
        head_title="Direktorica",
        email="biblioteka",
        phone="+382 33 453 500",
        address=f"Stari trg 2, {POSTCODE} {TOWN}",
        working_hours="ponedjeljak–petak 8–20 h, subota 8–14 h",
        founding_act="Odluka o osnivanju Javne ustanove Narodna biblioteka Primorje",
    ),
    # --- Local communities --------------------------------------------------------
    DemoOrganisation(
        slug="mz-stari-grad",
        name="Mjesna zajednica Stari grad",
        short_name="MZ Stari grad",
        kind=Kind.LOCAL_COMMUNITY,
        mandate=(
            "Okuplja stanovnike starog gradskog jezgra radi rješavanja pitanja od zajedničkog interesa: "
            "uređenja ulica i trgova, komunalnog reda i zaštite kulturne baštine."
        ),
        head_name="Slobodan Kalezić",
        head_title="Predsjednik Savjeta mjesne zajednice",
        email="mz.starigrad",
        phone="+382 33 454 010",
        address=f"Stari trg 9, {POSTCODE} {TOWN}",
        working_hours="utorak i četvrtak 17–19 h",
        founding_act="Odluka o obrazovanju mjesnih zajednica",
    ),
    DemoOrganisation(
        slug="mz-maslinjak",
        name="Mjesna zajednica Maslinjak",
        short_name="MZ Maslinjak",
        kind=Kind.LOCAL_COMMUNITY,
        mandate=(
            "Predlaže Opštini prioritete za uređenje naselja Maslinjak, organizuje zborove građana i "
            "akcije čišćenja i uređenja javnih površina."
        ),
        head_name="Biljana Vujačić",
        head_title="Predsjednica Savjeta mjesne zajednice",
        email="mz.maslinjak",
        phone="+382 33 454 020",
        address=f"Ulica Maslinjak bb, {POSTCODE} {TOWN}",
        working_hours="ponedjeljak i srijeda 17–19 h",
        founding_act="Odluka o obrazovanju mjesnih zajednica",
    ),
    DemoOrganisation(
        slug="mz-lucica",
        name="Mjesna zajednica Lučica",
        short_name="MZ Lučica",
        kind=Kind.LOCAL_COMMUNITY,
        mandate=(
            "Zastupa interese mještana ribarskog naselja Lučica pred organima Opštine, posebno u vezi sa "
            "uređenjem obale, lučice i pristupnog puta."
        ),
        head_name="Mirko Lekić",
        head_title="Predsjednik Savjeta mjesne zajednice",
        email="mz.lucica",
        phone="+382 33 454 030",
        address=f"Obala bb, Lučica, {POSTCODE} {TOWN}",
        working_hours="petak 17–19 h",
        founding_act="Odluka o obrazovanju mjesnih zajednica",
    ),
    DemoOrganisation(
        slug="mz-gornje-selo",
        name="Mjesna zajednica Gornje Selo",
        short_name="MZ Gornje Selo",
        kind=Kind.LOCAL_COMMUNITY,
        mandate=(
            "Okuplja stanovnike brdskih sela u zaleđu Primorja i prati održavanje lokalnih puteva, "
            "vodosnabdijevanje i rad područne škole."
        ),
        head_name="Vojislav Tomašević",
        head_title="Predsjednik Savjeta mjesne zajednice",
        email="mz.gornjeselo",
        phone="+382 33 454 040",
        address=f"Gornje Selo bb, {POSTCODE} {TOWN}",
        working_hours="subota 10–12 h",
        founding_act="Odluka o obrazovanju mjesnih zajednica",
    ),
]


def report(stdout, style, label: str, total: int, created: int) -> None:
    """One summary line of a demo seeder: how many there are and how many are new."""
    line = f"  {label}: {total} ({created} new)"
    stdout.write(style.SUCCESS(line) if created else line)


def organisation(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


@transaction.atomic
def seed(stdout, style) -> None:
    """Create the role groups and the organisations that are missing."""
    groups = services.ensure_role_groups()
    existing = {o.slug: o for o in Organisation.objects.filter(slug__in=[spec.slug for spec in ORGANISATIONS])}
    by_name = {
        o.name: o
        for o in Organisation.objects.filter(name__in=[spec.name for spec in ORGANISATIONS]).exclude(
            slug__in=list(existing)
        )
    }
    created = 0
    for sort_order, spec in enumerate(ORGANISATIONS, start=1):
        # Someone may have created the organisation by hand under another slug.
        found = existing.get(spec.slug) or by_name.get(spec.name)
        if found is not None:
            existing[spec.slug] = found
            continue
        org = Organisation(**spec.fields(), sort_order=sort_order * 10)
        org.parent = existing.get(spec.parent) if spec.parent else None
        existing[spec.slug] = services.save_organisation(org)
        created += 1
    report(stdout, style, "role groups", len(groups), 0)
    report(stdout, style, "organisations", len(ORGANISATIONS), created)
