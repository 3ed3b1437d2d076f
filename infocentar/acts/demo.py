"""Demo data of the acts registry: 240 acts of Opština Primorje over ten years, with gazette data.

Every 10th act has a structured text (chapters and articles); "Odluka o
komunalnom redu" has three versions (draft, proposal, adopted text) that
differ, so the comparison shows insertions and deletions; some acts amend or
repeal others; one has its gazette PDF attached. Acts are keyed by their
number, created only when missing: a second run writes nothing, and staff's
changes survive.
"""

from __future__ import annotations

import datetime
import logging
import random

from django.db import transaction

from infocentar.core.demo import report
from infocentar.core.models import Organisation

from . import services
from .bench import AREAS, TYPE_WEIGHTS, act_title, article_texts
from .models import Act, ActStatus, ActType, RelationKind, VersionKind
from .services import ArticleData

logger = logging.getLogger(__name__)

COUNT = 240
SOURCE = "seed_demo"
SEED = 2026
ASSEMBLY = "skupstina-opstine"
MAYOR = "predsjednik-opstine"
PREPARERS = (
    "sekretarijat-za-finansije",
    "sekretarijat-za-uredjenje-prostora",
    "sekretarijat-za-lokalnu-samoupravu",
    "sekretarijat-za-komunalne-poslove-i-saobracaj",
    "sekretarijat-za-drustvene-djelatnosti",
)
MAYOR_TYPES = {ActType.RULING, ActType.CONCLUSION, ActType.RULEBOOK, ActType.PUBLIC_CALL, ActType.REPORT}
FLAGSHIP_NUMBER = "02-016/26-101"

_DRAFT = [
    ArticleData(
        "1",
        "Predmet",
        "Ovom odlukom uređuju se komunalni red i uslovi korišćenja javnih površina.",
        "I OSNOVNE ODREDBE",
    ),
    ArticleData(
        "2",
        "Pojmovi",
        "Javne površine su ulice, trgovi, parkovi i zelene površine.\n\n"
        "Komunalni objekti su objekti u javnoj upotrebi.",
        "I OSNOVNE ODREDBE",
    ),
    ArticleData("3", "Održavanje", "Vlasnici objekata dužni su da održavaju fasade i izloge.", "II KOMUNALNI RED"),
    ArticleData("4", "Otpad", "Zabranjeno je odlaganje otpada van posuda za otpad.", "II KOMUNALNI RED"),
    ArticleData("5", "Nadzor", "Nadzor nad sprovođenjem ove odluke vrši komunalna policija.", "III NADZOR"),
    ArticleData("6", "Kazne", "Novčanom kaznom od 100 do 1.000 eura kazniće se za prekršaj pravno lice.", "III NADZOR"),
    ArticleData("7", "", "Ova odluka stupa na snagu osmog dana od dana objavljivanja.", "IV ZAVRŠNE ODREDBE"),
]
_PROPOSAL = [
    _DRAFT[0],
    ArticleData(
        "2",
        "Pojmovi",
        "Javne površine su ulice, trgovi, parkovi, plaže i zelene površine.\n\n"
        "Komunalni objekti su objekti u javnoj upotrebi.",
        "I OSNOVNE ODREDBE",
    ),
    ArticleData(
        "3",
        "Održavanje",
        "Vlasnici i korisnici objekata dužni su da održavaju fasade, izloge i ograde.",
        "II KOMUNALNI RED",
    ),
    ArticleData("3a", "Buka", "Zabranjeno je stvarati buku od 23 do 6 časova.", "II KOMUNALNI RED"),
    _DRAFT[3],
    _DRAFT[4],
    ArticleData("6", "Kazne", "Novčanom kaznom od 150 do 2.000 eura kazniće se za prekršaj pravno lice.", "III NADZOR"),
    _DRAFT[6],
]
_ADOPTED = [
    *_PROPOSAL[:5],
    ArticleData(
        "5",
        "Nadzor",
        "Nadzor nad sprovođenjem ove odluke vrši komunalna policija.\n\n"
        "Komunalni policajac može izreći mjeru iz člana 6 ove odluke na licu mjesta.",
        "III NADZOR",
    ),
    *_PROPOSAL[6:],
]


