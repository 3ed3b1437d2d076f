"""Every write to organisations and memberships goes through here (audited)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import audit
from .models import Membership, Organisation, OrganisationKind, Role
from .scoping import clear_cache
from .text import fold

# Each role is a Django group too, so Wagtail's own permissions follow the role.
ROLE_GROUP_NAMES: dict[str, str] = {
    Role.IC_ADMIN: "Information Center administrators",
    Role.IT_STAFF: "Information Center IT staff",
    Role.IT_CONTACT: "Organisation IT contacts",
    Role.EDITOR: "Website editors",
    Role.ASSEMBLY_SERVICE: "Assembly service",
    Role.MAYORS_OFFICE: "Mayor's office",
    Role.MODERATOR: "Debate moderators",
    Role.DPO: "Data protection officers",
    Role.MEMBER: "Employees",
}

# Django permissions (app_label.codename) each role's group holds. The groups
# are the roles' own: ensure_role_groups() sets exactly these on every run.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.IC_ADMIN: [
        "wagtailadmin.access_admin",
        "core.add_organisation",
        "core.change_organisation",
        "core.delete_organisation",
        "core.view_organisation",
        "core.add_membership",
        "core.change_membership",
        "core.delete_membership",
        "core.view_membership",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "portal.change_municipalitysettings",
        "portal.change_navigationsettings",
        "portal.add_sitealert",
        "portal.change_sitealert",
        "portal.delete_sitealert",
        "portal.view_sitealert",
        "portal.add_editorialsection",
        "portal.change_editorialsection",
        "portal.delete_editorialsection",
        "portal.view_editorialsection",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
    Role.IT_STAFF: ["wagtailadmin.access_admin", "core.view_organisation", "core.view_membership"],
    Role.IT_CONTACT: ["wagtailadmin.access_admin", "core.view_organisation"],
    Role.EDITOR: [
        "wagtailadmin.access_admin",
        "core.view_organisation",
        "portal.add_sitealert",
        "portal.change_sitealert",
        "portal.delete_sitealert",
        "portal.view_sitealert",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
    Role.ASSEMBLY_SERVICE: ["wagtailadmin.access_admin", "core.view_organisation"],
    Role.MAYORS_OFFICE: ["wagtailadmin.access_admin", "core.view_organisation"],
    Role.MODERATOR: ["wagtailadmin.access_admin", "core.view_organisation"],
    Role.DPO: ["wagtailadmin.access_admin", "core.view_organisation", "core.view_membership"],
    # An ordinary employee: no back office; files IT requests for their organisation on the site.
    Role.MEMBER: [],
}

# Wagtail page permissions (on the whole page tree) and collection permissions
# (images and documents) of each role. Website editors get no page permission
# here: they edit the sections of their organisation (portal.EditorialSection),
# and the Information Center administrators approve and publish (the moderation
# workflow of ensure_editorial_setup).
ROLE_PAGE_PERMISSIONS: dict[str, list[str]] = {
    Role.IC_ADMIN: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
ROLE_COLLECTION_PERMISSIONS: dict[str, list[str]] = {
    Role.EDITOR: [
        "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
        "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
    ],
}  # fmt: skip


def _permissions(dotted_names) -> list[Permission]:
    found = []
    for dotted in dict.fromkeys(dotted_names):
        app_label, codename = dotted.split(".", 1)
        perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if perm is not None:
            found.append(perm)
    return found


def ensure_role_groups() -> dict[str, Group]:
    """Create every role's group and set exactly its permissions. Idempotent."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    groups: dict[str, Group] = {}
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role, name in ROLE_GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(ROLE_PERMISSIONS.get(role, [])))
        if root_page is not None:
            wanted = _permissions(f"wagtailcore.{c}" for c in ROLE_PAGE_PERMISSIONS.get(role, []))
            GroupPagePermission.objects.filter(group=group).exclude(permission__in=wanted).delete()
            for perm in wanted:
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=perm)
        if root_collection is not None:
            wanted = _permissions(ROLE_COLLECTION_PERMISSIONS.get(role, []))
            GroupCollectionPermission.objects.filter(group=group).exclude(permission__in=wanted).delete()
            for perm in wanted:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm
                )
        groups[role] = group
    return groups


def _role_groups() -> dict[str, Group]:
    groups = {g.name: g for g in Group.objects.filter(name__in=ROLE_GROUP_NAMES.values())}
    if len(groups) < len(ROLE_GROUP_NAMES):
        return ensure_role_groups()
    return {role: groups[name] for role, name in ROLE_GROUP_NAMES.items()}


# Functions called with the user after their role groups are synced: apps with
# groups of their own that follow memberships register here (e.g. portal's
# groups of each organisation's website editors).
GROUP_SYNC_HOOKS: list[Callable] = []


