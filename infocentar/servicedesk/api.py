"""The service desk API: an organisation's tickets, with its API token (Authorization: Bearer …).

A token sees only its own organisation's tickets (scope "servicedesk:read") and may file
new ones ("servicedesk:write"). Internal notes never leave the back office.

No `from __future__ import annotations` here: django-ninja reads the annotations at import time.
"""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status as HttpStatus

from infocentar.api.pagination import Pagination
from infocentar.inventory.tokens import OrganisationTokenAuth

from . import services, sla
from .models import Category, Level, Priority, Source, Status, Ticket, TicketMessage

router = Router(tags=["servicedesk"])
read_auth = OrganisationTokenAuth(scope="servicedesk:read")
write_auth = OrganisationTokenAuth(scope="servicedesk:write")
MAX_ID = 2**63 - 1


class TicketOut(Schema):
    id: int
    reference: str
    title: str
    description: str
    organisation: str = Field(..., description="The organisation's official name.")
    requester: str
    category: Category
    impact: Level
    urgency: Level
    priority: Priority
    status: Status
    source: Source
    created_at: datetime.datetime
    updated_at: datetime.datetime
    asset_tag: str | None = None
    response_due_at: datetime.datetime | None
    first_response_at: datetime.datetime | None
    resolution_due_at: datetime.datetime | None
    resolved_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    response_met: bool | None
    resolution_met: bool | None
    sla_paused: bool
    remaining_working_seconds: int | None = Field(
        None, description="Working seconds until the resolution is due (negative: overdue); null once resolved."
    )

    @staticmethod
    def resolve_organisation(obj: Ticket) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_requester(obj: Ticket) -> str:
        return obj.requester_display

    @staticmethod
    def resolve_asset_tag(obj: Ticket) -> str | None:
        return obj.asset.asset_tag if obj.asset_id else None

    @staticmethod
    def resolve_sla_paused(obj: Ticket) -> bool:
        return obj.paused_since is not None

    @staticmethod
    def resolve_remaining_working_seconds(obj: Ticket) -> int | None:
        return sla.remaining(obj).seconds


class MessageOut(Schema):
    id: int
    kind: str
    author: str
    from_requester: bool
    body: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(obj: TicketMessage) -> str:
        return obj.author_display


class TicketFilter(FilterSchema):
    status: Status | None = Field(None, description="Only tickets in this status.")
    open: bool | None = Field(None, description="true: only open tickets; false: only resolved, closed or cancelled.")
    category: Category | None = None
    priority: Priority | None = None
    created_after: datetime.datetime | None = Field(None, description="Filed at or after this moment (ISO 8601).")
    asset_tag: str | None = Field(None, max_length=100)


class TicketIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1, max_length=20_000)
    category: Category = Category.OTHER
    impact: Level = Level.MEDIUM
    urgency: Level = Level.MEDIUM
    requester_name: str = Field("", max_length=150)
    requester_email: str = Field("", max_length=254)
    asset_tag: str | None = Field(None, max_length=100, description="The asset tag of the organisation's equipment.")


def _tickets(request):
    return (
        Ticket.objects.filter(organisation=request.auth.organisation)
        .select_related("organisation", "requester", "asset")
        .order_by("-created_at", "-id")
    )


@router.get("/tickets", response=list[TicketOut], auth=read_auth, summary="List the organisation's tickets")
@paginate(Pagination)
def list_tickets(request, filters: Query[TicketFilter]):
    tickets = _tickets(request)
    if filters.status:
        tickets = tickets.filter(status=filters.status)
    if filters.open is not None:
        tickets = (
            tickets.filter(status__in=services.open_statuses())
            if filters.open
            else tickets.exclude(status__in=services.open_statuses())
        )
    if filters.category:
        tickets = tickets.filter(category=filters.category)
    if filters.priority:
        tickets = tickets.filter(priority=filters.priority)
    if filters.created_after:
        tickets = tickets.filter(created_at__gte=filters.created_after)
    if filters.asset_tag:
        tickets = tickets.filter(asset__asset_tag=filters.asset_tag)
    return tickets


def _one(request, ticket_id: int) -> Ticket:
    if ticket_id > MAX_ID or ticket_id < 1:
        raise Http404
    ticket = _tickets(request).filter(pk=ticket_id).first()
    if ticket is None:
        raise Http404
    return ticket


@router.get("/tickets/{int:ticket_id}", response=TicketOut, auth=read_auth, summary="One ticket")
def get_ticket(request, ticket_id: int):
    return _one(request, ticket_id)


@router.get(
    "/tickets/{int:ticket_id}/messages",
    response=list[MessageOut],
    auth=read_auth,
    summary="The ticket's public conversation (no internal notes)",
)
def ticket_messages(request, ticket_id: int):
    ticket = _one(request, ticket_id)
    return list(ticket.messages.exclude(kind=TicketMessage.Kind.NOTE).select_related("author")[:500])


@router.post("/tickets", response={201: TicketOut}, auth=write_auth, summary="File a ticket for the organisation")
def create_ticket(request, payload: TicketIn):
    organisation = request.auth.organisation
    asset = None
    if payload.asset_tag:
        from infocentar.inventory.models import Asset

        asset = Asset.objects.filter(organisation=organisation, asset_tag=payload.asset_tag).first()
        if asset is None:
            raise HttpError(422, f"No equipment of the organisation has the asset tag {payload.asset_tag!r}.")
    if payload.requester_email:
        from django.core.validators import validate_email

        try:
            validate_email(payload.requester_email)
        except ValidationError as error:
            raise HttpError(422, "requester_email is not a valid e-mail address.") from error
    try:
        ticket = services.file_ticket(
            organisation=organisation,
            title=payload.title,
            description=payload.description,
            category=payload.category,
            impact=payload.impact,
            urgency=payload.urgency,
            requester_name=payload.requester_name or request.auth.name,
            requester_email=payload.requester_email,
            asset=asset,
            source=Source.API,
        )
    except ValidationError as error:
        raise HttpError(422, "; ".join(error.messages)) from error
    return HttpStatus(201, _tickets(request).get(pk=ticket.pk))
