"""Bench data: a registry of generators, each with a size per scale.

A generator is a function `(count, rng) -> created` that adds about `count`
records with bulk operations and returns how many it made. Generators run
in registration order, after `seed_demo` (when the project has it) and after
the home page exists. Each gets its own `random.Random`, seeded from the
generator's name, so one generator's output does not change when another is
added. Later apps add theirs (in `bench/data.py` or their own
`infocentar/<app>/bench.py`, see docs/benchmarks.md):

    from bench.data import generator

    @generator("news_pages", "News pages under the news index", small=300, large=20_000)
    def news_pages(count, rng):
        ...
        return created

Everything here runs with Django set up against the bench database.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bench import text

SCALES = ("small", "large")
SEED = 2026
# Bump when the generated data changes shape, so `--keep-db` rebuilds it.
DATA_VERSION = 2


@dataclass(frozen=True)
class DataGenerator:
    """Records of one kind, `sizes[scale]` of them."""

    name: str
    description: str
    sizes: Mapping[str, int]
    func: Callable[[int, random.Random], int]

    def size(self, scale: str) -> int:
        return self.sizes[scale]


_registry: dict[str, DataGenerator] = {}


def generator(name: str, description: str, **sizes: int):
    """Decorator: register a generator with a size for every scale (small=..., large=...)."""
    missing = [scale for scale in SCALES if scale not in sizes]
    extra = [scale for scale in sizes if scale not in SCALES]
    if missing or extra:
        raise ValueError(f"generator {name!r} needs exactly the sizes {', '.join(SCALES)}")

    def decorator(func: Callable[[int, random.Random], int]) -> Callable[[int, random.Random], int]:
        if name in _registry:
            raise ValueError(f"a data generator called {name!r} is already registered")
        _registry[name] = DataGenerator(name, description, dict(sizes), func)
        return func

    return decorator


def generators() -> list[DataGenerator]:
    return list(_registry.values())


def fingerprint(scale: str) -> dict:
    """What identifies a generated data set (kept in the database with `--keep-db`)."""
    return {
        "scale": scale,
        "data_version": DATA_VERSION,
        "generators": {g.name: g.size(scale) for g in generators()},
    }


def generate(scale: str, log: Callable[[str], None] = print) -> dict[str, dict]:
    """Run every generator at `scale`; per generator: requested, created, seconds."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}, not {scale!r}")
    report = {}
    for item in generators():
        count = item.size(scale)
        started = time.perf_counter()
        created = item.func(count, random.Random(f"{SEED}-{item.name}"))
        seconds = time.perf_counter() - started
        report[item.name] = {"requested": count, "created": created, "seconds": round(seconds, 2)}
        log(f"  {item.name}: {created} in {seconds:.1f} s")
    return report


# --- the site itself ------------------------------------------------------------


