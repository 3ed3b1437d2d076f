"""Every write to the inventory that matters goes through here (validated, audited, with the asset's history)."""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from infocentar.core import audit
from infocentar.core.models import IT_GLOBAL_ROLES, Role
from infocentar.core.scoping import can_access_organisation, has_role, is_global

from .models import (
    CATEGORY_OF_TYPE,
    DEFAULT_LIFETIME_YEARS,
    INACTIVE_STATUSES,
    ApiToken,
    Asset,
    AssetEvent,
    AssetEventKind,
    AssetStatus,
    AssetType,
    Checkout,
    CheckoutState,
    Licence,
    LicenceAssignment,
    MaintenanceRun,
    MaintenanceSchedule,
    Plan,
    PlanLine,
    PlanStatus,
    Priority,
    add_months,
    add_years,
    hash_secret,
)

IT_ROLES = (Role.IC_ADMIN, Role.IT_STAFF, Role.IT_CONTACT)


# --- who may do what -----------------------------------------------------------------------------------------------


def is_it_global(user) -> bool:
    return is_global(user, IT_GLOBAL_ROLES)


def visible_ids(user):
    """Organisations whose inventory `user` sees (None: all). IT contacts see their own; IT staff all."""
    from infocentar.core.scoping import visible_organisation_ids

    return visible_organisation_ids(user, roles=IT_ROLES, global_roles=IT_GLOBAL_ROLES)


def can_see(user, organisation) -> bool:
    return can_access_organisation(user, organisation, roles=IT_ROLES, global_roles=IT_GLOBAL_ROLES)


def can_manage_assets(user, organisation) -> bool:
    """Equipment is kept by the Information Center's IT staff."""
    return is_it_global(user)


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# --- history ---------------------------------------------------------------------------------------------------------


def record_event(asset: Asset, kind: str, description: str = "", user=None) -> AssetEvent:
    return AssetEvent.objects.create(
        asset=asset, kind=kind, description=description[:500], user=user if getattr(user, "pk", None) else None
    )


def _location_text(values: dict) -> str:
    return ", ".join(filter(None, [values.get("building"), values.get("floor"), values.get("room")])) or "—"


def note_changes(asset: Asset, before: dict | None, user=None) -> None:
    """History entries for what changed between the snapshot `before` and the asset now."""
    if before is None:
        record_event(asset, AssetEventKind.CREATED, str(asset), user)
        return
    after = audit.snapshot(asset)
    if before.get("assigned_to") != after.get("assigned_to"):
        record_event(
            asset,
            AssetEventKind.ASSIGNED,
            _("%(old)s → %(new)s") % {"old": before.get("assigned_to") or "—", "new": after.get("assigned_to") or "—"},
            user,
        )
    if any(before.get(k) != after.get(k) for k in ("building", "floor", "room", "organisation")):
        old, new = _location_text(before), _location_text(after)
        if before.get("organisation") != after.get("organisation"):
            old, new = f"{before.get('organisation')}: {old}", f"{after.get('organisation')}: {new}"
        record_event(asset, AssetEventKind.MOVED, _("%(old)s → %(new)s") % {"old": old, "new": new}, user)
    if before.get("status") != after.get("status"):
        labels = dict(AssetStatus.choices)
        record_event(
            asset,
            AssetEventKind.STATUS,
            _("%(old)s → %(new)s")
            % {"old": labels.get(before.get("status"), "—"), "new": labels.get(after.get("status"), "—")},
            user,
        )


class StaleRecord(ValidationError):
    """Someone else saved the record after it was opened."""


