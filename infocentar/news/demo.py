"""Demo data of the news: the news index and a year of news about the bodies of Opština Primorje.

Runs after the portal's seeder (INSTALLED_APPS order), so the home page
exists. News items are found by slug and created only when missing, so an
editor's changes survive a second run, and the second run writes nothing.
Their dates count back from the day of the first run. A few items get an
illustration drawn with Pillow (no files to ship, nothing from the network).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.rich_text import RichText

from infocentar.core.demo import report
from infocentar.core.models import Organisation

from .models import NewsIndexPage, NewsPage

INDEX_SLUG = "vijesti"
INDEX_TITLE = "Vijesti"
INDEX_INTRO = (
    "Vijesti o radu Skupštine, predsjednika Opštine, lokalne uprave, javnih preduzeća, ustanova i mjesnih "
    "zajednica Opštine Primorje."
)


@dataclass(frozen=True)
class Illustration:
    """A simple drawn picture: sky, sea and hills in the given colours, with its alt text."""

    title: str
    alt: str
    sky: tuple[int, int, int]
    sea: tuple[int, int, int]
    hills: tuple[int, int, int]
    sun: bool = True


@dataclass(frozen=True)
class DemoNews:
    slug: str
    title: str
    days_ago: int
    organisations: tuple[str, ...]
    tags: tuple[str, ...]
    lead: str
    paragraphs: tuple[str, ...]
    heading: str = ""
    illustration: Illustration | None = None


def _body(spec: DemoNews) -> list:
    blocks: list = [("paragraph", RichText(f"<p>{spec.paragraphs[0]}</p>"))]
    if spec.heading:
        blocks.append(("heading", {"text": spec.heading, "level": "h2"}))
    blocks += [("paragraph", RichText(f"<p>{text}</p>")) for text in spec.paragraphs[1:]]
    return blocks


NEWS: list[DemoNews] = [
    DemoNews(
        slug="prekid-vodosnabdijevanja-stari-grad",
        title="Privremeni prekid u snabdijevanju vodom u Starom gradu",
        days_ago=3,
        organisations=("vodovod-i-kanalizacija", "mz-stari-grad"),
        tags=("vodovod", "obavještenja"),
        lead=(
            "Zbog zamjene dotrajalog razvodnog cjevovoda, potrošači u ulicama Njegoševoj i Stara obala biće "
            "bez vode u četvrtak od 8 do 14 časova."
        ),
        paragraphs=(
            "Vodovod i kanalizacija d.o.o. Primorje obavještava građane da će ekipe na terenu zamijeniti "
            "oko 120 metara cjevovoda starog više od četrdeset godina, na kojem je samo ove godine "
            "evidentirano jedanaest kvarova.",
            "Tokom prekida cisterna sa pitkom vodom biće postavljena na Trgu Republike. Molimo građane da "
            "obezbijede dovoljne količine vode i da nakon ponovnog puštanja vode nekoliko minuta puste da "
            "voda oteče. Informacije su dostupne 0–24 h na broju +382 33 451 300.",
        ),
    ),
    DemoNews(
        slug="odrzana-12-sjednica-skupstine",
        title="Održana 12. sjednica Skupštine Opštine Primorje",
        days_ago=5,
        organisations=("skupstina-opstine",),
        tags=("sjednica", "skupština", "budžet"),
        lead=(
            "Odbornici su usvojili Odluku o izmjenama i dopunama budžeta za tekuću godinu i Program uređenja "
            "prostora, a razmatrali su i izvještaje o radu javnih preduzeća."
        ),
        heading="Odbornička pitanja",
        paragraphs=(
            "Sjednici je prisustvovalo 29 od 33 odbornika. Izmjene budžeta usvojene su sa 21 glasom za i 8 "
            "glasova protiv; njima se povećavaju sredstva za održavanje lokalnih puteva i za subvencije "
            "poljoprivrednicima, a smanjuju troškovi reprezentacije.",
            "Na kraju sjednice odbornici su postavili pitanja o rasporedu dežurstava zimske službe, o "
            "rokovima za rekonstrukciju vodovoda u Lučici i o radnom vremenu pisarnice. Pisani odgovori "
            "biće objavljeni uz materijale sljedeće sjednice.",
        ),
    ),
    DemoNews(
        slug="novi-sistem-prijave-komunalnih-problema",
        title="Građani komunalne probleme od sada prijavljuju preko portala",
        days_ago=7,
        organisations=("informacioni-centar", "komunalna-policija"),
        tags=("e-uprava", "komunalni red"),
        lead=(
            "Oštećen kontejner, neispravna ulična svjetiljka ili divlje odlagalište otpada mogu se prijaviti "
            "sa fotografijom i lokacijom, a podnosilac prati šta je urađeno."
        ),
        paragraphs=(
            "Aplikaciju je razvio Informacioni centar Opštine, a prijave u radno vrijeme preuzima Komunalna "
            "policija i prosljeđuje ih nadležnom preduzeću. Rok za prvi odgovor je tri radna dana.",
            "Prijava je moguća i bez korisničkog naloga, ali građani sa nalogom dobijaju obavještenje "
            "elektronskom poštom kad se status prijave promijeni. Prijave se i dalje primaju i telefonom, "
            "na broj +382 33 451 190.",
        ),
        illustration=Illustration(
            "Prijava komunalnih problema",
            "Ilustracija: sunce nad zelenim brdima i mirnim morem",
            (170, 210, 235),
            (40, 110, 160),
            (70, 140, 80),
        ),
    ),
    DemoNews(
        slug="nacrt-budzeta-javna-rasprava",
        title="Utvrđen Nacrt odluke o budžetu za narednu godinu, počinje javna rasprava",
        days_ago=12,
        organisations=("sekretarijat-za-finansije", "predsjednik-opstine"),
        tags=("budžet", "javna rasprava"),
        lead=(
            "Predsjednik Opštine utvrdio je Nacrt budžeta od 18,4 miliona eura; građani primjedbe mogu "
            "dostaviti u roku od 15 dana."
        ),
        heading="Centralna javna tribina",
        paragraphs=(
            "Nacrtom je za kapitalne izdatke planirano 5,2 miliona eura, najviše za rekonstrukciju "
            "vodovodne mreže, lokalne puteve i izgradnju vrtića u Maslinjaku. Tekuća potrošnja ostaje na "
            "nivou ove godine.",
            "Centralna javna tribina biće održana u sali Skupštine opštine, sa početkom u 12 časova. "
            "Primjedbe i prijedlozi dostavljaju se pisano, u pisarnici Opštine ili elektronskom poštom "
            "Sekretarijatu za finansije.",
        ),
    ),
    DemoNews(
        slug="zimsko-odrzavanje-puteva",
        title="Zimsko održavanje puteva: plan i dežurstva",
        days_ago=14,
        organisations=("sekretarijat-za-komunalne-poslove-i-saobracaj", "komunalno"),
        tags=("putevi", "zimska služba"),
        lead=(
            "Od 15. novembra do 15. marta ekipe Komunalnog dežuraju 0–24 h; prioritet imaju putevi do "
            "škola, Doma zdravlja i sela u zaleđu."
        ),
        paragraphs=(
            "Za zimsku službu pripremljeno je 300 tona soli i rizle, tri kamiona sa ralicama i dva "
            "utovarivača. Putevi prema Gornjem Selu čiste se prvi, jer su na većoj nadmorskoj visini.",
            "Građani mogu prijaviti neočišćen put dežurnom dispečeru na broj +382 33 451 250. Vlasnike "
            "vozila molimo da ne parkiraju na okretnicama školskih autobusa.",
        ),
    ),
    DemoNews(
        slug="it-obuka-bezbjedna-elektronska-posta",
        title="IT obuka za zaposlene: bezbjedno korišćenje elektronske pošte",
        days_ago=20,
        organisations=("informacioni-centar", "sekretarijat-za-lokalnu-samoupravu"),
        tags=("IT obuke", "informaciona bezbjednost"),
        lead=(
            "Šezdeset službenika lokalne uprave naučilo je kako da prepoznaju lažne poruke i zaštite podatke građana."
        ),
        paragraphs=(
            "Obuku je organizovao Informacioni centar u četiri grupe. Polaznici su na primjerima stvarnih "
            "pokušaja prevare vidjeli kako izgledaju lažne fakture, poruke o „blokiranom nalogu“ i "
            "zahtjevi za hitnu uplatu.",
            "Do kraja godine obuku će proći i zaposleni u javnim preduzećima i ustanovama. Sumnjive poruke "
            "prijavljuju se Informacionom centru, bez otvaranja priloga i linkova.",
        ),
    ),
    DemoNews(
        slug="elektronsko-zakazivanje-termina",
        title="Informacioni centar pokrenuo elektronsko zakazivanje termina na šalteru",
        days_ago=28,
        organisations=("informacioni-centar", "sluzba-za-zajednicke-poslove"),
        tags=("e-uprava", "usluge građanima"),
        lead=("Termin za predaju zahtjeva u uslužnom centru sada se može rezervisati na portalu, bez čekanja u redu."),
        paragraphs=(
            "Građani biraju uslugu, dan i vrijeme, a potvrdu dobijaju elektronskom poštom. Dvije trećine "
            "termina ostaje za one koji dođu bez zakazivanja.",
            "U prvoj sedmici zakazano je 214 termina, najviše za uvjerenja iz matične evidencije i "
            "zahtjeve za komunalne saglasnosti.",
        ),
    ),
    DemoNews(
        slug="rok-porez-na-nepokretnosti",
        title="Rok za drugu ratu poreza na nepokretnosti ističe 31. oktobra",
        days_ago=35,
        organisations=("uprava-lokalnih-javnih-prihoda",),
        tags=("porezi", "obavještenja"),
        lead=(
            "Uprava lokalnih javnih prihoda podsjeća vlasnike nepokretnosti da drugu ratu poreza uplate na "
            "vrijeme i izbjegnu kamatu."
        ),
        paragraphs=(
            "Rješenja su dostavljena na kućne adrese u maju. Ko rješenje nije dobio, može ga preuzeti u "
            "prostorijama Uprave ili zatražiti elektronskom poštom.",
            "Za neplaćeni porez po isteku roka obračunava se zakonska zatezna kamata. Penzioneri sa najnižim "
            "primanjima mogu podnijeti zahtjev za umanjenje poreza do kraja godine.",
        ),
    ),
    DemoNews(
        slug="javni-poziv-stipendije",
        title="Javni poziv za dodjelu stipendija studentima",
        days_ago=40,
        organisations=("sekretarijat-za-drustvene-djelatnosti",),
        tags=("javni poziv", "stipendije", "obrazovanje"),
        lead=(
            "Opština dodjeljuje 40 stipendija od po 100 eura mjesečno studentima sa prebivalištem u "
            "Primorju; prijave traju do kraja mjeseca."
        ),
        heading="Potrebna dokumentacija",
        paragraphs=(
            "Pravo na stipendiju imaju redovni studenti osnovnih i master studija sa prosjekom ocjena "
            "najmanje 8,5, kao i studenti iz porodica koje primaju materijalno obezbjeđenje.",
            "Uz prijavu se prilaže potvrda o upisu, uvjerenje o položenim ispitima i kopija lične karte. "
            "Rang listu utvrđuje komisija u roku od 15 dana od zatvaranja poziva.",
        ),
    ),
    DemoNews(
        slug="kolegijum-digitalizacija-usluga",
        title="Kolegijum glavnog administratora o digitalizaciji usluga",
        days_ago=45,
        organisations=("glavni-administrator", "informacioni-centar"),
        tags=("e-uprava", "digitalizacija"),
        lead=("Rukovodioci organa lokalne uprave dogovorili su koje će se usluge do ljeta moći zatražiti elektronski."),
        paragraphs=(
            "Prvih deset usluga, među kojima su uvjerenja o prebivalištu, odobrenja za zauzeće javne "
            "površine i prijave komunalnih problema, biće dostupne na portalu uz elektronsku identifikaciju.",
            "Informacioni centar pripremiće jedinstven obrazac za sve zahtjeve, kako bi građani podatke "
            "unosili samo jednom.",
        ),
    ),
    DemoNews(
        slug="vjezba-evakuacije-u-skoli",
        title="Vježba evakuacije u Osnovnoj školi „Njegoš“",
        days_ago=50,
        organisations=("sluzba-zastite-i-spasavanja",),
        tags=("zaštita i spašavanje", "obrazovanje"),
        lead=("Više od 400 učenika i nastavnika napustilo je školsku zgradu za tri minuta i dvadeset sekundi."),
        paragraphs=(
            "Vježbu su pripremili Služba zaštite i spašavanja i uprava škole. Scenario je predviđao požar u "
            "kabinetu hemije; vatrogasci su spasili „povrijeđenog“ učenika sa drugog sprata.",
            "Komandir Službe pohvalio je disciplinu učenika i najavio slične vježbe u svim školama do kraja "
            "školske godine.",
        ),
    ),
    DemoNews(
        slug="nova-parking-mjesta-autobuska-stanica",
        title="Sto nova parking mjesta uz autobusku stanicu",
        days_ago=60,
        organisations=("parking-servis", "sekretarijat-za-komunalne-poslove-i-saobracaj"),
        tags=("saobraćaj", "parking"),
        lead="Parking servis otvorio je novo parkiralište sa stotinu mjesta, od kojih je pet za osobe s invaliditetom.",
        paragraphs=(
            "Parkiralište je u drugoj zoni, a sat parkiranja košta 50 centi. Parkiranje se plaća SMS porukom, "
            "na naplatnom aparatu ili dnevnom kartom.",
            "Stanari okolnih ulica mogu zatražiti povlašćenu godišnju kartu u prostorijama Parking servisa.",
        ),
    ),
    DemoNews(
        slug="tender-djecje-igraliste",
        title="Raspisan tender za izgradnju dječjeg igrališta u Maslinjaku",
        days_ago=65,
        organisations=("agencija-za-izgradnju-i-razvoj", "mz-maslinjak"),
        tags=("javne nabavke", "djeca", "radovi"),
        lead="Procijenjena vrijednost radova je 85.000 eura, a igralište bi trebalo da bude završeno do proljeća.",
        paragraphs=(
            "Igralište će imati podlogu od gume, sprave za djecu do 12 godina i klupe u hladu. Projekat je "
            "urađen prema prijedlozima koje su mještani dali na zboru mjesne zajednice.",
            "Ponude se dostavljaju preko elektronskog sistema javnih nabavki u roku od 30 dana.",
        ),
    ),
    DemoNews(
        slug="biblioteka-produzeno-radno-vrijeme",
        title="Biblioteka produžava radno vrijeme tokom ispitnih rokova",
        days_ago=70,
        organisations=("ju-narodna-biblioteka",),
        tags=("biblioteka", "mladi"),
        lead="Čitaonica Narodne biblioteke radiće do 22 časa, a subotom od 9 do 17 časova.",
        paragraphs=(
            "Studentima je na raspolaganju 40 mjesta za rad, bežični internet i računari sa pristupom "
            "elektronskim bazama časopisa.",
            "Članarina za studente i učenike ove godine je besplatna, uz potvrdu o upisu.",
        ),
    ),
    DemoNews(
        slug="izlozba-more-i-kamen",
        title="Izložba „More i kamen“ u Muzeju i galeriji",
        days_ago=80,
        organisations=("ju-muzej-i-galerija",),
        tags=("kultura", "izložbe"),
        lead=("Fotografije, stari alati i makete kamenih kuća pričaju o životu ribara i klesara na ovom dijelu obale."),
        paragraphs=(
            "Postavka je nastala u saradnji sa mještanima Lučice, koji su muzeju ustupili predmete iz "
            "porodičnih zbirki. Izložba je otvorena do kraja godine, radnim danima od 9 do 19 časova.",
            "Za školske grupe organizuju se besplatna vođenja uz prethodnu najavu.",
        ),
        illustration=Illustration(
            "Izložba More i kamen",
            "Ilustracija: kameno primorje pod narandžastim nebom u sumrak",
            (240, 170, 110),
            (60, 80, 130),
            (150, 140, 120),
        ),
    ),
    DemoNews(
        slug="potpredsjednica-udruzenje-penzionera",
        title="Potpredsjednica Opštine sa predstavnicima udruženja penzionera",
        days_ago=90,
        organisations=("potpredsjednik-opstine",),
        tags=("socijalna zaštita", "građani"),
        lead="Dogovorena je pomoć za ogrev za penzionere sa najnižim primanjima i besplatni prevoz do Doma zdravlja.",
        paragraphs=(
            "Udruženje je predalo spisak od 180 penzionera koji žive sami. Sekretarijat za društvene "
            "djelatnosti provjeriće uslove i pomoć isplatiti do početka grejne sezone.",
            "Prevoz do Doma zdravlja organizovaće se dva puta sedmično iz sela u zaleđu.",
        ),
    ),
    DemoNews(
        slug="asfaltiran-put-gornje-selo",
        title="Mjesna zajednica Gornje Selo: završeno asfaltiranje puta do škole",
        days_ago=95,
        organisations=("mz-gornje-selo", "agencija-za-izgradnju-i-razvoj"),
        tags=("putevi", "radovi", "mjesne zajednice"),
        lead="Dva kilometra puta od raskrsnice do područne škole asfaltirana su prije početka školske godine.",
        paragraphs=(
            "Radovi su koštali 140.000 eura, od čega je mjesna zajednica obezbijedila deset odsto kroz "
            "samodoprinos mještana.",
            "Uz put su postavljeni zaštitna ograda i saobraćajni znakovi, a autobusko stajalište dobilo je "
            "nadstrešnicu.",
        ),
    ),
    DemoNews(
        slug="javna-rasprava-kucni-red",
        title="Održana javna rasprava o Nacrtu odluke o kućnom redu u stambenim zgradama",
        days_ago=100,
        organisations=("sekretarijat-za-lokalnu-samoupravu", "skupstina-opstine"),
        tags=("javna rasprava", "odluke"),
        lead="Građani su predložili strože mjere protiv buke noću i jasnija pravila o držanju kućnih ljubimaca.",
        paragraphs=(
            "Tokom petnaest dana javne rasprave stiglo je 37 primjedbi, pisano, elektronskom poštom i na "
            "tribini u sali Skupštine.",
            "Izvještaj o sprovedenoj javnoj raspravi, sa obrazloženjem za svaku primjedbu, biće objavljen "
            "na portalu u roku od deset dana.",
        ),
    ),
    DemoNews(
        slug="savjet-prituzbe-gradjana",
        title="Savjet za razvoj i zaštitu lokalne samouprave razmatrao pritužbe građana",
        days_ago=110,
        organisations=("savjet-za-razvoj-i-zastitu-lokalne-samouprave",),
        tags=("lokalna samouprava", "sjednica"),
        lead=(
            "Najviše pritužbi odnosilo se na rokove za izdavanje "
            "urbanističko-tehničkih uslova i na buku iz ugostiteljskih objekata."
        ),
        paragraphs=(
            "Savjet je od Sekretarijata za uređenje prostora zatražio izvještaj o broju predmeta u kojima "
            "je rok prekoračen i o razlozima kašnjenja.",
            "Komunalnoj policiji preporučeno je da tokom ljeta pojača noćne kontrole u Starom gradu.",
        ),
    ),
    DemoNews(
        slug="ribarska-vecer-lucica",
        title="Ribarska večer u Lučici okupila stotine posjetilaca",
        days_ago=120,
        organisations=("mz-lucica", "turisticka-organizacija"),
        tags=("manifestacije", "turistička sezona"),
        lead="Uz ribu sa gradela i klapsku pjesmu, mještani i turisti proslavili su kraj ribarske sezone.",
        paragraphs=(
            "Manifestaciju tradicionalno organizuju mjesna zajednica i ribarsko udruženje, uz podršku "
            "Turističke organizacije.",
            "Prihod od prodaje ulaznica namijenjen je obnovi mandraća u starom dijelu naselja.",
        ),
        illustration=Illustration(
            "Ribarska večer u Lučici",
            "Ilustracija: tamnoplavo more i brda pod večernjim nebom",
            (60, 60, 110),
            (20, 40, 80),
            (40, 60, 50),
            sun=False,
        ),
    ),
    DemoNews(
        slug="odbor-izmjene-urbanistickog-plana",
        title="Odbor za planiranje i uređenje prostora o izmjenama urbanističkog plana centra",
        days_ago=130,
        organisations=("odbor-za-planiranje-i-uredjenje-prostora", "sekretarijat-za-uredjenje-prostora"),
        tags=("prostorno planiranje", "sjednica"),
        lead=(
            "Odbor je podržao prijedlog da se u centru grada umjesto stambenog bloka planira park sa podzemnom garažom."
        ),
        paragraphs=(
            "Prijedlog izmjena plana biće upućen na javni uvid u trajanju od 30 dana, nakon čega o njemu "
            "odlučuje Skupština.",
            "Članovi Odbora tražili su da se uz plan izradi i procjena troškova uređenja parka.",
        ),
    ),
    DemoNews(
        slug="otvoreni-primorski-ljetnji-dani",
        title="Otvoreni „Primorski ljetnji dani“",
        days_ago=140,
        organisations=("ju-centar-za-kulturu", "turisticka-organizacija"),
        tags=("kultura", "manifestacije", "turistička sezona"),
        lead="Do kraja avgusta na Trgu Republike i u tvrđavi biće održano 35 koncerata, predstava i projekcija.",
        paragraphs=(
            "Festival je otvorio gradski hor, a prve večeri trg je bio pun. Svi programi su besplatni, "
            "osim dvije pozorišne predstave u tvrđavi.",
            "Program po danima objavljen je na portalu i na oglasnim tablama u mjesnim zajednicama.",
        ),
        illustration=Illustration(
            "Primorski ljetnji dani",
            "Ilustracija: ljetnje sunce nad plavim morem i zelenim obronkom",
            (120, 190, 240),
            (30, 120, 180),
            (90, 160, 70),
        ),
    ),
    DemoNews(
        slug="turisticka-sezona-komunalna-policija",
        title="Turistička sezona: pojačan rad komunalne policije na šetalištu",
        days_ago=150,
        organisations=("komunalna-policija", "turisticka-organizacija"),
        tags=("turistička sezona", "komunalni red"),
        lead="Komunalni policajci dežuraju na šetalištu do ponoći i kontrolišu zauzeće javne površine i buku.",
        paragraphs=(
            "U prvoj sedmici sezone izdato je 23 upozorenja i 6 prekršajnih naloga, najviše zbog "
            "postavljanja stolova izvan odobrene površine.",
            "Građani mogu prijaviti komunalni nered na broj +382 33 451 190 ili preko portala.",
        ),
    ),
    DemoNews(
        slug="dani-otvorenih-vrata-skupstine",
        title="Dani otvorenih vrata Skupštine za srednjoškolce",
        days_ago=160,
        organisations=("skupstina-opstine",),
        tags=("mladi", "skupština"),
        lead=(
            "Učenici gimnazije i srednje stručne škole simulirali su sjednicu i glasali o odluci o omladinskom centru."
        ),
        paragraphs=(
            "Predsjednik Skupštine objasnio je učenicima kako se zakazuje sjednica, kako se predlaže dnevni "
            "red i kako odbornici glasaju.",
            "Najbolji prijedlozi učenika biće upućeni Sekretarijatu za društvene djelatnosti kao inicijative "
            "za lokalni akcioni plan za mlade.",
        ),
    ),
    DemoNews(
        slug="prijem-najboljih-ucenika",
        title="Predsjednik Opštine primio najbolje učenike osnovnih škola",
        days_ago=175,
        organisations=("predsjednik-opstine", "kabinet-predsjednika"),
        tags=("obrazovanje", "mladi"),
        lead="Učenici generacije i dobitnici diploma „Luča“ dobili su nagrade i poziv da ljeto provedu na kampu nauke.",
        paragraphs=(
            "Predsjednik Opštine čestitao je učenicima i nastavnicima i najavio da će Opština i naredne "
            "godine finansirati takmičenja iz matematike i programiranja.",
            "Svaki nagrađeni učenik dobio je laptop i godišnju članarinu u Narodnoj biblioteci.",
        ),
    ),
    DemoNews(
        slug="kombi-za-dnevni-centar",
        title="Dnevni centar dobio kombi vozilo prilagođeno osobama s invaliditetom",
        days_ago=185,
        organisations=("ju-dnevni-centar", "predsjednik-opstine"),
        tags=("socijalna zaštita", "donacije"),
        lead="Vozilo sa rampom za invalidska kolica prevoziće djecu i mlade do Centra i na terapije.",
        paragraphs=(
            "Kombi je kupljen sredstvima iz budžeta Opštine i donacijom lokalnih privrednika.",
            "Direktorica Centra zahvalila je donatorima i istakla da će prevoz sada biti dostupan i "
            "korisnicima iz udaljenih sela.",
        ),
    ),
    DemoNews(
        slug="odbor-zavrsni-racun",
        title="Sjednica Odbora za budžet i finansije o završnom računu budžeta",
        days_ago=200,
        organisations=("odbor-za-budzet-i-finansije", "sekretarijat-za-finansije"),
        tags=("sjednica", "završni račun", "budžet"),
        lead="Odbor je Skupštini predložio da usvoji Odluku o završnom računu budžeta za prošlu godinu.",
        paragraphs=(
            "Prihodi budžeta ostvareni su u iznosu od 96 odsto plana, a najveći rast zabilježen je kod "
            "prireza i naknade za komunalno opremanje zemljišta.",
            "Članovi Odbora tražili su detaljniji pregled izdataka za subvencije i za održavanje javne rasvjete.",
        ),
    ),
    DemoNews(
        slug="uredjenje-zelenih-povrsina-maslinjak",
        title="Počela akcija uređenja zelenih površina u Maslinjaku",
        days_ago=220,
        organisations=("komunalno", "mz-maslinjak"),
        tags=("zelene površine", "komunalni red"),
        lead="Zasađeno je 60 sadnica masline i lovora, a u parku su postavljene nove klupe i kante za otpad.",
        paragraphs=(
            "U akciji su učestvovali radnici Komunalnog, učenici osnovne škole i članovi mjesne zajednice.",
            "Komunalno će sadnice zalivati tokom ljeta, a mještane molimo da čuvaju nove zasade.",
        ),
        illustration=Illustration(
            "Uređenje zelenih površina u Maslinjaku",
            "Ilustracija: zeleni brežuljci sa maslinjacima iznad zaliva",
            (200, 230, 245),
            (60, 140, 170),
            (80, 130, 60),
        ),
    ),
    DemoNews(
        slug="sanirana-divlja-deponija",
        title="Sanirana divlja deponija kod ulaza u grad",
        days_ago=230,
        organisations=("komunalno", "komunalna-policija"),
        tags=("životna sredina", "komunalni red"),
        lead="Uklonjeno je više od 40 tona otpada, a na lokaciji su postavljene video-nadzor i table sa upozorenjem.",
        paragraphs=(
            "Za odlaganje otpada na nedozvoljenom mjestu propisana je kazna do 2.000 eura za fizička lica.",
            "Krupni otpad građani mogu besplatno predati u reciklažnom dvorištu, radnim danima i subotom.",
        ),
    ),
    DemoNews(
        slug="javni-poziv-nevladinim-organizacijama",
        title="Javni poziv nevladinim organizacijama za finansiranje projekata",
        days_ago=250,
        organisations=("sekretarijat-za-lokalnu-samoupravu",),
        tags=("javni poziv", "nevladine organizacije"),
        lead=(
            "Za projekte iz oblasti socijalne zaštite, kulture, sporta "
            "i zaštite životne sredine opredijeljeno je 120.000 eura."
        ),
        paragraphs=(
            "Jedna organizacija može prijaviti najviše dva projekta, a najveći iznos po projektu je 8.000 eura.",
            "Komisija za raspodjelu sredstava ocjenjuje projekte prema kriterijumima iz Odluke o kriterijumima "
            "za finansiranje nevladinih organizacija.",
        ),
    ),
    DemoNews(
        slug="program-podrske-poljoprivrednicima",
        title="Usvojen Program podrške poljoprivrednicima i maslinarima",
        days_ago=270,
        organisations=("sekretarijat-za-privredu-i-razvoj",),
        tags=("poljoprivreda", "subvencije", "maslinarstvo"),
        lead="Maslinari mogu dobiti subvenciju do 50 odsto troška sadnica i opreme za navodnjavanje.",
        paragraphs=(
            "Program obuhvata i podršku pčelarima, mladim poljoprivrednicima i proizvođačima na gradskoj pijaci.",
            "Zahtjevi se podnose Sekretarijatu za privredu i razvoj do 30. juna, uz račun i dokaz o "
            "upisu u registar poljoprivrednih gazdinstava.",
        ),
    ),
    DemoNews(
        slug="radio-primorje-50-godina",
        title="Radio Primorje obilježio pedeset godina emitovanja programa",
        days_ago=300,
        organisations=("radio-primorje",),
        tags=("kultura", "jubilej"),
        lead="Svečanom akademijom i izložbom starih snimaka lokalni javni emiter proslavio je jubilej.",
        paragraphs=(
            "Radio Primorje prvi put se oglasio 1976. godine, iz jedne prostorije u zgradi Doma kulture.",
            "Arhiva od više od 3.000 sati snimaka biće digitalizovana i postepeno objavljivana na internetu.",
        ),
    ),
    DemoNews(
        slug="plan-rada-unutrasnje-revizije",
        title="Služba za unutrašnju reviziju predstavila godišnji plan rada",
        days_ago=330,
        organisations=("sluzba-za-unutrasnju-reviziju",),
        tags=("revizija", "planovi"),
        lead="Ove godine biće revidirani postupci javnih nabavki, naplata lokalnih taksi i upravljanje imovinom.",
        paragraphs=(
            "Plan je usklađen sa procjenom rizika i obuhvata šest revizija u organima lokalne uprave i "
            "dvije u javnim preduzećima.",
            "Izvještaji o obavljenim revizijama dostavljaju se predsjedniku Opštine, a sažeci se objavljuju "
            "na portalu.",
        ),
    ),
    DemoNews(
        slug="pocinje-rekonstrukcija-vodovoda-lucica",
        title="Počinje rekonstrukcija vodovodne mreže u Lučici",
        days_ago=355,
        organisations=("vodovod-i-kanalizacija", "mz-lucica", "agencija-za-izgradnju-i-razvoj"),
        tags=("vodovod", "radovi"),
        lead="Zamjena 3,5 kilometara cijevi trebalo bi da okonča česte kvarove i nestašice vode u ljetnjim mjesecima.",
        heading="Izmjene u saobraćaju",
        paragraphs=(
            "Vrijednost radova je 1,2 miliona eura, a sredstva su obezbijeđena iz kredita Evropske "
            "investicione banke i budžeta Opštine. Radovi će trajati osam mjeseci.",
            "Tokom radova obalni put kroz Lučicu biće zatvoren za saobraćaj radnim danima od 7 do 15 "
            "časova. Stanari će o svakom prekidu vodosnabdijevanja biti obaviješteni dan ranije.",
        ),
        illustration=Illustration(
            "Rekonstrukcija vodovoda u Lučici",
            "Ilustracija: sivo nebo nad morem i brdima Lučice",
            (180, 190, 200),
            (70, 100, 130),
            (110, 120, 100),
            sun=False,
        ),
    ),
]


def _png(spec: Illustration, size: tuple[int, int] = (1600, 900)) -> bytes:
    """A landscape in three colours: sky, hills, sea (and a sun)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    width, height = size
    picture = PILImage.new("RGB", size, spec.sky)
    draw = ImageDraw.Draw(picture)
    if spec.sun:
        draw.ellipse((width * 0.68, height * 0.12, width * 0.80, height * 0.33), fill=(250, 215, 90))
    horizon = int(height * 0.62)
    draw.polygon(
        [(0, horizon), (width * 0.18, height * 0.35), (width * 0.42, height * 0.5), (width * 0.6, horizon)],
        fill=spec.hills,
    )
    shade = tuple(max(0, c - 25) for c in spec.hills)
    draw.polygon([(width * 0.45, horizon), (width * 0.75, height * 0.42), (width, horizon)], fill=shade)
    draw.rectangle((0, horizon, width, height), fill=spec.sea)
    light = tuple(min(255, c + 35) for c in spec.sea)
    for row in range(horizon + 30, height, 45):
        draw.line((width * 0.1, row, width * 0.9, row), fill=light, width=3)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _image(spec: Illustration):
    from django.core.files.images import ImageFile
    from django.utils.text import slugify
    from wagtail.images import get_image_model

    from infocentar.core.text import fold

    Image = get_image_model()
    existing = Image.objects.filter(title=spec.title).first()
    if existing is not None:
        return existing, False
    image = Image(
        title=spec.title,
        description=spec.alt,
        file=ImageFile(io.BytesIO(_png(spec)), name=f"{slugify(fold(spec.title))}.png"),
    )
    image.save()
    return image, True


