"""Demo public debates: at least five in every state, and the debate on the Odluka o komunalnom redu with
more than sixty comments (online and on paper), every one answered, and its report published.

Idempotent: debates are found by title; nothing is made twice.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import AnswerOutcome, Comment, CommentSource, Consultation, ConsultationStatus, Meeting, MeetingKind

BODY = "sekretarijat-za-uredjenje-prostora"
OTHER_BODY = "sekretarijat-za-komunalne-poslove-i-saobracaj"
FLAGSHIP_TITLE = "Javna rasprava o Nacrtu odluke o komunalnom redu"
SEED = 4

TOPICS = [
    ("Odluka o parkiranju", "Saobraćaj", ["Zone parkiranja", "Cijena parkiranja", "Rezervisana mjesta", "Kontrola"]),
    ("Odluka o javnoj rasvjeti", "Komunalne djelatnosti", ["Održavanje", "Ušteda energije", "Noćni režim"]),
    ("Odluka o držanju kućnih ljubimaca", "Komunalne djelatnosti", ["Registracija", "Šetnja", "Napušteni psi"]),
    ("Odluka o postavljanju privremenih objekata", "Uređenje prostora", ["Kiosci", "Terase", "Rokovi"]),
    ("Odluka o naknadi za komunalno opremanje", "Uređenje prostora", ["Visina naknade", "Umanjenja", "Plaćanje"]),
    ("Program razvoja sporta", "Sport", ["Ciljevi", "Sportski objekti", "Finansiranje klubova"]),
    ("Odluka o lokalnim putevima", "Saobraćaj", ["Kategorizacija", "Održavanje", "Zaštita puta"]),
    ("Odluka o zelenim površinama", "Zaštita životne sredine", ["Parkovi", "Sadnja", "Zabrane"]),
    ("Strategija razvoja turizma", "Turizam", ["Vizija", "Ciljevi", "Mjere", "Praćenje"]),
    ("Odluka o mjesnim zajednicama", "Lokalna samouprava", ["Osnivanje", "Savjet mjesne zajednice", "Finansiranje"]),
    ("Odluka o socijalnoj pomoći", "Socijalna zaštita", ["Korisnici", "Vrste pomoći", "Postupak"]),
    ("Plan upravljanja otpadom", "Zaštita životne sredine", ["Stanje", "Reciklaža", "Odlagalište"]),
    ("Odluka o radnom vremenu ugostiteljskih objekata", "Privreda", ["Ljetnji režim", "Muzika", "Nadzor"]),
    ("Odluka o grbu i zastavi", "Lokalna samouprava", ["Izgled grba", "Upotreba", "Zaštita"]),
    ("Odluka o stipendijama", "Obrazovanje", ["Uslovi", "Iznos", "Obaveze stipendista"]),
    ("Program obilježavanja jubileja", "Kultura", ["Manifestacije", "Budžet"]),
    ("Odluka o javnim česmama", "Komunalne djelatnosti", ["Održavanje", "Kvalitet vode"]),
    ("Odluka o taksi prevozu", "Saobraćaj", ["Dozvole", "Stajališta", "Cijene"]),
    ("Odluka o pijacama", "Privreda", ["Zakup tezgi", "Higijena", "Radno vrijeme"]),
]

COMMENT_TEXTS = [
    "Predlažem da se rok produži na 30 dana, jer građani nijesu stigli da se informišu.",
    "Nije jasno ko vrši nadzor nad primjenom ovog člana.",
    "Kazne su previsoke za penzionere i socijalno ugrožene.",
    "Treba predvidjeti posebna pravila za stari grad.",
    "Podržavam predlog, ali tražim da se uvede prelazni period.",
    "Potrebno je uskladiti ovaj član sa Zakonom o komunalnim djelatnostima.",
    "Predlažem da mjesne zajednice učestvuju u odlučivanju.",
    "Тражим да се овај члан брише јер је непримјењив у пракси.",
    "Molim da se definiše pojam javne površine preciznije.",
    "Pohvaljujem nacrt, posebno dio o zelenim površinama.",
    "Treba uvesti obavezu održavanja prostora ispred poslovnih objekata.",
    "Predlog: kontejneri za reciklažu u svakoj ulici.",
]
REASONINGS = {
    AnswerOutcome.ACCEPTED: "Primjedba je prihvaćena i tekst je izmijenjen u prijedlogu odluke.",
    AnswerOutcome.PARTLY_ACCEPTED: "Primjedba je djelimično prihvaćena: rok je produžen, ali ne na traženih 30 dana.",
    AnswerOutcome.NOT_ACCEPTED: "Primjedba nije prihvaćena jer nije u skladu sa zakonom koji uređuje ovu oblast.",
    AnswerOutcome.NOTED: "Primjedba je primljena k znanju i biće razmotrena pri izradi podzakonskih akata.",
}
NAMES = [
    ("Milena", "Radović"), ("Nikola", "Vuković"), ("Jelena", "Popović"), ("Stefan", "Marković"),
    ("Dragana", "Šćepanović"), ("Luka", "Đukanović"), ("Ivana", "Bulatović"), ("Vuk", "Kažić"),
    ("Sanja", "Lakić"), ("Petar", "Ćetković"), ("Marija", "Vujošević"), ("Andrija", "Raičević"),
]  # fmt: skip
PAPER_SENDERS = [
    "MZ Centar", "Udruženje penzionera", "NVO Zeleni grad", "Privredna komora – regionalna jedinica",
    "Stanari zgrade u Ulici Slobode 12", "Branko Perović", "Zorica Knežević", "Udruženje ugostitelja",
]  # fmt: skip


def _citizens() -> list:
    """Demo citizens with verified e-mail addresses (no password: they exist to have commented)."""
    from allauth.account.models import EmailAddress

    User = get_user_model()
    users = []
    for index, (first, last) in enumerate(NAMES, start=1):
        username = f"demo-gradjanin-{index}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last, email=f"{username}@primjer.me")
            user.set_unusable_password()
            user.date_joined = timezone.now() - datetime.timedelta(days=400)
            user.save()
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        users.append(user)
    return users


def _act(issuer, title: str, area: str, headings: list[str], rng: random.Random):
    from infocentar.acts import services as act_services
    from infocentar.acts.models import Act, ActStatus, ActType, VersionKind

    act = Act.objects.filter(title=f"Nacrt: {title}").first()
    if act is not None:
        return act.versions.order_by("position").first()
    act = act_services.save_act(
        Act(
            type=ActType.DECISION if title.startswith("Odluka") else ActType.PROGRAMME,
            title=f"Nacrt: {title}",
            issuer=issuer,
            area=area,
            status=ActStatus.DRAFT,
            drafted_on=timezone.localdate() - datetime.timedelta(days=60),
            summary=f"{title}: nacrt pripremljen za javnu raspravu.",
        ),
        source="demo",
    )
    articles = [
        act_services.ArticleData(
            number=str(number),
            heading=heading,
            text=f"{heading}: ovim članom uređuju se prava i obaveze građana i organa Opštine. "
            f"Organ lokalne uprave nadležan za {area.lower()} stara se o sprovođenju ovog člana.\n\n"
            f"Bliža pravila propisuje nadležni sekretarijat u roku od {rng.choice([30, 60, 90])} dana.",
            chapter="I OSNOVNE ODREDBE" if number == 1 else "",
        )
        for number, heading in enumerate([*headings, "Stupanje na snagu"], start=1)
    ]
    return act_services.create_version(
        act, label="Nacrt za javnu raspravu", kind=VersionKind.DRAFT, articles=articles, source_name="demo"
    )


def _debate(version, body, title: str, status: str, start, days: int = 15, moderation: str = "pre"):
    from . import services

    existing = Consultation.objects.filter(title=title).first()
    if existing is not None:
        return existing, False
    consultation = Consultation(
        act_version=version,
        organisation=body,
        title=title,
        summary=f"Pozivamo građane, udruženja i privredu da daju primjedbe na {version.act.title.lower()}.",
        decision=f"Zaključak predsjednika Opštine br. 01-016/{start:%y}-{start.day}{start.month}",
        public_call="Javni poziv građanima, stručnoj javnosti, udruženjima i drugim zainteresovanim subjektima "
        "da se uključe u javnu raspravu i daju primjedbe, predloge i sugestije na nacrt.",
        how_to_participate="Komentarišite na ovoj stranici (nalog sa potvrđenom e-adresom), pošaljite primjedbe "
        "poštom ili e-poštom ili ih predajte na pisarnici Opštine, radnim danima od 8 do 14 časova.",
        contact="Sekretarijat, kancelarija 12, tel. 033 123 456, rasprave@primjer.me",
        announced_in="na portalu Opštine, na oglasnoj tabli i u lokalnim medijima (Radio Primorje)",
        starts_at=start,
        ends_at=start + datetime.timedelta(days=days),
        meeting_at=start + datetime.timedelta(days=7, hours=6),
        meeting_place="Velika sala Opštine, Njegoševa 1",
        moderation=moderation,
    )
    services.save_consultation(consultation)
    if status != ConsultationStatus.PLANNED:
        Consultation.objects.filter(pk=consultation.pk).update(status=ConsultationStatus.OPEN, opened_at=start)
        consultation.refresh_from_db()
    return consultation, True


def _comments(consultation, count: int, rng: random.Random, citizens: list, moderator) -> None:
    from . import services

    articles = list(consultation.act_version.articles.order_by("position"))
    for index in range(count):
        text = f"{rng.choice(COMMENT_TEXTS)} ({index + 1})"
        article = rng.choice(articles) if rng.random() < 0.8 else None
        received = timezone.localdate(consultation.starts_at) + datetime.timedelta(days=rng.randint(0, 13))
        received = min(received, timezone.localdate())
        if index % 3 == 2:
            services.enter_comment(
                consultation,
                moderator,
                text=text,
                author_name=rng.choice(PAPER_SENDERS),
                source=rng.choice([CommentSource.PAPER, CommentSource.POST, CommentSource.FRONT_OFFICE, "email"]),
                received_on=received,
                article_id=article.pk if article else None,
                quote=article.text.split(".")[0] if article and rng.random() < 0.3 else "",
            )
        else:
            user = citizens[index % len(citizens)]
            Comment.objects.create(
                consultation=consultation,
                article=article,
                text=text,
                author=user,
                author_name=f"{user.first_name} {user.last_name}",
                author_email=user.email,
                source=CommentSource.ONLINE,
                received_on=received,
                status="published" if index % 11 else "pending",
                text_digest=services.digest(str(article.pk if article else ""), text),
            )
    one = consultation.comments.filter(source=CommentSource.ONLINE).order_by("pk").last()
    if one is not None and count >= 10:
        services.moderate(one, moderator, services.HIDE, "Komentar sadrži uvrede i nije u vezi sa nacrtom.")


def _answer_all(consultation, rng: random.Random, moderator) -> None:
    from . import services

    outcomes = list(REASONINGS)
    for comment in consultation.comments.exclude(status="hidden").filter(answer__isnull=True):
        outcome = rng.choice(outcomes)
        services.answer(comment, moderator, outcome=outcome, reasoning=REASONINGS[outcome])


def _close_and_report(consultation, rng, moderator, publish: bool) -> None:
    from . import services

    if consultation.status == ConsultationStatus.OPEN:
        services.close_consultation(consultation, by=moderator, force=True, now=consultation.ends_at)
    Meeting.objects.get_or_create(
        consultation=consultation,
        kind=MeetingKind.CENTRAL,
        defaults={
            "held_at": consultation.meeting_at or consultation.starts_at,
            "place": consultation.meeting_place or "Velika sala Opštine",
            "participants": rng.randint(12, 60),
            "summary": "Predstavljen je nacrt; građani su postavljali pitanja o rokovima i kaznama.",
        },
    )
    if publish:
        report = services.draft_report(consultation, by=moderator, overwrite=True)
        report.signed_by = "Sekretar sekretarijata"
        report.save()
        services.publish_report(report, by=moderator)


def _flagship(body, rng, citizens, moderator) -> bool:
    from infocentar.acts.demo import FLAGSHIP_NUMBER
    from infocentar.acts.models import Act, VersionKind

    act = Act.objects.filter(number=FLAGSHIP_NUMBER).first()
    if act is None or Consultation.objects.filter(title=FLAGSHIP_TITLE).exists():
        return False
    version = act.versions.filter(kind=VersionKind.DRAFT).order_by("position").first()
    if version is None:
        return False
    start = timezone.make_aware(datetime.datetime.combine(act.debate_started_on or act.date, datetime.time(8)))
    consultation, _created = _debate(version, body, FLAGSHIP_TITLE, ConsultationStatus.OPEN, start)
    # The act's own history already records the debate (acts demo); only the debate's record opens here.
    _comments(consultation, 66, rng, citizens, moderator)
    _answer_all(consultation, rng, moderator)
    _close_and_report(consultation, rng, moderator, publish=True)
    return True


@transaction.atomic
def seed(stdout, style) -> None:
    from infocentar.core.models import Membership, Organisation, Role

    body = Organisation.objects.filter(slug=BODY).first()
    if body is None:
        stdout.write("  consultations: no demo organisations, skipped")
        return
    other = Organisation.objects.filter(slug=OTHER_BODY).first() or body
    rng = random.Random(SEED)
    citizens = _citizens()
    membership = Membership.objects.filter(organisation=body, role=Role.MODERATOR).select_related("user").first()
    moderator = membership.user if membership else None
    made = int(_flagship(body, rng, citizens, moderator))
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    plan = (
        [(ConsultationStatus.PLANNED, now + datetime.timedelta(days=3 + 4 * i)) for i in range(5)]
        + [(ConsultationStatus.OPEN, now - datetime.timedelta(days=2 + 2 * i)) for i in range(5)]
        + [(ConsultationStatus.CLOSED, now - datetime.timedelta(days=18 + 3 * i)) for i in range(5)]
        + [(ConsultationStatus.REPORT_PUBLISHED, now - datetime.timedelta(days=60 + 30 * i)) for i in range(4)]
    )
    for index, ((status, start), (title, area, headings)) in enumerate(zip(plan, TOPICS, strict=False)):
        conducting = other if index % 4 == 3 else body
        version = _act(conducting, title, area, headings, rng)
        consultation, created = _debate(
            version,
            conducting,
            f"Javna rasprava: {title}",
            status,
            start,
            moderation="post" if index % 2 else "pre",
        )
        if not created:
            continue
        made += 1
        if status == ConsultationStatus.PLANNED:
            continue
        from infocentar.acts import services as act_services
        from infocentar.acts.models import ActStatus

        act_services.set_status(version.act, ActStatus.PUBLIC_DEBATE, on=timezone.localdate(start))
        _comments(consultation, rng.randint(4, 14), rng, citizens, moderator)
        if status in (ConsultationStatus.CLOSED, ConsultationStatus.REPORT_PUBLISHED):
            if status == ConsultationStatus.REPORT_PUBLISHED or index % 2:
                _answer_all(consultation, rng, moderator)
            _close_and_report(consultation, rng, moderator, publish=status == ConsultationStatus.REPORT_PUBLISHED)
    counts = {s: Consultation.objects.filter(status=s).count() for s in ConsultationStatus.values}
    stdout.write(f"  consultations: {made} debates made; by state {counts}")
