"""Montenegrin-looking text for bench data: titles, sentences, names, places.

Not literature: plausible municipal vocabulary with the letters (č, ć, đ,
š, ž) and digraphs (lj, nj, dž) that exercise folding, search and
transliteration the way real content does. Deterministic for a given
random.Random.
"""

from __future__ import annotations

import random

PLACES = (
    "Tološi", "Zagorič", "Donja Gorica", "Gornja Gorica", "Stari Aerodrom", "Konik", "Masline", "Zabjelo",
    "Drač", "Ljubović", "Momišići", "Pobrežje", "Rogami", "Kruševac", "Dahna", "Vranići", "Doljani",
    "Lješkopolje", "Mahala", "Farmaci", "Cijevna", "Golubovci", "Ponari", "Srpska", "Stanjevića Rupa",
    "Bioče", "Lutovo", "Bratonožići", "Medun", "Kuči", "Piperi", "Rijeka Crnojevića", "Njeguši",
    "Čevo", "Ćeklići", "Đurđevića Tara", "Šavnik", "Žabljak", "Plužine", "Kolašin", "Mojkovac",
    "Lijeva Rijeka", "Velje Brdo", "Smokovac", "Vučji Do", "Dinoša", "Kokoti", "Mataguži", "Vukovci",
    "Balabani", "Berislavci", "Gošići", "Sadine", "Ubli", "Orahovo", "Brskut", "Veruša", "Opasanica",
    "Radovče", "Liješnje", "Fundina", "Dučići", "Ljevorečani", "Nikšićka", "Crnci", "Zlatica",
)  # fmt: skip

FIRST_NAMES = (
    "Marko", "Ana", "Milica", "Nikola", "Jelena", "Stefan", "Ivana", "Dragana", "Vuk", "Sanja", "Đorđe",
    "Ljiljana", "Njegoš", "Bojana", "Luka", "Maja", "Petar", "Tamara", "Danilo", "Sofija", "Željko",
    "Snežana", "Radovan", "Jovana", "Čedomir", "Milena", "Šćepan", "Vesna", "Goran", "Biljana",
)  # fmt: skip
LAST_NAMES = (
    "Petrović", "Vuković", "Đurović", "Radulović", "Bojović", "Perović", "Šćepanović", "Čađenović",
    "Popović", "Drašković", "Njegušević", "Ljumović", "Vujošević", "Radonjić", "Mijušković", "Kaluđerović",
    "Ivanović", "Knežević", "Lakić", "Božović", "Mugoša", "Jovanović", "Marković", "Rakočević", "Džaković",
)  # fmt: skip

AREAS = (
    "finansije", "privredu", "kulturu i sport", "uređenje prostora", "komunalne poslove i saobraćaj",
    "socijalno staranje", "lokalnu samoupravu", "poljoprivredu i ruralni razvoj", "zaštitu životne sredine",
    "investicije", "turizam", "mlade", "obrazovanje", "zdravstvenu zaštitu", "imovinu",
    "inspekcijske poslove",
    "saradnju sa nevladinim organizacijama", "rodnu ravnopravnost", "zaštitu i spašavanje", "informisanje",
)  # fmt: skip

SUBJECTS = (
    "budžetu opštine", "javnom osvjetljenju", "održavanju lokalnih puteva", "dodjeli stipendija studentima",
    "subvencijama za poljoprivrednike", "naknadi za komunalno opremanje", "lokalnim komunalnim taksama",
    "prirezu porezu na dohodak", "uređenju zelenih površina", "radu mjesnih zajednica",
    "podršci nevladinim organizacijama", "zaštiti od buke", "kućnom redu u stambenim zgradama",
    "javnim parkiralištima", "odvozu otpada", "vodosnabdijevanju seoskih naselja", "socijalnoj pomoći",
    "programu rada skupštine", "lokalnom akcionom planu za mlade", "energetskoj efikasnosti",
    "rekonstrukciji Njegoševe ulice", "izgradnji dječjeg igrališta", "sanaciji divljih deponija",
    "konkursu za kulturne manifestacije", "prevozu učenika", "zaštiti životinja",
    "dodjeli poslovnih prostora",
)  # fmt: skip

