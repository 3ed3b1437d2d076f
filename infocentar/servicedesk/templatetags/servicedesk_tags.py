"""Template helpers of the service desk for the site's own templates (the header's link to /podrska/)."""

from __future__ import annotations

from django import template

from .. import services

register = template.Library()


@register.filter
def may_file_tickets(user) -> bool:
    """Whether the signed-in user may file IT requests on the staff portal (a member of an organisation)."""
    return services.may_file_tickets(user)
