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

A scenario may be signed in and may POST a form (see bench.sessions):

    @scenario("tickets_listing", "…", user="it.sluzba@primorje.me")
    def tickets_listing() -> list[str]:
        return ["/admin/servicedesk/tickets/?status=open"]

    @scenario("comment_post", "…", user=lambda: "gradjanin@…", method="POST",
              form=lambda path: {"article": "3", "text": "Bench comment {n}"})
    def comment_post() -> list[str]:
        return ["/javne-rasprave/12/komentar/"]

`user` is the e-mail address of an existing account (or a function giving
it, called after the data exists, like the paths); `method` is "GET" or
"POST"; `form` holds a POST's url-encoded fields (or a function of the path
giving them), "{n}" in a value replaced as in the path. The harness adds the
CSRF token. Signed-in and POST requests bypass the page cache.

Apps may keep their scenarios in `infocentar/<app>/bench.py`; `autodiscover()`
imports those modules (see docs/benchmarks.md).
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

APP = "app"
FLOOR = "floor"
FLOOR_SCENARIO = "floor"
METHODS = ("GET", "POST")

# A form: field name -> value (or values, for a field sent several times).
Form = Mapping[str, str | int | Sequence[str | int]]


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
    # Signed in as the account with this e-mail address (or a function giving it); None: anonymous.
    user: str | Callable[[], str] | None = None
    method: str = "GET"
    # A POST's url-encoded fields, or a function of the path giving them; "{n}" as in paths.
    form: Form | Callable[[str], Form] | None = None

    def user_email(self) -> str | None:
        """The e-mail address of the account the scenario signs in as (None: anonymous)."""
        email = self.user() if callable(self.user) else self.user
        if email is None:
            return None
        if not isinstance(email, str) or not email.strip():
            raise ValueError(f"scenario {self.name!r}: user= must give an e-mail address, not {email!r}")
        return email.strip()

    def form_for(self, path: str) -> list[tuple[str, str]]:
        """The form fields sent with a POST to `path`, as (name, value) pairs (no CSRF token yet)."""
        form = self.form(path) if callable(self.form) else self.form
        pairs: list[tuple[str, str]] = []
        for name, value in (form or {}).items():
            values = value if isinstance(value, list | tuple) else [value]
            pairs += [(str(name), str(item)) for item in values]
        return pairs

    @property
    def signed_in(self) -> bool:
        return self.user is not None

    def describe_user(self) -> str | None:
        """Who the scenario is signed in as, for the listing (a function is shown as such)."""
        if self.user is None:
            return None
        return self.user if isinstance(self.user, str) else "(an e-mail found after the data is made)"

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
    if item.method not in METHODS:
        raise ValueError(f"scenario {item.name!r}: method must be one of {', '.join(METHODS)}, not {item.method!r}")
    if item.form is not None and item.method != "POST":
        raise ValueError(f"scenario {item.name!r}: form= goes with method='POST'")
    if item.target == FLOOR and (item.user is not None or item.method != "GET"):
        raise ValueError(f"scenario {item.name!r}: the floor serves anonymous GETs only")
    if item.cached and (item.user is not None or item.method != "GET"):
        raise ValueError(
            f"scenario {item.name!r}: signed-in and POST requests bypass the page cache, so cached=True cannot hold"
        )
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
