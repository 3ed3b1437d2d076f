"""The inventory's API: an organisation's scripts list and report (upsert) its equipment with an API token.

No `from __future__ import annotations` here: django-ninja reads the annotations at import time.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.pagination import paginate

from infocentar.api.pagination import Pagination
from infocentar.core import audit

from . import services
from .models import Asset, AssetEventKind, AssetStatus, AssetType, TokenScope
from .tokens import OrganisationTokenAuth

router = Router(tags=["inventory"])

read_auth = OrganisationTokenAuth(scope=TokenScope.INVENTORY_READ)
write_auth = OrganisationTokenAuth(scope=TokenScope.INVENTORY_WRITE)


class AssetOut(Schema):
    id: int
    asset_tag: str
    asset_type: AssetType
    manufacturer: str
    model: str
    serial: str
    status: AssetStatus
    building: str
    floor: str
    room: str
    hostname: str
    operating_system: str
    os_version: str
    purchase_date: datetime.date | None
    warranty_end: datetime.date | None
    expected_end_of_life: datetime.date | None
    assigned_to: str | None = Field(None, description="The username of the person using it.")
    updated_at: datetime.datetime

    @staticmethod
    def resolve_assigned_to(obj: Asset) -> str | None:
        return obj.assigned_to.get_username() if obj.assigned_to_id else None


class AssetIn(Schema):
    asset_tag: str = Field(..., min_length=1, max_length=40)
    asset_type: AssetType
    manufacturer: str = Field("", max_length=100)
    model: str = Field("", max_length=150)
    serial: str = Field("", max_length=100)
    status: AssetStatus | None = None
    building: str | None = Field(None, max_length=150)
    floor: str | None = Field(None, max_length=20)
    room: str | None = Field(None, max_length=50)
    hostname: str = Field("", max_length=100)
    operating_system: str = Field("", max_length=100)
    os_version: str = Field("", max_length=60)
    purchase_date: datetime.date | None = None
    warranty_end: datetime.date | None = None
    cost: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    notes: str | None = Field(None, max_length=5000)


class AssetFilter(FilterSchema):
    asset_type: AssetType | None = None
    status: AssetStatus | None = None
    q: str | None = Field(None, max_length=100, description="Beginning of the tag, serial or host name.")
    updated_since: datetime.datetime | None = None


class UpsertResult(Schema):
    created: bool
    asset: AssetOut


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


@router.get("/assets", response=list[AssetOut], auth=read_auth, summary="List the organisation's equipment")
@paginate(Pagination)
def list_assets(request, filters: Query[AssetFilter]):
    from django.db.models import Q

    queryset = Asset.objects.filter(organisation=request.auth.organisation).select_related("assigned_to")
    if filters.asset_type:
        queryset = queryset.filter(asset_type=filters.asset_type)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.q:
        term = filters.q.strip()
        queryset = queryset.filter(
            Q(asset_tag__istartswith=term) | Q(serial__istartswith=term) | Q(hostname__istartswith=term)
        )
    if filters.updated_since:
        queryset = queryset.filter(updated_at__gte=filters.updated_since)
    return queryset.order_by("asset_tag")


@router.get(
    "/assets/{asset_tag}",
    response={200: AssetOut, 404: Problem},
    auth=read_auth,
    summary="One asset of the organisation",
)
def get_asset(request, asset_tag: str):
    asset = (
        Asset.objects.filter(organisation=request.auth.organisation, asset_tag=asset_tag[:40])
        .select_related("assigned_to")
        .first()
    )
    if asset is None:
        return Status(404, {"detail": "No asset with this tag in your organisation."})
    return asset


@router.put(
    "/assets",
    response={200: UpsertResult, 201: UpsertResult, 409: Problem, 422: Problem},
    auth=write_auth,
    summary="Report a machine: create it, or update the asset with this tag",
    description=(
        "Matched by asset tag within the token's organisation. Fields left out (null) keep their value. "
        "A tag or serial number used by another organisation's asset is refused (409)."
    ),
)
def upsert_asset(request, payload: AssetIn):
    token = request.auth
    organisation = token.organisation
    tag = payload.asset_tag.strip()
    existing = Asset.objects.filter(asset_tag__iexact=tag).first()
    if existing is not None and existing.organisation_id != organisation.pk:
        return Status(409, {"detail": "This asset tag is used by another organisation's asset."})
    created = existing is None
    asset = existing or Asset(organisation=organisation, asset_tag=tag)
    data = payload.dict(exclude={"asset_tag"})
    for name, value in data.items():
        if value is None and name in {
            "status",
            "building",
            "floor",
            "room",
            "notes",
            "cost",
            "purchase_date",
            "warranty_end",
        }:
            continue
        setattr(asset, name, value)
    if created and payload.status is None:
        asset.status = AssetStatus.IN_USE
    if payload.serial:
        other = (
            Asset.objects.filter(
                serial__iexact=payload.serial.strip(), manufacturer__iexact=payload.manufacturer.strip()
            )
            .exclude(pk=asset.pk)
            .select_related("organisation")
            .first()
        )
        if other is not None:
            if other.organisation_id != organisation.pk:
                return Status(409, {"detail": "This serial number is recorded for another organisation's asset."})
            return Status(409, {"detail": f"This serial number is already recorded for {other.asset_tag}."})
    before = None if created else audit.snapshot(Asset.objects.get(pk=asset.pk))
    try:
        with transaction.atomic():
            asset.full_clean()
            if created:
                asset.save()
            else:
                asset.version += 1
                asset.save()
            audit.record(
                asset,
                "inventory.reported",
                None,
                before=before,
                after=audit.snapshot(asset),
                extra={"api_token": token.pk, "token_name": token.name},
                title=str(asset),
            )
            if created:
                services.record_event(asset, AssetEventKind.REPORTED, token.name)
            else:
                services.note_changes(asset, before)
    except ValidationError as exc:
        return Status(422, {"detail": "The asset is not valid.", "errors": exc.message_dict})
    except IntegrityError:
        return Status(409, {"detail": "The asset tag or serial number was just recorded by another request."})
    asset = Asset.objects.select_related("assigned_to").get(pk=asset.pk)
    return Status(201 if created else 200, {"created": created, "asset": asset})