def save_asset(asset: Asset, *, by=None, expected_version: int | None = None, event_kind: str | None = None) -> Asset:
    """Create or update an asset: validated, with optimistic locking, audit and history."""
    asset.full_clean()
    with transaction.atomic():
        if asset.pk is None:
            asset.version = 1
            asset.save()
            audit.record(asset, "wagtail.create", by, after=audit.snapshot(asset), title=str(asset))
            record_event(asset, event_kind or AssetEventKind.CREATED, str(asset), by)
            return asset
        current = Asset.objects.select_for_update().get(pk=asset.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleRecord(_("Someone else changed this asset after you opened it. Reload it to see their changes."))
        before = audit.snapshot(current)
        asset.version = current.version + 1
        asset.save()
        audit.record(asset, "wagtail.edit", by, before=before, after=audit.snapshot(asset), title=str(asset))
        note_changes(asset, before, by)
    return asset


# --- check-out and check-in --------------------------------------------------------------------------------------


def check_out(
    asset: Asset,
    *,
    by,
    recipient=None,
    location: str = "",
    note: str = "",
    expected_return: datetime.date | None = None,
) -> Checkout:
    """Hand the asset to a person (who accepts it by e-mail link) or place it at a location."""
    if recipient is None and not location.strip():
        raise ValidationError(_("Choose a person or enter a location."))
    if asset.status in INACTIVE_STATUSES:
        raise ValidationError(_("A retired or disposed asset cannot be checked out."))
    if asset.checkouts.filter(checked_in_at__isnull=True).exclude(state=CheckoutState.DECLINED).exists():
        raise ValidationError(_("The asset is already checked out. Check it in first."))
    if expected_return and expected_return < timezone.localdate():
        raise ValidationError(_("The expected return cannot be in the past."))
    token = secrets.token_urlsafe(32) if recipient is not None else ""
    with transaction.atomic():
        before = audit.snapshot(asset)
        checkout = Checkout.objects.create(
            asset=asset,
            recipient=recipient,
            location=location.strip(),
            note=note,
            expected_return=expected_return,
            checked_out_by=by,
            token_hash=hash_secret(token) if token else "",
            state=CheckoutState.PENDING if recipient is not None else CheckoutState.ACCEPTED,
        )
        asset.status = AssetStatus.LENT if expected_return else AssetStatus.IN_USE
        if recipient is not None:
            asset.assigned_to = recipient
        else:
            asset.room = location.strip()[:50]
        asset.version = F("version") + 1
        asset.save()
        asset.refresh_from_db()
        record_event(
            asset,
            AssetEventKind.CHECKED_OUT,
            _("To %(target)s") % {"target": _person(recipient) if recipient else location.strip()},
            by,
        )
        audit.record(
            asset,
            "inventory.check_out",
            by,
            before=before,
            after=audit.snapshot(asset),
            extra={"checkout": checkout.pk},
            title=str(asset),
        )
        if recipient is not None and recipient.email:
            url = absolute(reverse("inventory-accept", args=[token]))
            transaction.on_commit(lambda: _send_acceptance_mail(checkout, url))
    return checkout


def _person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "—"


def _send_acceptance_mail(checkout: Checkout, url: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {"checkout": checkout, "asset": checkout.asset, "url": url, "recipient": checkout.recipient}
        subject = _("Please confirm that you received %(asset)s") % {"asset": checkout.asset}
        text = render_to_string("inventory/email/checkout.txt", context)
        html = render_to_string("inventory/email/checkout.html", context)
    message = EmailMultiAlternatives(subject, text, to=[checkout.recipient.email])
    message.attach_alternative(html, "text/html")
    message.send()


def checkout_for_token(token: str) -> Checkout | None:
    if not token or len(token) > 100:
        return None
    return Checkout.objects.select_related("asset", "recipient").filter(token_hash=hash_secret(token)).first()


def answer_checkout(checkout: Checkout, *, user, accept: bool) -> Checkout:
    """The recipient confirms (or declines) that they received the asset."""
    if checkout.recipient_id != user.pk:
        raise PermissionDenied
    if checkout.state != CheckoutState.PENDING or checkout.checked_in_at is not None:
        raise ValidationError(_("This hand-over has already been answered."))
    with transaction.atomic():
        checkout.state = CheckoutState.ACCEPTED if accept else CheckoutState.DECLINED
        checkout.answered_at = timezone.now()
        checkout.save(update_fields=["state", "answered_at"])
        asset = checkout.asset
        if not accept:
            before = audit.snapshot(asset)
            asset.assigned_to = None
            asset.status = AssetStatus.IN_STOCK
            asset.version = F("version") + 1
            asset.save()
            asset.refresh_from_db()
            audit.record(asset, "wagtail.edit", user, before=before, after=audit.snapshot(asset), title=str(asset))
        record_event(asset, AssetEventKind.ACCEPTED if accept else AssetEventKind.DECLINED, _person(user), user)
    return checkout


def check_in(asset: Asset, *, by, note: str = "") -> Checkout:
    checkout = asset.checkouts.filter(checked_in_at__isnull=True).exclude(state=CheckoutState.DECLINED).first()
    if checkout is None:
        raise ValidationError(_("The asset is not checked out."))
    with transaction.atomic():
        before = audit.snapshot(asset)
        checkout.checked_in_at = timezone.now()
        checkout.checked_in_by = by
        if checkout.state == CheckoutState.PENDING:
            checkout.state = CheckoutState.RETURNED
        else:
            checkout.state = CheckoutState.RETURNED
        checkout.save(update_fields=["checked_in_at", "checked_in_by", "state"])
        asset.assigned_to = None
        asset.status = AssetStatus.IN_STOCK
        asset.version = F("version") + 1
        asset.save()
        asset.refresh_from_db()
        record_event(asset, AssetEventKind.CHECKED_IN, note, by)
        audit.record(asset, "inventory.check_in", by, before=before, after=audit.snapshot(asset), title=str(asset))
    return checkout


# --- licences --------------------------------------------------------------------------------------------------------


def assign_licence(licence: Licence, *, by, asset: Asset | None = None, user=None) -> LicenceAssignment:
    assignment = LicenceAssignment(licence=licence, asset=asset, user=user)
    assignment.full_clean()
    if licence.expires_on and licence.expires_on < timezone.localdate():
        raise ValidationError(_("The licence has expired."))
    if licence.assignments.count() >= licence.seats:
        raise ValidationError(_("All %(seats)s seats of this licence are in use.") % {"seats": licence.seats})
    existing = licence.assignments.filter(asset=asset, user=user).exists()
    if existing:
        raise ValidationError(_("This seat is already assigned."))
    with transaction.atomic():
        assignment.save()
        audit.record(licence, "inventory.licence_assigned", by, extra={"to": str(asset or user)}, title=str(licence))
    return assignment


def release_licence(assignment: LicenceAssignment, *, by) -> None:
    licence = assignment.licence
    with transaction.atomic():
        audit.record(
            licence, "inventory.licence_released", by, extra={"from": str(assignment.asset or assignment.user)}
        )
        assignment.delete()


# --- plans -----------------------------------------------------------------------------------------------------------

# Who may move a plan from one status to another.
CONTACT_TRANSITIONS = {(PlanStatus.DRAFT, PlanStatus.SUBMITTED)}
IT_TRANSITIONS = {
    (PlanStatus.DRAFT, PlanStatus.SUBMITTED),
    (PlanStatus.SUBMITTED, PlanStatus.REVIEWED),
    (PlanStatus.SUBMITTED, PlanStatus.APPROVED),
    (PlanStatus.SUBMITTED, PlanStatus.DRAFT),
    (PlanStatus.REVIEWED, PlanStatus.APPROVED),
    (PlanStatus.REVIEWED, PlanStatus.DRAFT),
    (PlanStatus.APPROVED, PlanStatus.REVIEWED),
}


def allowed_plan_statuses(user, plan: Plan | None) -> list[str]:
    """The statuses `user` may give the plan (its own included)."""
    current = plan.status if plan is not None and plan.pk else PlanStatus.DRAFT
    transitions = IT_TRANSITIONS if is_it_global(user) else CONTACT_TRANSITIONS
    return [current] + [new for old, new in transitions if old == current]


def can_edit_plan_lines(user, plan: Plan) -> bool:
    if is_it_global(user):
        return True
    return plan.status == PlanStatus.DRAFT or plan.pk is None


def change_plan_status(plan: Plan, new_status: str, *, by) -> Plan:
    if new_status == plan.status:
        return plan
    if new_status not in allowed_plan_statuses(by, plan):
        raise ValidationError(
            _("You cannot move this plan from “%(old)s” to “%(new)s”.")
            % {
                "old": plan.get_status_display(),
                "new": PlanStatus(new_status).label,
            }
        )
    with transaction.atomic():
        before = audit.snapshot(plan)
        plan.status = new_status
        _stamp_plan(plan)
        plan.version = F("version") + 1
        plan.save()
        plan.refresh_from_db()
        audit.record(plan, "wagtail.edit", by, before=before, after=audit.snapshot(plan), title=str(plan))
    return plan


def _stamp_plan(plan: Plan) -> None:
    now = timezone.now()
    if plan.status == PlanStatus.SUBMITTED:
        plan.submitted_at = now
    if plan.status == PlanStatus.APPROVED:
        plan.approved_at = now
    if plan.status == PlanStatus.DRAFT:
        plan.submitted_at = None
        plan.approved_at = None


def _eol_q(cutoff: datetime.date) -> Q:
    """Assets whose expected end of life is on or before `cutoff` (set, or computed from the type's lifetime)."""
    q = Q(end_of_life__isnull=False, end_of_life__lte=cutoff)
    for asset_type, years in DEFAULT_LIFETIME_YEARS.items():
        q |= Q(end_of_life__isnull=True, asset_type=asset_type, purchase_date__lte=add_years(cutoff, -years))
    return q


def replacement_candidates(organisation_ids, year: int):
    """Active assets past their end of life, or out of warranty, by the end of `year`."""
    cutoff = datetime.date(year, 12, 31)
    queryset = Asset.objects.active().filter(_eol_q(cutoff) | Q(warranty_end__lt=datetime.date(year, 1, 1)))
    if organisation_ids is not None:
        queryset = queryset.filter(organisation_id__in=organisation_ids)
    return queryset


def replacement_forecast(organisation_ids, year: int) -> list[dict]:
    """Proposed plan lines: per organisation and type, how many assets to replace and why."""
    from django.db.models import Avg, Count

    cutoff = datetime.date(year, 12, 31)
    rows = (
        replacement_candidates(organisation_ids, year)
        .values("organisation_id", "organisation__name", "asset_type")
        .annotate(
            count=Count("id"),
            past_eol=Count("id", filter=_eol_q(cutoff)),
            avg_cost=Avg("cost"),
        )
        .order_by("organisation__name", "asset_type")
    )
    labels = dict(AssetType.choices)
    forecast = []
    for row in rows:
        unit = Decimal(row["avg_cost"] or 0).quantize(Decimal("1"))
        forecast.append(
            {
                **row,
                "type_label": labels.get(row["asset_type"], row["asset_type"]),
                "category": CATEGORY_OF_TYPE.get(row["asset_type"]),
                "out_of_warranty_only": row["count"] - row["past_eol"],
                "estimated_cost": unit * row["count"],
            }
        )
    return forecast


def propose_replacement_lines(plan: Plan, *, by) -> list[PlanLine]:
    """Adds a plan line per asset type with equipment to replace in the plan's year (once per type)."""
    if not can_edit_plan_lines(by, plan):
        raise ValidationError(_("A submitted plan can only be changed by the Information Center."))
    existing = set(plan.lines.exclude(asset_type="").values_list("asset_type", flat=True))
    lines = []
    with transaction.atomic():
        for row in replacement_forecast([plan.organisation_id], plan.year):
            if row["asset_type"] in existing:
                continue
            label = row["type_label"]
            lines.append(
                PlanLine.objects.create(
                    plan=plan,
                    item=_("Replacement: %(type)s") % {"type": label},
                    category=row["category"],
                    asset_type=row["asset_type"],
                    quantity=row["count"],
                    estimated_cost=row["estimated_cost"],
                    justification=_(
                        "%(eol)s past their expected end of life and %(warranty)s out of warranty "
                        "by the end of %(year)s."
                    )
                    % {"eol": row["past_eol"], "warranty": row["out_of_warranty_only"], "year": plan.year},
                    priority=Priority.HIGH if row["past_eol"] else Priority.MEDIUM,
                    sort_order=1000 + len(lines),
                )
            )
        if lines:
            audit.record(plan, "inventory.plan_forecast", by, extra={"lines": [str(line) for line in lines]})
    return lines


def plan_realisation(plan: Plan) -> dict:
    """Per line: quantity planned (approved) and bought (assets linked to the line); overall percentage."""
    from django.db.models import Count

    lines = list(plan.lines.annotate(bought=Count("assets")).order_by("sort_order", "id"))
    planned = sum(line.final_quantity for line in lines)
    bought = sum(min(line.bought, line.final_quantity) for line in lines)
    return {
        "lines": lines,
        "planned": planned,
        "bought": bought,
        "percent": round(100 * bought / planned) if planned else 0,
        "total_cost": sum((line.final_cost for line in lines), Decimal(0)),
    }


def consolidated_plan(year: int, organisation_ids=None, statuses=None) -> dict:
    """Totals of the year's plans by organisation and by category (approved figures where adjusted)."""
    from django.db.models import Case, DecimalField, IntegerField, Sum, When

    lines = PlanLine.objects.filter(plan__year=year)
    if statuses:
        lines = lines.filter(plan__status__in=statuses)
    if organisation_ids is not None:
        lines = lines.filter(plan__organisation_id__in=organisation_ids)
    quantity = Sum(
        Case(When(approved_quantity__isnull=False, then="approved_quantity"), default="quantity"),
        output_field=IntegerField(),
    )
    cost = Sum(
        Case(When(approved_cost__isnull=False, then="approved_cost"), default="estimated_cost"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    by_org = list(
        lines.values("plan__organisation_id", "plan__organisation__name", "plan__status")
        .annotate(quantity=quantity, cost=cost)
        .order_by("plan__organisation__name")
    )
    by_category = list(lines.values("category").annotate(quantity=quantity, cost=cost).order_by("category"))
    from .models import PlanCategory

    labels = dict(PlanCategory.choices)
    status_labels = dict(PlanStatus.choices)
    for row in by_category:
        row["label"] = labels.get(row["category"], row["category"])
    for row in by_org:
        row["status_label"] = status_labels.get(row["plan__status"], "")
    matrix_rows = lines.values("plan__organisation__name", "category").annotate(cost=cost)
    matrix: dict[str, dict[str, Decimal]] = {}
    for row in matrix_rows:
        matrix.setdefault(row["plan__organisation__name"], {})[row["category"]] = row["cost"]
    return {
        "by_organisation": by_org,
        "by_category": by_category,
        "matrix": matrix,
        "total_quantity": sum(r["quantity"] or 0 for r in by_org),
        "total_cost": sum((r["cost"] or Decimal(0) for r in by_org), Decimal(0)),
    }


# --- maintenance ---------------------------------------------------------------------------------------------------


def schedule_assets(schedule: MaintenanceSchedule, organisation_id: int | None = None):
    if schedule.asset_id:
        return Asset.objects.filter(pk=schedule.asset_id).active()
    queryset = Asset.objects.active().filter(asset_type=schedule.asset_type)
    if schedule.organisation_id:
        queryset = queryset.filter(organisation_id=schedule.organisation_id)
    elif organisation_id:
        queryset = queryset.filter(organisation_id=organisation_id)
    return queryset


def _open_ticket(**kwargs):
    try:
        from infocentar.servicedesk.services import open_ticket
    except ImportError:  # the service desk is not installed: the run is recorded without a ticket
        return None
    return open_ticket(**kwargs)


def run_due_maintenance(today: datetime.date | None = None) -> str:
    """The periodic job: a ticket per organisation for every schedule that is due; idempotent.

    A schedule that is far overdue (the job did not run for months, or the schedule was entered with an
    old date) gets ONE ticket, for its latest missed occurrence, which says since when the work is
    overdue; its next due date moves to the first occurrence after today. One ticket per missed
    occurrence would only be a pile of duplicates for the same work."""
    today = today or timezone.localdate()
    created = 0
    schedules = MaintenanceSchedule.objects.filter(is_active=True, next_due__lte=today).select_related("asset")
    for schedule in schedules:
        missed = schedule.occurrences(today)
        created += _run_schedule(schedule, missed[-1], overdue_since=missed[0] if len(missed) > 1 else None)
        schedule.next_due = add_months(schedule.next_due, schedule.interval_months * len(missed))
        MaintenanceSchedule.objects.filter(pk=schedule.pk).update(next_due=schedule.next_due)
    return f"{created} maintenance tickets opened"


def _run_schedule(schedule: MaintenanceSchedule, due: datetime.date, overdue_since: datetime.date | None = None) -> int:
    from django.db.models import Count

    if schedule.asset_id:
        groups = [(schedule.asset.organisation_id, 1)] if schedule.asset.status not in INACTIVE_STATUSES else []
    else:
        groups = list(
            schedule_assets(schedule)
            .values("organisation_id")
            .annotate(n=Count("id"))
            .values_list("organisation_id", "n")
            .order_by("organisation_id")
        )
    opened = 0
    for organisation_id, count in groups:
        run, created = MaintenanceRun.objects.get_or_create(
            schedule=schedule, organisation_id=organisation_id, due_on=due, defaults={"asset_count": count}
        )
        if not created:
            continue
        assets = list(schedule_assets(schedule, organisation_id).order_by("asset_tag")[:200])
        from infocentar.core.models import Organisation

        organisation = Organisation.objects.get(pk=organisation_id)
        description = "\n".join(
            [schedule.instructions or "", "", _("Assets:")] + [f"- {a} ({a.location or '—'})" for a in assets]
        ).strip()
        if count > len(assets):
            description += "\n" + _("… and %(n)s more.") % {"n": count - len(assets)}
        if overdue_since is not None:
            description += "\n\n" + _(
                "This maintenance has been overdue since %(date)s; one ticket is opened for all the missed dates."
            ) % {"date": overdue_since.strftime("%d.%m.%Y")}
        ticket = _open_ticket(
            organisation=organisation,
            title=_("Maintenance: %(name)s (due %(date)s)") % {"name": schedule.name, "date": due.strftime("%d.%m.%Y")},
            description=description,
            category="hardware",
            asset=assets[0] if len(assets) == 1 else None,
            source="maintenance",
        )
        if ticket is not None:
            run.ticket_id = ticket.pk
            run.save(update_fields=["ticket_id"])
        for asset in assets:
            record_event(asset, AssetEventKind.MAINTENANCE, schedule.name)
        opened += 1
    return opened


def maintenance_calendar(schedules, start: datetime.date, months: int = 12) -> list[dict]:
    """What is due month by month from `start`: [{'month': date, 'items': [(date, schedule)]}]."""
    end = add_months(start, months)
    buckets: dict[tuple[int, int], list] = {}
    for schedule in schedules:
        for day in schedule.occurrences(end - datetime.timedelta(days=1)):
            if day >= start.replace(day=1):
                buckets.setdefault((day.year, day.month), []).append((day, schedule))
    result = []
    for i in range(months):
        month = add_months(start.replace(day=1), i)
        items = sorted(buckets.get((month.year, month.month), []), key=lambda pair: (pair[0], pair[1].name))
        result.append({"month": month, "items": items})
    return result


# --- API tokens ---------------------------------------------------------------------------------------------------


def create_token(*, organisation, name: str, scopes, by) -> tuple[ApiToken, str]:
    if not can_see(by, organisation):
        raise PermissionDenied
    with transaction.atomic():
        token, secret = ApiToken.create(organisation=organisation, name=name, scopes=scopes, created_by=by)
        audit.record(token, "wagtail.create", by, after=audit.snapshot(token), title=str(token))
    return token, secret


def revoke_token(token: ApiToken, *, by) -> ApiToken:
    if token.revoked_at is None:
        with transaction.atomic():
            before = audit.snapshot(token)
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit.record(token, "inventory.token_revoked", by, before=before, after=audit.snapshot(token))
    return token


def can_use_staff_tools(user) -> bool:
    return has_role(user, *IT_ROLES)


def consolidated_scope(user):
    """Whose plans the consolidated plan shows: all for IT staff and the Mayor's office; else the user's own.

    Returns (allowed, organisation ids or None for all).
    """
    if is_it_global(user) or has_role(user, Role.MAYORS_OFFICE):
        return True, None
    if has_role(user, *IT_ROLES):
        return True, visible_ids(user)
    return False, frozenset()