TITLE_TEMPLATES = (
    "Odluka o {subject}",
    "Javni poziv: {subject}",
    "Informacija o {subject}",
    "Izvještaj o {subject} za {year}. godinu",
    "Program o {subject} ({year})",
    "Obavještenje građanima o {subject}",
    "Opština i građani: razgovor o {subject}",
    "Mjesna zajednica {place}: {subject}",
    "Pitanja i odgovori o {subject}",
    "Plan za {area} u {year}. godini",
)

SENTENCES = (
    "Opština {place} poziva građane da se uključe u javnu raspravu o {subject}.",
    "Sekretarijat za {area} pripremio je nacrt odluke, dostupan na oglasnoj tabli i na portalu opštine.",
    "Primjedbe, predlozi i sugestije dostavljaju se pisanim putem ili elektronskom poštom u roku od 20 dana.",
    "Skupština opštine razmatraće izvještaj na sjednici zakazanoj za {day}. {month} {year}. godine.",
    "Predsjednik opštine {person} istakao je da je {subject} prioritet lokalne samouprave.",
    "Radovi u naselju {place} počinju narednog mjeseca i trajaće najduže šest mjeseci.",
    "Građani mogu dobiti sve potrebne informacije u uslužnom centru, radnim danima od 8 do 15 časova.",
    "Vrijednost projekta je {amount} eura, a sredstva su obezbijeđena iz budžeta opštine za {year}. godinu.",
    "Zahtjevi se podnose na propisanom obrascu, uz dokaz o prebivalištu i kopiju lične karte.",
    "Komisija će rang listu objaviti u roku od 15 dana od dana zatvaranja poziva.",
    "Mještani {place} izrazili su zadovoljstvo saradnjom sa službama opštine.",
    "Opštinska uprava nastavlja sa digitalizacijom usluga, kako bi građani što manje čekali na šalteru.",
    "Za dodatna pojašnjenja zainteresovani se mogu obratiti službeniku za informisanje, {person}.",
    "Javna rasprava o {subject} održaće se u sali Skupštine opštine, sa početkom u 12 časova.",
    "Sredstva za {area} povećana su u odnosu na prethodnu godinu, što će omogućiti nove investicije.",
    "Prema podacima Uprave lokalnih javnih prihoda, naplata je bolja nego prošle godine.",
    "Ljetnja sezona donosi pojačan rad komunalne policije i inspekcijskih službi.",
    "Dječji vrtić u naselju {place} dobiće novo dvorište i igralište do početka školske godine.",
    "Njegoševa ulica biće zatvorena za saobraćaj tokom izvođenja radova na vodovodnoj mreži.",
    "Opština je potpisala sporazum o saradnji sa udruženjima koja se bave pravima osoba sa invaliditetom.",
)  # fmt: skip

MONTHS = (
    "januara", "februara", "marta", "aprila", "maja", "juna", "jula", "avgusta", "septembra", "oktobra",
    "novembra", "decembra",
)  # fmt: skip

HEADINGS = (
    "Ko može podnijeti zahtjev", "Potrebna dokumentacija", "Rokovi", "Kontakt", "Kako se prijaviti",
    "Opšte informacije", "Pravni osnov", "Finansiranje", "Dalji koraci", "Česta pitanja",
)  # fmt: skip


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _values(rng: random.Random) -> dict[str, str]:
    return {
        "place": rng.choice(PLACES),
        "subject": rng.choice(SUBJECTS),
        "area": rng.choice(AREAS),
        "person": person(rng),
        "year": str(rng.randint(2019, 2026)),
        "day": str(rng.randint(1, 28)),
        "month": rng.choice(MONTHS),
        "amount": f"{rng.randint(5, 900) * 1000:,}".replace(",", "."),
    }


def title(rng: random.Random) -> str:
    text = rng.choice(TITLE_TEMPLATES).format(**_values(rng))
    return text[0].upper() + text[1:]


def sentence(rng: random.Random) -> str:
    return rng.choice(SENTENCES).format(**_values(rng))


def paragraph(rng: random.Random, sentences: tuple[int, int] = (2, 5)) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def heading(rng: random.Random) -> str:
    return rng.choice(HEADINGS)
