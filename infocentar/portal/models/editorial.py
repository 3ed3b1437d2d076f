"""Editors limited to the sections of their organisation.

An `EditorialSection` says that an organisation's website editors may work on
a part of the page tree (a page and everything below it). Each organisation
with sections gets a group, "Urednici — <short name>", holding Wagtail page
permissions on those pages: add, change, lock and unlock. Publishing is not
among them: an editor submits a page to the moderation workflow and an
approver publishes it (core.services.ensure_editorial_setup). A section marked
`can_publish` (the Information Center's central editors, say) also gives
publish_page there, so its editors may publish without the approval step.

Users with an active editor membership in the organisation are in its group;
`sync_editor_groups(user)` runs whenever core re-syncs a user's role groups
(core.services.GROUP_SYNC_HOOKS), and `sync_section_permissions(org)` whenever
a section is saved or deleted.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

SECTION_GROUP_PREFIX = "Urednici — "
SECTION_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")
PUBLISH_PERMISSION = "publish_page"


class EditorialSection(models.Model):
    """A part of the page tree an organisation's editors may edit (urednička sekcija)."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        related_name="editorial_sections",
        on_delete=models.CASCADE,
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section (a page and the pages below it)"),
        related_name="+",
        on_delete=models.CASCADE,
    )
    can_publish = models.BooleanField(
        _("editors publish directly"),
        default=False,
        help_text=_(
            "Off: the organisation's editors submit their pages for approval (the moderation workflow). "
            "On: they publish here without it, as approvers do."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("editorial section")
        verbose_name_plural = _("editorial sections")
        ordering = ["organisation__name", "page__path"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "page"], name="portal_editorialsection_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.page.title}"


class EditorialGroup(models.Model):
    """The group of an organisation's website editors, kept by the sync (not edited by hand)."""

    organisation = models.OneToOneField(
        "core.Organisation", verbose_name=_("organisation"), related_name="editorial_group", on_delete=models.CASCADE
    )
    group = models.OneToOneField(Group, verbose_name=_("group"), related_name="+", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("editorial group")
        verbose_name_plural = _("editorial groups")

    def __str__(self) -> str:
        return self.group.name


def section_group_name(organisation) -> str:
    return (SECTION_GROUP_PREFIX + (organisation.short_name or organisation.name))[:150]


def _section_group(organisation, create: bool) -> Group | None:
    link = EditorialGroup.objects.filter(organisation=organisation).select_related("group").first()
    name = section_group_name(organisation)
    if link is None:
        if not create:
            return None
        group = Group.objects.filter(name=name).first() or Group.objects.create(name=name)
        EditorialGroup.objects.create(organisation=organisation, group=group)
        return group
    group = link.group
    if group.name != name and not Group.objects.filter(name=name).exclude(pk=group.pk).exists():
        group.name = name
        group.save(update_fields=["name"])
    return group


def _editor_ids(organisation) -> set[int]:
    from infocentar.core.models import Membership, Role

    return set(
        Membership.objects.active()
        .filter(organisation=organisation, role=Role.EDITOR)
        .values_list("user_id", flat=True)
    )


@transaction.atomic
def sync_section_permissions(organisation) -> Group | None:
    """The organisation's group holds exactly the page permissions its sections give, and its editors."""
    from wagtail.models import GroupPagePermission

    sections = list(EditorialSection.objects.filter(organisation=organisation).values_list("page_id", "can_publish"))
    group = _section_group(organisation, create=bool(sections))
    if group is None:
        return None
    permissions = dict(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=[*SECTION_PAGE_PERMISSIONS, PUBLISH_PERMISSION]
        ).values_list("codename", "pk")
    )
    wanted = set()
    for page_id, can_publish in sections:
        codenames = [*SECTION_PAGE_PERMISSIONS, PUBLISH_PERMISSION] if can_publish else SECTION_PAGE_PERMISSIONS
        wanted |= {(page_id, permissions[codename]) for codename in codenames if codename in permissions}
    existing = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id"))
    stale = existing - wanted
    for page_id, permission_id in stale:
        GroupPagePermission.objects.filter(group=group, page_id=page_id, permission_id=permission_id).delete()
    GroupPagePermission.objects.bulk_create(
        [GroupPagePermission(group=group, page_id=page_id, permission_id=pid) for page_id, pid in wanted - existing]
    )
    members = set(group.user_set.values_list("pk", flat=True))
    editors = _editor_ids(organisation)
    if members != editors:
        from django.contrib.auth import get_user_model

        group.user_set.remove(*get_user_model().objects.filter(pk__in=members - editors))
        group.user_set.add(*get_user_model().objects.filter(pk__in=editors - members))
    return group


def sync_editor_groups(user) -> None:
    """A user is in the section group of exactly the organisations where they are an active editor."""
    from infocentar.core.models import Membership, Role

    links = list(EditorialGroup.objects.select_related("group"))
    if not links:
        return
    editor_of = set(
        Membership.objects.active().filter(user=user, role=Role.EDITOR).values_list("organisation_id", flat=True)
    )
    current = set(user.groups.values_list("pk", flat=True))
    add = [link.group for link in links if link.organisation_id in editor_of and link.group_id not in current]
    remove = [link.group for link in links if link.organisation_id not in editor_of and link.group_id in current]
    if add:
        user.groups.add(*add)
    if remove:
        user.groups.remove(*remove)


def sync_all_sections() -> None:
    """Every organisation's section group follows its sections and its editors (idempotent)."""
    from infocentar.core.models import Organisation

    org_ids = set(EditorialSection.objects.values_list("organisation_id", flat=True))
    org_ids |= set(EditorialGroup.objects.values_list("organisation_id", flat=True))
    for organisation in Organisation.objects.filter(pk__in=org_ids):
        sync_section_permissions(organisation)


def section_changed(sender, instance: EditorialSection, **kwargs) -> None:
    from infocentar.core.models import Organisation

    organisation = Organisation.objects.filter(pk=instance.organisation_id).first()
    if organisation is not None:
        sync_section_permissions(organisation)


def editorial_group_deleted(sender, instance: EditorialGroup, **kwargs) -> None:
    Group.objects.filter(pk=instance.group_id).delete()