def _organisations() -> dict[str, Organisation]:
    slugs = {ASSEMBLY, MAYOR, *PREPARERS}
    return {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}


def _spec(index: int, rng: random.Random, this_year: int) -> dict:
    names = list(TYPE_WEIGHTS)
    act_type = rng.choices(names, weights=[TYPE_WEIGHTS[n] for n in names])[0]
    year = this_year - 9 + index * 10 // COUNT
    adopted = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    area = rng.choice(list(AREAS))
    recent = year >= this_year - 1
    status = ActStatus.IN_FORCE
    if recent and index % 9 == 0:
        status = rng.choice([ActStatus.DRAFT, ActStatus.PUBLIC_DEBATE, ActStatus.PROPOSAL])
    elif index % 17 == 0:
        status = ActStatus.REPEALED
    elif index % 13 == 0:
        status = ActStatus.AMENDED
    return {
        "type": act_type,
        "year": year,
        "adopted": adopted,
        "area": area,
        "sub_area": rng.choice(AREAS[area]),
        "status": status,
        "title": act_title(act_type, rng, year),
        "number": f"02-016/{year % 100:02d}-{index + 1:03d}",
        "gazette_issue": f"{rng.randint(1, 60)}/{year}",
        "gazette_registry_number": f"{rng.randint(100, 999)}",
        "published_after": rng.randint(4, 20),
        "preparer": rng.choice(PREPARERS),
    }


def _act_for(spec: dict, orgs: dict[str, Organisation]) -> Act:
    issuer = orgs[MAYOR] if spec["type"] in MAYOR_TYPES and MAYOR in orgs else orgs[ASSEMBLY]
    draft = spec["status"] in (ActStatus.DRAFT, ActStatus.PUBLIC_DEBATE, ActStatus.PROPOSAL)
    published = spec["adopted"] + datetime.timedelta(days=spec["published_after"])
    act = Act(
        type=spec["type"],
        title=spec["title"],
        issuer=issuer,
        prepared_by=orgs.get(spec["preparer"]),
        number=spec["number"],
        area=spec["area"],
        sub_area=spec["sub_area"],
        status=spec["status"],
        summary="",
    )
    if draft:
        act.drafted_on = spec["adopted"]
        if spec["status"] != ActStatus.DRAFT:
            act.debate_started_on = spec["adopted"] + datetime.timedelta(days=7)
        if spec["status"] == ActStatus.PROPOSAL:
            act.proposed_on = spec["adopted"] + datetime.timedelta(days=30)
    else:
        act.adopted_on = spec["adopted"]
        act.gazette_issue = spec["gazette_issue"]
        act.gazette_date = published
        act.published_on = published
        act.gazette_registry_number = spec["gazette_registry_number"]
        if spec["status"] == ActStatus.AMENDED:
            act.amended_on = published + datetime.timedelta(days=200)
        if spec["status"] == ActStatus.REPEALED:
            act.repealed_on = published + datetime.timedelta(days=400)
    return act


