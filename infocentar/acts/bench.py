"""Bench data and scenarios of the acts registry (found by bench.scenarios.autodiscover).

`draft_paragraphs(n)` writes the paragraphs of a realistic draft with `n`
articles in chapters; the tests import a DOCX made of it, and
`manage.py acts_import_timing` times that import (the issue's ≤ 3 s target).
"""

from __future__ import annotations

import datetime
import random
from urllib.parse import urlencode

SUBJECTS = (
    "komunalnom redu", "javnim parkiralištima", "lokalnim komunalnim taksama", "prirezu porezu na dohodak",
    "naknadi za komunalno opremanje građevinskog zemljišta", "držanju kućnih ljubimaca",
    "radnom vremenu ugostiteljskih objekata",
    "postavljanju privremenih objekata", "zaštiti od buke", "organizaciji javnog prevoza", "grbu i zastavi opštine",
    "nazivima ulica i trgova", "socijalnoj zaštiti", "stipendiranju studenata", "budžetu opštine",
    "mjesnim zajednicama", "učešću građana u javnim raspravama", "upravljanju otpadom", "zaštiti spomenika kulture",
    "javnoj rasvjeti", "održavanju zelenih površina", "porezu na nepokretnosti", "podsticanju poljoprivrede",
)  # fmt: skip
AREAS = {
    "Komunalne djelatnosti": ["Komunalni red", "Otpad", "Zelene površine"],
    "Finansije": ["Budžet", "Porezi", "Takse"],
    "Prostorno planiranje": ["Urbanizam", "Privremeni objekti"],
    "Društvene djelatnosti": ["Socijalna zaštita", "Obrazovanje", "Kultura"],
    "Lokalna samouprava": ["Organizacija", "Učešće građana", "Simboli"],
    "Saobraćaj": ["Parkiranje", "Javni prevoz"],
}
TYPE_TITLES = {
    "decision": "Odluka o {subject}",
    "budget_decision": "Odluka o budžetu opštine za {year}. godinu",
    "consent_decision": "Odluka o davanju saglasnosti na statut JU {institution}",
    "year_end_accounts": "Odluka o završnom računu budžeta opštine za {prev}. godinu",
    "statute": "Statut opštine",
    "rules_of_procedure": "Poslovnik o radu Skupštine opštine",
    "ruling": "Rješenje o imenovanju komisije za {subject}",
    "conclusion": "Zaključak o utvrđivanju nacrta odluke o {subject}",
    "rulebook": "Pravilnik o unutrašnjoj organizaciji i sistematizaciji",
    "programme": "Program uređenja prostora za {year}. godinu",
    "plan": "Plan upravljanja otpadom {year}–{next}",
    "strategy": "Strategija razvoja opštine {year}–{later}",
    "report": "Izvještaj o radu predsjednika opštine za {prev}. godinu",
    "public_call": "Javni poziv za dodjelu sredstava nevladinim organizacijama za {year}. godinu",
    "correction": "Ispravka Odluke o {subject}",
    "code_of_ethics": "Etički kodeks izabranih predstavnika i funkcionera",
}
TYPE_WEIGHTS = {
    "decision": 40, "ruling": 14, "conclusion": 12, "programme": 5, "plan": 4, "report": 6, "public_call": 5,
    "budget_decision": 2, "year_end_accounts": 2, "consent_decision": 4, "rulebook": 2, "strategy": 1, "correction": 2,
    "statute": 1, "rules_of_procedure": 1, "code_of_ethics": 1,
}  # fmt: skip
INSTITUTIONS = ("Centar za kulturu", "Muzej i galerija", "Turistička organizacija", "Dnevni centar")
CHAPTERS = (
    "OSNOVNE ODREDBE", "POSEBNE ODREDBE", "USLOVI I NAČIN OSTVARIVANJA", "NADLEŽNOST I POSTUPAK",
    "NADZOR", "KAZNENE ODREDBE", "PRELAZNE I ZAVRŠNE ODREDBE",
)  # fmt: skip
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
SENTENCES = (
    "Ovom odlukom uređuju se uslovi i način obavljanja djelatnosti na teritoriji opštine.",
    "Nadležni organ lokalne uprave dužan je da o zahtjevu odluči u roku od 15 dana.",
    "Sredstva za sprovođenje ove odluke obezbjeđuju se u budžetu opštine.",
    "Novčanom kaznom od 100 do 2.000 eura kazniće se za prekršaj pravno lice.",
    "Komunalna policija vrši nadzor nad sprovođenjem ove odluke.",
    "Zahtjev se podnosi na obrascu koji propisuje nadležni sekretarijat.",
    "Građani mogu podnijeti prijedloge i primjedbe nadležnom organu u pisanoj formi.",
    "Ova odluka stupa na snagu osmog dana od dana objavljivanja u Službenom listu Crne Gore – opštinski propisi.",
)