def _sync_groups(user) -> None:
    """A user's role groups follow their active memberships."""
    groups = _role_groups()
    active_roles = set(Membership.objects.active().filter(user=user).values_list("role", flat=True))
    for role, group in groups.items():
        if role in active_roles:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    for hook in GROUP_SYNC_HOOKS:
        hook(user)
    clear_cache(user)
    for attr in ("_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        user.__dict__.pop(attr, None)


# --- Editorial work on the website ------------------------------------------------
MODERATION_WORKFLOW_NAME = "Odobravanje objave"
APPROVAL_TASK_NAME = "Odobrenje objave"
# The roles whose groups approve (and publish) what editors submit.
APPROVER_ROLES: tuple[str, ...] = (Role.IC_ADMIN,)
# Called at the end of ensure_editorial_setup(): apps bring their own part (portal: section groups).
EDITORIAL_SETUP_HOOKS: list[Callable[[], None]] = []


@transaction.atomic
def ensure_editorial_setup():
    """The moderation workflow on every site's home page, approved by the approvers' groups. Idempotent.

    Editors submit pages to the workflow "Odobravanje objave"; its one task, a
    group approval, is for the groups of APPROVER_ROLES, whose page permissions
    (ROLE_PAGE_PERMISSIONS) let them publish. A workflow an administrator has
    set on a home page by hand is left alone. Returns the workflow.
    """
    from wagtail.models import GroupApprovalTask, Site, Workflow, WorkflowPage, WorkflowTask

    groups = ensure_role_groups()
    workflow = Workflow.objects.filter(name=MODERATION_WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=MODERATION_WORKFLOW_NAME, active=True)
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME, active=True)
    approvers = [groups[role] for role in APPROVER_ROLES]
    have = set(task.groups.values_list("pk", flat=True))
    missing = [group for group in approvers if group.pk not in have]
    if missing:
        task.groups.add(*missing)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for site in Site.objects.all():
        if not WorkflowPage.objects.filter(page_id=site.root_page_id).exists():
            WorkflowPage.objects.create(page_id=site.root_page_id, workflow=workflow)
    for hook in EDITORIAL_SETUP_HOOKS:
        hook()
    return workflow


@transaction.atomic
def add_membership(user, organisation: Organisation, role: str, *, by=None, job_title: str = "") -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"job_title": job_title}
    )
    before = None if created else audit.snapshot(membership)
    if not created and (not membership.is_active or (job_title and membership.job_title != job_title)):
        membership.is_active = True
        membership.job_title = job_title or membership.job_title
        membership.save(update_fields=["is_active", "job_title"])
    if created or before != audit.snapshot(membership):
        audit.record(
            membership,
            "wagtail.create" if created else "wagtail.edit",
            by,
            before=before,
            after=audit.snapshot(membership),
        )
    _sync_groups(user)
    return membership


@transaction.atomic
def end_membership(membership: Membership, *, by=None) -> Membership:
    before = audit.snapshot(membership)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit.record(membership, "wagtail.edit", by, before=before, after=audit.snapshot(membership))
    _sync_groups(membership.user)
    return membership


def unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(fold(name))[:90] or "organisation"
    slug, n = base, 2
    qs = Organisation.objects.all()
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_organisation(organisation: Organisation, *, by=None) -> Organisation:
    """Create or update an organisation after validating it."""
    is_new = organisation.pk is None
    before = None if is_new else audit.snapshot(Organisation.objects.get(pk=organisation.pk))
    if not organisation.slug:
        organisation.slug = unique_slug(organisation.name, organisation.pk)
    organisation.full_clean()
    organisation.save()
    audit.record(
        organisation,
        "wagtail.create" if is_new else "wagtail.edit",
        by,
        before=before,
        after=audit.snapshot(organisation),
    )
    if before is not None and before.get("is_active") != organisation.is_active:
        sync_members(organisation)
    return organisation


def sync_members(organisation: Organisation) -> None:
    """Role groups of everyone in the organisation follow its (in)activity."""
    from django.contrib.auth import get_user_model

    for user in get_user_model().objects.filter(memberships__organisation=organisation).distinct():
        _sync_groups(user)


# --- CSV import ----------------------------------------------------------------
CSV_COLUMNS = [
    "name", "short_name", "kind", "parent", "head_name", "head_title", "email", "phone", "address",
    "working_hours", "website", "founding_act", "mandate",
]  # fmt: skip
REQUIRED_COLUMNS = {"name", "kind"}
MAX_IMPORT_ROWS = 5000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = True

    @property
    def ok(self) -> bool:
        return not self.errors


# Names people write in spreadsheets, folded, for each kind.
KIND_ALIASES = {
    OrganisationKind.ORGAN: {"organ", "organ opstine", "skupstina", "predsjednik opstine"},
    OrganisationKind.ADMINISTRATION: {
        "organ uprave", "organ lokalne uprave", "sekretarijat", "sluzba", "uprava", "direkcija", "kabinet",
    },
    OrganisationKind.ENTERPRISE: {"javno preduzece", "jp", "preduzece", "doo", "d.o.o."},
    OrganisationKind.INSTITUTION: {"javna ustanova", "ju", "ustanova"},
    OrganisationKind.LOCAL_COMMUNITY: {"mjesna zajednica", "mz"},
    OrganisationKind.OTHER: {"ostalo", "drugo"},
}  # fmt: skip