def ensure_home_page():
    """The default site's root is the municipality's HomePage (as seed_demo and tests/conftest.py make it)."""
    from wagtail.models import Page, Site

    from infocentar.portal.models import HomePage, MunicipalitySettings

    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        for child in root.get_children():
            Site.objects.filter(root_page=child).delete()
            child.delete()
        home = root.add_child(
            instance=HomePage(
                title="Opština Primjer",
                slug="pocetna",
                intro="Dobro došli na portal Opštine Primjer: odluke, pozivi, vijesti i usluge za građane.",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Opština Primjer"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    settings_obj = MunicipalitySettings.for_site(site)
    if not settings_obj.address:  # seed_demo fills these; the bench's own minimum otherwise
        settings_obj.name = "Opština Primjer"
        settings_obj.address = "Njegoševa 1, 81000 Primjer"
        settings_obj.email = "info@primjer.me"
        settings_obj.phone = "+382 20 000 000"
        settings_obj.working_hours = "radnim danima od 7 do 15 časova"
        settings_obj.save()
    return home


# --- organisations ------------------------------------------------------------------


def _organisation_names(rng: random.Random) -> list[tuple[str, str, str]]:
    """(name, short name, kind) candidates, varied and realistic, in a shuffled order."""
    from infocentar.core.models import OrganisationKind as Kind

    names = [
        ("Skupština Opštine Primjer", "Skupština", Kind.ORGAN),
        ("Predsjednik Opštine Primjer", "Predsjednik", Kind.ORGAN),
        ("Glavni administrator", "", Kind.ORGAN),
        ("Uprava lokalnih javnih prihoda", "ULJP", Kind.ADMINISTRATION),
        ("Komunalna policija", "", Kind.ADMINISTRATION),
        ("Služba za zajedničke poslove", "", Kind.ADMINISTRATION),
    ]
    names += [(f"Sekretarijat za {area}", "", Kind.ADMINISTRATION) for area in text.AREAS]
    names += [(f"Direkcija za {area}", "", Kind.ADMINISTRATION) for area in text.AREAS]
    enterprises = (
        "Vodovod i kanalizacija", "Čistoća", "Pijace", "Parking servis", "Sportski objekti", "Zelenilo",
        "Putevi", "Toplana", "Autobuska stanica", "Pogrebne usluge", "Komunalne djelatnosti",
        "Regionalna deponija",
    )  # fmt: skip
    names += [(f"{form} {name}", "", Kind.ENTERPRISE) for name in enterprises for form in ("JP", "DOO")]
    institutions = (
        "Centar za kulturu", "Narodna biblioteka", "Dom zdravlja", "Muzeji i galerije",
        "Dnevni centar za djecu", "Turistička organizacija", "Zavičajni muzej", "Dom starih",
        "Centar za socijalni rad", "Gradsko pozorište",
    )  # fmt: skip
    names += [(f"JU {name}", "", Kind.INSTITUTION) for name in institutions]
    names += [(f"JPU Vrtić „{first}“", "", Kind.INSTITUTION) for first in text.FIRST_NAMES]
    names += [(f"JU OŠ „{text.person(rng)}“", "", Kind.INSTITUTION) for _ in range(20)]
    names += [(f"Mjesna zajednica {place}", f"MZ {place}", Kind.LOCAL_COMMUNITY) for place in text.PLACES]
    names += [(f"Udruženje građana {place}", "", Kind.OTHER) for place in text.PLACES]
    head, tail = names[:3], names[3:]
    rng.shuffle(tail)
    return head + tail


@generator(
    "organisations",
    "Organs, administration bodies, enterprises, institutions, local communities",
    small=50,
    large=300,
)
def organisations(count: int, rng: random.Random) -> int:
    from django.utils.text import slugify

    from infocentar.core.models import Organisation, OrganisationKind
    from infocentar.core.text import fold

    taken_names = set(Organisation.objects.values_list("name", flat=True))
    taken_slugs = set(Organisation.objects.values_list("slug", flat=True))
    candidates = _organisation_names(rng)
    records = []
    index = -1
    while len(records) < count:
        index += 1
        name, short, kind = candidates[index % len(candidates)]
        if index >= len(candidates):
            name = f"{name} ({index // len(candidates) + 1})"
        if name in taken_names:  # seed_demo's organisations keep their names
            continue
        slug = base = slugify(fold(name))[:90]
        number = 2
        while slug in taken_slugs:
            slug, number = f"{base}-{number}", number + 1
        taken_names.add(name)
        taken_slugs.add(slug)
        records.append(
            Organisation(
                name=name,
                short_name=short,
                slug=slug,
                kind=kind,
                mandate=text.paragraph(rng, (1, 3)),
                head_name=text.person(rng),
                head_title="sekretar" if kind == OrganisationKind.ADMINISTRATION else "direktor",
                email=f"{slug[:40]}@primjer.me",
                phone=f"+382 20 {rng.randint(200, 699)} {rng.randint(100, 999)}",
                address=f"{rng.choice(text.PLACES)} bb, 81000 Primjer",
                working_hours="radnim danima od 7 do 15 časova",
                sort_order=len(records),
            )
        )
    Organisation.objects.bulk_create(records, batch_size=500)
    # A fifth of the administration bodies get a parent among the others, as services of a secretariat.
    created = list(Organisation.objects.filter(slug__in=[r.slug for r in records]))
    secretariats = [o for o in created if o.name.startswith("Sekretarijat")]
    children = [o for o in created if o.name.startswith("Direkcija") and rng.random() < 0.4]
    if secretariats:
        for child in children:
            child.parent = rng.choice(secretariats)
        Organisation.objects.bulk_update(children, ["parent"], batch_size=500)
    return len(records)


# --- portal pages -------------------------------------------------------------------


def _body(rng: random.Random) -> list[dict]:
    blocks: list[dict] = [{"type": "paragraph", "value": f"<p>{text.paragraph(rng)}</p>", "id": str(uuid.uuid4())}]
    for _ in range(rng.randint(1, 4)):
        blocks.append(
            {
                "type": "heading",
                "value": {"text": text.heading(rng), "level": rng.choice(["h2", "h3"])},
                "id": str(uuid.uuid4()),
            }
        )
        paragraphs = "".join(f"<p>{text.paragraph(rng)}</p>" for _ in range(rng.randint(1, 3)))
        blocks.append({"type": "paragraph", "value": paragraphs, "id": str(uuid.uuid4())})
    if rng.random() < 0.3:
        blocks.append(
            {
                "type": "callout",
                "value": {"kind": "info", "title": "Važno", "text": f"<p>{text.sentence(rng)}</p>"},
                "id": str(uuid.uuid4()),
            }
        )
    return blocks


def _standard_page(rng: random.Random, index: int):
    from django.utils.text import slugify

    from infocentar.core.text import fold
    from infocentar.portal.models import StandardPage

    title = text.title(rng)
    slug = f"{slugify(fold(title))[:60].strip('-')}-{index}"
    return StandardPage(title=title, slug=slug, intro=text.sentence(rng), body=_body(rng))


@generator(
    "portal_pages",
    "Standard pages of the website, three levels deep under the home page",
    small=200,
    large=5000,
)
def portal_pages(count: int, rng: random.Random) -> int:
    """Sections under the home page, pages in the sections, and sub-pages under some of those."""
    from bench.pages import bulk_add_children

    home = ensure_home_page()
    sections = max(5, count // 25)
    second = (count - sections) * 7 // 10
    third = count - sections - second
    index = 0

    def batch(parents, how_many):
        nonlocal index
        pairs = []
        for n in range(how_many):
            pairs.append((parents[n % len(parents)], _standard_page(rng, index)))
            index += 1
        return bulk_add_children(pairs)

    level1 = batch([home], sections)
    level2 = batch(level1, second)
    level3 = batch(level2[: max(1, len(level2) // 5)], third)
    return len(level1) + len(level2) + len(level3)
