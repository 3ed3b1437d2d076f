"""The municipality's organisations, the people in them and their roles."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .text import fold_for_index


class OrganisationKind(models.TextChoices):
    ORGAN = "organ", _("Organ of the municipality")
    ADMINISTRATION = "administration", _("Local administration body")
    ENTERPRISE = "enterprise", _("Public enterprise")
    INSTITUTION = "institution", _("Public institution")
    LOCAL_COMMUNITY = "local_community", _("Local community")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    """What a member may do in an organisation (see docs/guides/roles.md)."""

    IC_ADMIN = "ic_admin", _("Information Center administrator")
    IT_STAFF = "it_staff", _("Information Center IT staff")
    IT_CONTACT = "it_contact", _("Organisation IT contact")
    EDITOR = "editor", _("Website editor")
    ASSEMBLY_SERVICE = "assembly_service", _("Assembly service")
    MAYORS_OFFICE = "mayors_office", _("Mayor's office")
    MODERATOR = "moderator", _("Debate moderator")
    DPO = "dpo", _("Data protection officer")
    MEMBER = "member", _("Employee")


# Roles whose holders see every organisation's records in their field.
GLOBAL_ROLES = frozenset({Role.IC_ADMIN})
IT_GLOBAL_ROLES = frozenset({Role.IC_ADMIN, Role.IT_STAFF})


class OrganisationQuerySet(models.QuerySet):
    def active(self) -> OrganisationQuerySet:
        return self.filter(is_active=True)

    def visible_to(self, user, roles=None) -> OrganisationQuerySet:
        """The organisations whose back-office records `user` may see."""
        from .scoping import visible_organisation_ids

        ids = visible_organisation_ids(user, roles=roles)
        if ids is None:
            return self.all()
        return self.filter(pk__in=ids)


class Organisation(index.Indexed, models.Model):
    """A body, enterprise, institution or local community of the municipality."""

    name = models.CharField(_("official name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    mandate = models.TextField(_("mandate"), blank=True, help_text=_("What the organisation does, in a few sentences."))
    head_name = models.CharField(_("head"), max_length=150, blank=True)
    head_title = models.CharField(_("title of the head"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    working_hours = models.CharField(_("working hours"), max_length=255, blank=True)
    website = models.URLField(_("web site"), blank=True)
    founding_act = models.CharField(
        _("founding act"), max_length=255, blank=True, help_text=_("The act by which the organisation was founded.")
    )
    is_information_center = models.BooleanField(
        _("is the Information Center"),
        default=False,
        help_text=_("The organisation that runs the municipality's information system."),
    )
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    search_fields = [
        index.SearchField("search_text"),
        index.AutocompleteField("search_text"),
        index.FilterField("kind"),
        index.FilterField("is_active"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["sort_order", "name"]
        indexes = [models.Index(fields=["kind", "is_active", "sort_order"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation-detail", args=[self.slug])

    @property
    def search_text(self) -> str:
        """Folded text for the search index (both scripts, no diacritics)."""
        return fold_for_index(" ".join(filter(None, [self.name, self.short_name, self.mandate, self.head_name])))

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        if not self.slug and self.name:
            from .text import fold as _fold

            self.slug = slugify(_fold(self.name))[:100]
        ancestor = self.parent
        seen = set()
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("An organisation cannot be placed under itself.")})
            if ancestor.pk in seen:
                break
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class MembershipQuerySet(models.QuerySet):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True, organisation__is_active=True)


class Membership(models.Model):
    """A person's role in an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), related_name="memberships", on_delete=models.CASCADE
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), related_name="memberships", on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, db_index=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="core_membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"


class OrganisationScopedQuerySet(models.QuerySet):
    """A queryset of records that belong to an organisation (field `organisation`)."""

    organisation_field = "organisation"

    def for_user(self, user, roles=None) -> OrganisationScopedQuerySet:
        from .scoping import visible_organisation_ids

        ids = visible_organisation_ids(user, roles=roles)
        if ids is None:
            return self
        return self.filter(**{f"{self.organisation_field}__in": ids})


class PeriodicRun(models.Model):
    """The last run of one periodic job (core.periodic)."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_ok = models.BooleanField(_("last run succeeded"), default=True)
    last_summary = models.CharField(_("last result"), max_length=500, blank=True)
    runs = models.PositiveIntegerField(_("runs"), default=0)

    class Meta:
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