def _kind_value(raw: str) -> str | None:
    folded = fold(raw)
    for value, label in OrganisationKind.choices:
        if folded in {value, fold(str(label))} or folded in KIND_ALIASES.get(value, ()):
            return value
    return None


def import_organisations_csv(data: bytes | str, *, by=None, dry_run: bool = True) -> ImportResult:
    """Import organisations from CSV (header row; columns in CSV_COLUMNS).

    Rows are matched by official name; `parent` names another organisation
    (in the database or anywhere in the file). For an organisation that
    exists, an empty cell or a missing column leaves the field as it is.
    Nothing is written unless every row is valid and `dry_run` is False.
    """
    result = ImportResult(dry_run=dry_run)
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            result.errors.append((0, _("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.")))
            return result
    else:
        text = data
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = REQUIRED_COLUMNS - set(header)
    unknown = set(header) - set(CSV_COLUMNS)
    if missing:
        result.errors.append((1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(sorted(missing))}))
    if unknown:
        result.errors.append((1, _("Unknown columns: %(columns)s.") % {"columns": ", ".join(sorted(unknown))}))
    if result.errors:
        return result

    rows = []
    for line_no, raw in enumerate(reader, start=2):
        if line_no - 1 > MAX_IMPORT_ROWS:
            result.errors.append((line_no, _("Too many rows: at most %(n)d at a time.") % {"n": MAX_IMPORT_ROWS}))
            return result
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        if not any(row.values()):
            continue
        rows.append((line_no, row))

    by_name = {fold(o.name): o for o in Organisation.objects.all()}
    names_in_file: dict[str, int] = {}
    planned: list[tuple[int, dict, Organisation | None]] = []
    for line_no, row in rows:
        name = row.get("name", "")
        if not name:
            result.errors.append((line_no, _("The name is empty.")))
            continue
        key = fold(name)
        if key in names_in_file:
            result.errors.append(
                (
                    line_no,
                    _("“%(name)s” appears twice (also on row %(row)d).") % {"name": name, "row": names_in_file[key]},
                )
            )
            continue
        names_in_file[key] = line_no
        kind = _kind_value(row.get("kind", ""))
        if kind is None:
            result.errors.append((line_no, _("Unknown kind “%(kind)s”.") % {"kind": row.get("kind", "")}))
            continue
        row["kind"] = kind
        planned.append((line_no, row, by_name.get(key)))

    for line_no, row, _existing in planned:
        parent = row.get("parent", "")
        if parent and fold(parent) not in by_name and fold(parent) not in names_in_file:
            result.errors.append((line_no, _("Unknown parent organisation “%(parent)s”.") % {"parent": parent}))
        if parent and fold(parent) == fold(row["name"]):
            result.errors.append((line_no, _("An organisation cannot be its own parent.")))

    if result.errors:
        return result

    with transaction.atomic():
        sid = transaction.savepoint()
        _write_rows(planned, by_name, result, by)
        if dry_run or result.errors:
            transaction.savepoint_rollback(sid)
            if result.errors:
                result.created = result.updated = result.unchanged = 0
        else:
            transaction.savepoint_commit(sid)
    return result


def _write_rows(planned, by_name, result: ImportResult, by) -> None:
    saved: list[tuple[int, dict, Organisation, dict | None]] = []
    for line_no, row, existing in planned:
        org = existing or Organisation()
        before = audit.snapshot(org) if existing else None
        for column in CSV_COLUMNS:
            if column != "parent" and column in row and (row[column] or not existing):
                setattr(org, column, row[column])
        if not org.slug:
            org.slug = unique_slug(org.name, org.pk)
        try:
            org.full_clean(exclude=["parent"])
        except ValidationError as exc:
            details = "; ".join(f"{name}: {' '.join(errs)}" for name, errs in exc.message_dict.items())
            result.errors.append((line_no, details))
            continue
        org.save()
        by_name[fold(org.name)] = org
        saved.append((line_no, row, org, before))
    # Parents second, so a row may name a parent that comes later in the file.
    for line_no, row, org, before in saved:
        parent = row.get("parent", "")
        # An existing organisation keeps its parent when the cell is empty.
        new_parent = by_name.get(fold(parent)) if parent else (org.parent if before is not None else None)
        if org.parent_id != (new_parent.pk if new_parent else None):
            org.parent = new_parent
            try:
                org.clean()
            except ValidationError as exc:
                result.errors.append((line_no, " ".join(exc.messages)))
                continue
            org.save(update_fields=["parent"])
        after = audit.snapshot(org)
        if before is not None and after == before:
            result.unchanged += 1
            continue
        audit.record(
            org,
            "wagtail.edit" if before is not None else "wagtail.create",
            by,
            before=before,
            after=after,
            extra={"source": "csv-import"},
        )
        if before is not None:
            result.updated += 1
        else:
            result.created += 1
