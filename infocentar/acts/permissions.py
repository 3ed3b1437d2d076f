"""Who keeps the registry of acts, and for which issuers.

The Assembly service keeps the Assembly's acts, the mayor's office the
mayor's, a body's website editor that body's acts; the Information Center's
administrators (a global role) keep every body's. A user sees and changes
only acts whose issuer is one of their organisations (or below one) where
they hold one of these roles.
"""

from __future__ import annotations

from infocentar.core.models import Role
from infocentar.core.scoping import has_role, is_global

ACT_ROLES = (Role.ASSEMBLY_SERVICE, Role.MAYORS_OFFICE, Role.EDITOR, Role.IC_ADMIN)

# Django permissions the role groups hold (appended to core.services.ROLE_PERMISSIONS in ready()).
MODELS = ("act", "actversion", "actrelation", "actattachment")
ROLE_PERMISSIONS = {
    role: [f"acts.{a}_{m}" for m in MODELS for a in ("add", "change", "delete", "view")] for role in ACT_ROLES
}


def can_manage_acts(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return is_global(user) or has_role(user, *ACT_ROLES)