def _ensure_index() -> tuple[NewsIndexPage | None, bool]:
    from infocentar.portal.models import HomePage

    index = NewsIndexPage.objects.order_by("path").first()
    if index is not None:
        return index, False
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return None, False
    index = NewsIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, intro=INDEX_INTRO, show_in_menus=True, live=False)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index, True


def _publish_news(index: NewsIndexPage, spec: DemoNews, today: datetime.date, organisations: dict) -> NewsPage:
    date = today - datetime.timedelta(days=spec.days_ago)
    published = timezone.make_aware(datetime.datetime.combine(date, datetime.time(10, 30)))
    image = None
    if spec.illustration is not None:
        image, _created = _image(spec.illustration)
    page = NewsPage(
        title=spec.title,
        slug=spec.slug,
        date=date,
        lead=spec.lead,
        body=_body(spec),
        image=image,
        image_alt=spec.illustration.alt if spec.illustration else "",
        organisations=[organisations[slug] for slug in spec.organisations if slug in organisations],
        live=False,
        first_published_at=published,
    )
    page.tags.add(*spec.tags)
    index.add_child(instance=page)
    page.save_revision().publish()
    # As if published on its day, not all today.
    NewsPage.objects.filter(pk=page.pk).update(last_published_at=published)
    return page


@transaction.atomic
def seed(stdout, style) -> None:
    """Create the news index and the news items that are missing."""
    index, index_created = _ensure_index()
    if index is None:
        stdout.write("  news: skipped (no home page)")
        return
    existing = set(NewsPage.objects.filter(slug__in=[spec.slug for spec in NEWS]).values_list("slug", flat=True))
    missing = [spec for spec in NEWS if spec.slug not in existing]
    created = 0
    if missing:
        wanted = {slug for spec in missing for slug in spec.organisations}
        organisations = {org.slug: org for org in Organisation.objects.filter(slug__in=wanted)}
        today = timezone.localdate()
        for spec in missing:
            _publish_news(index, spec, today, organisations)
            created += 1
    report(stdout, style, "news index", 1, int(index_created))
    report(stdout, style, "news items", len(NEWS), created)
