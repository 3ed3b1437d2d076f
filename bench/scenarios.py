"""Named benchmark scenarios: a registry that later apps add theirs to.

A scenario is a set of URL paths the load generator cycles through (each
worker starting at a different one), served either by the app or by the
floor. Its paths are resolved once, after the data has been generated, with
Django set up against the bench database, so they may look records up:

    from bench.scenarios import scenario

    @scenario("news_list", "The news listing, first page")
    def news_list() -> list[str]:
        return ["/vijesti/"]

A path may contain "{n}" (see bench.load.CACHE_BUSTER), replaced by a token
unique to each request, to defeat the page cache (keyed on the full URL):
such a scenario measures a miss, the page rendered and stored. A scenario
with `cached=True` is meant to be answered by the page cache; the output
warns when the X-Page-Cache headers say otherwise. Scenarios run in the
order they are registered; the floor always runs first.

Apps may keep their scenarios in `infocentar/<app>/bench.py`; `autodiscover()`
imports those modules (see docs/benchmarks.md).
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

APP = "app"
FLOOR = "floor"
FLOOR_SCENARIO = "floor"


@dataclass(frozen=True)
class Scenario:
    """A named load: which server, which paths, and what the reader should know."""

    name: str
    description: str
    resolve: Callable[[], Sequence[str]]
    target: str = APP
    note: str = ""
    count_queries: bool = True
    # Meant to be answered by the page cache (the output warns if it is not).
    cached: bool = False

    def paths(self) -> list[str]:
        paths = [str(p) for p in self.resolve()]
        if not paths:
            raise LookupError(f"scenario {self.name!r} found no paths to request (is the data there?)")
        for path in paths:
            if not path.startswith("/") or not path.isascii():
                raise ValueError(f"scenario {self.name!r}: {path!r} must be an ASCII path starting with '/'")
        return paths


_registry: dict[str, Scenario] = {}


def register(item: Scenario) -> Scenario:
    if item.target not in {APP, FLOOR}:
        raise ValueError(f"scenario {item.name!r}: target must be {APP!r} or {FLOOR!r}")
    if item.name in _registry:
        raise ValueError(f"a scenario called {item.name!r} is already registered")
    _registry[item.name] = item
    return item


def scenario(name: str, description: str, **options):
    """Decorator: register the function returning the scenario's paths (options: see Scenario)."""

    def decorator(func: Callable[[], Sequence[str]]) -> Callable[[], Sequence[str]]:
        register(Scenario(name, description, func, **options))
        return func

    return decorator


def static(name: str, description: str, paths: Sequence[str], **options) -> Scenario:
    """Register a scenario with fixed paths."""
    fixed = tuple(paths)
    return register(Scenario(name, description, lambda: fixed, **options))


def unregister(name: str) -> None:
    _registry.pop(name, None)


def all_scenarios() -> list[Scenario]:
    """Every scenario, the floor first, the rest in registration order."""
    items = list(_registry.values())
    return sorted(items, key=lambda s: s.name != FLOOR_SCENARIO)


def names() -> list[str]:
    return [s.name for s in all_scenarios()]


def get(name: str) -> Scenario:
    try:
        return _registry[name]
    except KeyError:
        raise KeyError(f"unknown scenario {name!r}; known: {', '.join(names())}") from None


def select(requested: Sequence[str] | None) -> list[Scenario]:
    """The requested scenarios (all when none), always with the floor, in run order."""
    if not requested:
        return all_scenarios()
    unknown = [name for name in requested if name not in _registry]
    if unknown:
        raise KeyError(f"unknown scenario(s) {', '.join(unknown)}; known: {', '.join(names())}")
    wanted = {*requested, FLOOR_SCENARIO}
    return [s for s in all_scenarios() if s.name in wanted]


def autodiscover() -> list[str]:
    """Import `infocentar.<app>.bench` for every app that has one (their scenarios and data)."""
    import infocentar

    found = []
    for module in pkgutil.iter_modules(infocentar.__path__):
        dotted = f"infocentar.{module.name}.bench"
        if module.ispkg and importlib.util.find_spec(dotted) is not None:
            importlib.import_module(dotted)
            found.append(dotted)
    return found


def search_path(query: str) -> str:
    """The search page for `query`, percent-encoded, with a cache-buster."""
    return "/pretraga/?" + urlencode({"q": query}) + "&v={n}"


# --- the scenarios of the core and the portal -----------------------------------

static("floor", "A bare Django view: no middleware, no database (the denominator)", ["/"], target=FLOOR)
static("home", "Home page, a page-cache miss each time (cache-busting query string)", ["/?v={n}"])
static("home_cached", "Home page, the same URL repeated: answered by the page cache", ["/"], cached=True)
static("home_cyrillic", "Home page in Cyrillic, rendered and transliterated each time", ["/cir/?v={n}"])


@scenario("portal_page", "Standard pages at every depth of the tree, 50 in turn, each a page-cache miss")
def portal_page() -> list[str]:
    from infocentar.portal.models import StandardPage

    pages = StandardPage.objects.live().public().order_by("path").only("url_path", "path", "depth")
    total = pages.count()
    step = max(1, total // 50)
    sample = [page for index, page in enumerate(pages.iterator()) if index % step == 0][:50]
    urls = [page.get_url() for page in sample]
    return [quote(url, safe="/") + "?v={n}" for url in urls if url]


static("search", "Site search, Latin query 'opstina', a page-cache miss each time", [search_path("opstina")])
static("search_cyrillic", "Site search, Cyrillic query 'општина', a miss each time", [search_path("општина")])
static("health_live", "Liveness probe (no database)", ["/health/live"])
static("health_ready", "Readiness probe (database, cache and task backend)", ["/health/ready"])