def _flagship(orgs: dict[str, Organisation], this_year: int) -> tuple[Act | None, bool]:
    """Odluka o komunalnom redu: three versions, adopted and published, attached gazette PDF."""
    existing = Act.objects.filter(number=FLAGSHIP_NUMBER).first()
    if existing is not None:
        return existing, False
    year = this_year
    act = services.save_act(
        Act(
            type=ActType.DECISION,
            title="Odluka o komunalnom redu",
            issuer=orgs[ASSEMBLY],
            prepared_by=orgs.get("sekretarijat-za-komunalne-poslove-i-saobracaj"),
            number=FLAGSHIP_NUMBER,
            area="Komunalne djelatnosti",
            sub_area="Komunalni red",
            status=ActStatus.DRAFT,
            drafted_on=datetime.date(year, 1, 15),
            summary="Uređuje komunalni red, održavanje javnih površina, buku, nadzor i kazne.",
        ),
        source=SOURCE,
    )
    preamble = (
        "Na osnovu člana 38 stav 1 tačka 2 Zakona o lokalnoj samoupravi i člana 52 Statuta Opštine Primorje, "
        "Skupština Opštine Primorje donijela je"
    )
    services.create_version(
        act, label="Nacrt za javnu raspravu", kind=VersionKind.DRAFT, articles=_DRAFT, preamble=preamble
    )
    services.set_status(act, ActStatus.PUBLIC_DEBATE, on=datetime.date(year, 1, 20))
    services.create_version(act, label="Prijedlog", kind=VersionKind.PROPOSAL, articles=_PROPOSAL, preamble=preamble)
    services.set_status(act, ActStatus.PROPOSAL, on=datetime.date(year, 2, 20))
    services.create_version(act, label="Usvojeni tekst", kind=VersionKind.ADOPTED, articles=_ADOPTED, preamble=preamble)
    services.set_status(act, ActStatus.ADOPTED, on=datetime.date(year, 3, 12))
    services.publish_in_gazette(act, issue=f"14/{year}", on=datetime.date(year, 3, 20), registry_number="412")
    try:
        from infocentar.documents import services as document_services
        from infocentar.documents.pdf import build_pdf

        pdf = build_pdf(
            f"Službeni list Crne Gore – opštinski propisi, br. 14/{year}",
            ["Odluka o komunalnom redu", *(f"Član {a.number}. {a.text}" for a in _ADOPTED)],
        )
        document = document_services.store_file(f"Službeni list 14/{year} – Odluka o komunalnom redu", "sl-14.pdf", pdf)
        services.attach(
            act, title=f"Službeni list Crne Gore – opštinski propisi, br. 14/{year} (PDF)", document=document
        )
    except Exception:  # the PDF is a nicety; the act stands without it
        logger.exception("acts demo: the gazette PDF could not be attached")
    return act, True


@transaction.atomic
def seed(stdout, style) -> None:
    orgs = _organisations()
    if ASSEMBLY not in orgs:
        stdout.write("  acts: no Assembly in the demo organisations, skipped")
        return
    this_year = datetime.date.today().year
    rng = random.Random(SEED)
    specs = [_spec(index, rng, this_year) for index in range(COUNT)]
    existing = set(Act.objects.filter(number__in=[s["number"] for s in specs]).values_list("number", flat=True))
    created = 0
    made: list[Act] = []
    for index, spec in enumerate(specs):
        if spec["number"] in existing:
            continue
        act = services.save_act(_act_for(spec, orgs), source=SOURCE)
        made.append(act)
        created += 1
        if index % 10 == 0:  # a structured text for every 10th act
            articles = [ArticleData(n, h, t, c) for c, n, h, t in article_texts(rng.randint(6, 24), rng)]
            kind = (
                VersionKind.DRAFT if act.status in (ActStatus.DRAFT, ActStatus.PUBLIC_DEBATE) else VersionKind.ADOPTED
            )
            services.create_version(
                act, label="Nacrt" if kind == VersionKind.DRAFT else "Usvojeni tekst", kind=kind, articles=articles
            )
    # Amendments and repeals between the acts just made (only on the first run).
    amended = [a for a in made if a.status == ActStatus.AMENDED]
    repealed = [a for a in made if a.status == ActStatus.REPEALED]
    later = [a for a in made if a.status == ActStatus.IN_FORCE]
    for target in amended + repealed:
        source = next(
            (a for a in later if a.date and target.date and a.date > target.date and a.issuer_id == target.issuer_id),
            None,
        )
        if source is None:
            continue
        kind = RelationKind.AMENDS if target in amended else RelationKind.REPEALS
        services.relate(source, kind, target)
    _flagship_act, flagship_created = _flagship(orgs, this_year)
    report(stdout, style, "acts", COUNT + 1, created + int(flagship_created))
