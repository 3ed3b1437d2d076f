"""The anonymous page cache: whole public pages, invalidated at once on any change.

Anonymous GET/HEAD requests for public pages are answered from the cache when
they can be. A page is stored only when the response is an ordinary public
HTML page: status 200, no cookie set, not marked private or uncacheable, and
the visitor had no session (signed-in users and anyone with a session or
messages bypass the cache entirely, and so do forms, which set the CSRF cookie).

Invalidation is by generation: every cached page's key includes the current
generation number, and any change to content — a page published, unpublished
or moved, a record saved or deleted in an app whose data the site shows —
bumps the number, so the next request renders afresh. Apps may register
functions that tell how long a page may stay cached at most (e.g. until the
next alert starts or ends): `register_max_age(func)`.

The cache is the default Django cache: file-based on one machine, Redis when
REDIS_URL is set (shared by every app server, so invalidation reaches all).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "infocentar:pagecache:generation"
KEY_PREFIX = "infocentar:pagecache:page"
HEADER = "X-Page-Cache"

# Changes to these apps' data never change what anonymous visitors see.
IGNORED_APPS = frozenset(
    {
        "sessions", "contenttypes", "auth", "admin", "accounts", "account", "mfa", "socialaccount", "usersessions",
        "django_tasks_db", "django_rq", "wagtailsearch", "modelsearch", "wagtailusers", "wagtailadmin",
        "servicedesk", "inventory",
    }
)  # fmt: skip
IGNORED_MODELS = frozenset({"modellogentry", "pagelogentry", "referenceindex", "revision", "uploadeddocument"})

_max_age_functions: list[Callable[[], int | None]] = []


def register_max_age(func: Callable[[], int | None]) -> None:
    """func() returns the most seconds a page may stay cached now, or None for no limit."""
    _max_age_functions.append(func)


def timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 300))


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return int(value)


def invalidate(*args, **kwargs) -> None:
    """Every cached page (and every memo, core.memo) is stale from now on."""
    from .memo import reset_generation

    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
    reset_generation()


def _content_changed(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label in IGNORED_APPS or meta.model_name in IGNORED_MODELS:
        return
    invalidate()


def connect_signals() -> None:
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    post_save.connect(_content_changed, dispatch_uid="infocentar-pagecache-save")
    post_delete.connect(_content_changed, dispatch_uid="infocentar-pagecache-delete")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"infocentar-pagecache-{id(signal)}")


def _key(request, gen: int) -> str:
    raw = f"{request.method == 'HEAD'}|{request.get_host()}|{request.get_full_path()}"
    return f"{KEY_PREFIX}:{gen}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _bypass(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return True
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return True
    path = request.path_info
    return path.startswith(tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PREFIXES", ())))


def _cacheable(response) -> bool:
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store", "max-age=0"))


class PageCacheMiddleware:
    """Serves and stores anonymous public pages (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .memo import reset_generation

        reset_generation()
        try:
            return self._respond(request)
        finally:
            reset_generation()

    def _respond(self, request):
        if timeout() <= 0 or _bypass(request):
            return self.get_response(request)
        try:
            from .memo import current_generation

            gen = current_generation()
            key = _key(request, gen)
            cached = cache.get(key)
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 further in; not a cache failure
        except Exception:  # A broken cache must not take the site down.
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable(response):
            seconds = timeout()
            for func in _max_age_functions:
                limit = func()
                if limit is not None:
                    seconds = min(seconds, max(int(limit), 0))
            if seconds > 0:
                patch_vary_headers(response, ("Cookie",))
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
                try:
                    cache.set(key, response, seconds)
                except Exception:
                    logger.exception("Could not store a page in the page cache")
            response[HEADER] = "miss"
        return response
