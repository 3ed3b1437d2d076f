"""Authentication of the API by per-organisation tokens (see models.ApiToken).

Usage in a django-ninja router::

    from infocentar.inventory.tokens import OrganisationTokenAuth

    @router.get("/things", auth=OrganisationTokenAuth())
    def things(request):
        organisation = request.auth.organisation  # the token's organisation
        ...

`OrganisationTokenAuth(scope="inventory:write")` also requires that scope on the token.
A request with a missing, unknown, revoked or out-of-scope token gets 401.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from ninja.security import HttpBearer

from .models import ApiToken, hash_secret

# last_used_at is written at most this often per token (not on every request).
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
MAX_SECRET_LENGTH = 200


class OrganisationTokenAuth(HttpBearer):
    """`Authorization: Bearer <secret>`; `request.auth` becomes the ApiToken."""

    openapi_description = "An API token of an organisation (Admin → Equipment and licences → API tokens)."

    def __init__(self, scope: str | None = None) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token: str):
        if not token or len(token) > MAX_SECRET_LENGTH:
            return None
        api_token = (
            ApiToken.objects.usable().select_related("organisation").filter(key_hash=hash_secret(token.strip())).first()
        )
        if api_token is None:
            return None
        if self.scope and not api_token.has_scope(self.scope):
            return None
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
            api_token.last_used_at = now
        request.api_token = api_token
        return api_token


def organisation_of(request):
    """The organisation of the token that authenticated `request`."""
    return request.auth.organisation
