"""The one mechanism that scopes back-office records to a user's organisations.

Every listing, detail view, export and API endpoint that shows organisation
records goes through `visible_organisation_ids` (directly, or through
`Organisation.objects.visible_to(user)` and
`OrganisationScopedQuerySet.for_user(user)`), and every write is checked with
`can_access_organisation`.

A member of an organisation sees it and every organisation below it. Holders
of a global role (the Information Center administrator; for IT records also
the Information Center's IT staff) see all. Superusers see all.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import GLOBAL_ROLES, Membership, Organisation

_CACHE_ATTR = "_infocentar_scope_cache"


def _descendant_map() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Organisation.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    return children


def _with_descendants(roots: Iterable[int]) -> frozenset[int]:
    children = _descendant_map()
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        pk = stack.pop()
        if pk in seen:
            continue
        seen.add(pk)
        stack.extend(children.get(pk, ()))
    return frozenset(seen)


def user_roles(user) -> frozenset[tuple[int, str]]:
    """(organisation id, role) pairs of the user's active memberships, cached per request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    if "roles" not in cache:
        cache["roles"] = frozenset(Membership.objects.active().filter(user=user).values_list("organisation_id", "role"))
    return cache["roles"]


def has_role(user, *roles: str, organisation: Organisation | int | None = None) -> bool:
    """Whether the user holds one of `roles` (in `organisation`, or anywhere)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    org_id = organisation.pk if isinstance(organisation, Organisation) else organisation
    return any(role in roles and (org_id is None or oid == org_id) for oid, role in user_roles(user))


def is_global(user, global_roles: Iterable[str] = GLOBAL_ROLES) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    wanted = set(global_roles)
    return any(role in wanted for _, role in user_roles(user))


def visible_organisation_ids(
    user, roles: Iterable[str] | None = None, global_roles: Iterable[str] = GLOBAL_ROLES
) -> frozenset[int] | None:
    """Ids of the organisations the user may see, or None for "all of them".

    `roles` limits the memberships that count (e.g. only IT contacts for the
    service desk); `global_roles` are the roles that see everything.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if is_global(user, global_roles):
        return None
    role_set = set(roles) if roles is not None else None
    key = ("visible", tuple(sorted(role_set)) if role_set is not None else None)
    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    if key not in cache:
        roots = {oid for oid, role in user_roles(user) if role_set is None or role in role_set}
        cache[key] = _with_descendants(roots) if roots else frozenset()
    return cache[key]


def can_access_organisation(user, organisation: Organisation | int | None, **kwargs) -> bool:
    if organisation is None:
        return is_global(user, kwargs.get("global_roles", GLOBAL_ROLES))
    org_id = organisation.pk if isinstance(organisation, Organisation) else organisation
    ids = visible_organisation_ids(user, **kwargs)
    return ids is None or org_id in ids


def clear_cache(user) -> None:
    user.__dict__.pop(_CACHE_ATTR, None)