def act_title(act_type: str, rng: random.Random, year: int) -> str:
    return TYPE_TITLES[act_type].format(
        subject=rng.choice(SUBJECTS),
        year=year,
        prev=year - 1,
        next=year + 2,
        later=year + 5,
        institution=rng.choice(INSTITUTIONS),
    )


def article_texts(count: int, rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(chapter, number, heading, text) of `count` articles spread over chapters."""
    chapters = min(len(CHAPTERS), max(1, count // 8))
    per_chapter = max(1, -(-count // chapters))
    out = []
    for index in range(count):
        chapter_index = min(index // per_chapter, chapters - 1)
        chapter = f"{ROMAN[chapter_index]} {CHAPTERS[chapter_index]}"
        heading = (
            rng.choice(("Predmet", "Nadležnost", "Rok", "Zahtjev", "Nadzor", "Kazne", "")) if index % 3 == 0 else ""
        )
        paragraphs = [
            " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 3))
        ]
        out.append((chapter, str(index + 1), heading, "\n\n".join(paragraphs)))
    return out


def draft_paragraphs(count: int, seed: int = 4) -> list[str]:
    """The paragraphs of a Word draft with `count` articles ("Član N"), in chapters, with a preamble."""
    rng = random.Random(seed)
    paragraphs = [
        "Na osnovu člana 38 stav 1 tačka 2 Zakona o lokalnoj samoupravi i člana 52 Statuta opštine,",
        "Skupština opštine, na sjednici održanoj dana 12. marta 2026. godine, donijela je",
        "ODLUKU",
        "o komunalnom redu",
    ]
    chapter = ""
    for chapter_title, number, heading, text in article_texts(count, rng):
        if chapter_title != chapter:
            chapter = chapter_title
            paragraphs.append(chapter)
        if heading:
            paragraphs.append(heading)
        paragraphs.append(f"Član {number}")
        paragraphs.extend(text.split("\n\n"))
    return paragraphs


# --- bench data and scenarios (need the bench package, present in the repository) ----------

try:
    from bench.data import generator
    from bench.scenarios import scenario
except ImportError:  # an installation without the bench package
    generator = scenario = None


def _weighted_types(rng: random.Random, count: int) -> list[str]:
    names = list(TYPE_WEIGHTS)
    return rng.choices(names, weights=[TYPE_WEIGHTS[n] for n in names], k=count)


def generate_acts(count: int, rng: random.Random, *, with_text_every: int = 100) -> int:
    """`count` acts (bulk), every `with_text_every`-th with a version of 20 articles."""
    from infocentar.acts.models import Act, ActStatus, ActVersion, Article, VersionKind
    from infocentar.core.models import Organisation
    from infocentar.core.text import fold_for_index  # noqa: F401  (search_text is computed by the index)

    issuers = list(Organisation.objects.values_list("pk", flat=True)[:40])
    if not issuers:
        return 0
    this_year = datetime.date.today().year
    types = _weighted_types(rng, count)
    statuses = [s for s, _l in ActStatus.choices]
    created = 0
    batch: list[Act] = []

    def flush() -> None:
        nonlocal created
        saved = Act.objects.bulk_create(batch, batch_size=2000)
        created += len(saved)
        versions = []
        for act in saved[::with_text_every]:
            versions.append(ActVersion(act=act, kind=VersionKind.ADOPTED, label="Usvojeni tekst", position=1))
        versions = ActVersion.objects.bulk_create(versions)
        articles = []
        for version in versions:
            for position, (chapter, number, heading, text) in enumerate(article_texts(20, rng), start=1):
                articles.append(
                    Article(
                        version=version, position=position, chapter=chapter, number=number, heading=heading, text=text
                    )
                )
        Article.objects.bulk_create(articles, batch_size=5000)
        batch.clear()

    for index in range(count):
        year = rng.randint(2006, this_year)
        adopted = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        status = rng.choices(statuses, weights=[3, 2, 2, 5, 10, 60, 10, 8])[0]
        area = rng.choice(list(AREAS))
        published = adopted + datetime.timedelta(days=rng.randint(3, 20))
        in_gazette = status in (ActStatus.PUBLISHED, ActStatus.IN_FORCE, ActStatus.AMENDED, ActStatus.REPEALED)
        draft = status in (ActStatus.DRAFT, ActStatus.PUBLIC_DEBATE, ActStatus.PROPOSAL)
        act_type = types[index]
        act = Act(
            type=act_type,
            title=f"{act_title(act_type, rng, year)} ({index + 1})"[:500],
            issuer_id=rng.choice(issuers),
            number=f"{rng.randint(1, 9):02d}-{rng.randint(1, 999):03d}/{year % 100:02d}-{rng.randint(1, 9999)}",
            area=area,
            sub_area=rng.choice(AREAS[area]),
            status=status,
            drafted_on=adopted - datetime.timedelta(days=40) if draft else None,
            adopted_on=None if draft else adopted,
            published_on=published if in_gazette else None,
            gazette_issue=f"{rng.randint(1, 60)}/{year}" if in_gazette else "",
            gazette_date=published if in_gazette else None,
            gazette_registry_number=str(rng.randint(100, 9999)) if in_gazette else "",
            entry_into_force=published + datetime.timedelta(days=8) if in_gazette else None,
            date=adopted if not draft else adopted - datetime.timedelta(days=40),
            is_public=rng.random() < 0.97,
        )
        act.year = act.date.year
        batch.append(act)
        if len(batch) >= 5000:
            flush()
    if batch:
        flush()
    return created


if generator is not None:

    @generator("acts", "Acts of the registry (1 in 100 with a 20-article text)", small=3000, large=100_000)
    def acts(count: int, rng: random.Random) -> int:
        return generate_acts(count, rng)

    def _sample():
        from infocentar.acts.models import Act

        return list(
            Act.objects.public()
            .select_related("issuer")
            .order_by("-date")
            .only("type", "year", "area", "issuer__slug")[:3]
        )

    @scenario("acts_registry", "The registry of acts: pages 1, 2 and 50, a page-cache miss each time")
    def acts_registry() -> list[str]:
        return ["/akti/?v={n}", "/akti/?page=2&v={n}", "/akti/?page=50&v={n}"]

    @scenario("acts_registry_filtered", "The registry of acts filtered by type, issuer, status, year and area")
    def acts_registry_filtered() -> list[str]:
        paths = []
        for act in _sample():
            paths.append(f"/akti/?{urlencode({'type': act.type, 'year': act.year})}&v={{n}}")
            paths.append(f"/akti/?{urlencode({'issuer': act.issuer.slug, 'sort': 'title'})}&v={{n}}")
            paths.append(f"/akti/?{urlencode({'status': 'in_force', 'area': act.area})}&v={{n}}")
        return paths

    @scenario("acts_search", "Search in the registry of acts (folded: without diacritics, Cyrillic)")
    def acts_search() -> list[str]:
        queries = ["odluka o komunalnom redu", "budzet", "парки", "rjesenje komisije", "strategija razvoja"]
        return [f"/akti/?{urlencode({'q': q})}&v={{n}}" for q in queries] + ["/akti/?q=porez&type=decision&v={n}"]

    @scenario("acts_page", "An act's page with a 20-article text, its Akoma Ntoso and its JSON")
    def acts_page() -> list[str]:
        from infocentar.acts.models import ActVersion

        version = ActVersion.objects.filter(act__is_public=True).order_by("-id").first()
        if version is None:
            return []
        act_id = version.act_id
        return [f"/akti/{act_id}/?v={{n}}", f"/akti/{act_id}/akn.xml?v={{n}}", f"/api/v1/acts/{act_id}?v={{n}}"]

    @scenario("acts_api", "The acts API: a page of the registry, filtered", count_queries=True)
    def acts_api() -> list[str]:
        return ["/api/v1/acts?limit=50&v={n}", "/api/v1/acts?type=decision&year=2020&v={n}"]
