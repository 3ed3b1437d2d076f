"""Wagtail admin viewsets scoped to the user's organisations, with full audit.

Every back-office viewset of Infocentar derives from `ScopedModelViewSet` (or
`ScopedSnippetViewSet`). Each view the viewset builds is given the scoping
mixin: listings and exports show only records of organisations the user may
see, any single-object view answers 404 for a record outside that scope, the
organisation field offers only those organisations, and create/edit/delete
write an audit entry with the values before and after.
"""

from __future__ import annotations

from django.db import models, transaction
from django.http import Http404
from django.utils.functional import cached_property
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import audit
from .models import GLOBAL_ROLES, Organisation
from .scoping import visible_organisation_ids


class ScopedViewMixin:
    """Mixed into every view of a scoped viewset (see `ScopedViewSetMixin`)."""

    scope_viewset = None

    # --- scoping -------------------------------------------------------
    def _scope_ids(self):
        vs = self.scope_viewset
        return visible_organisation_ids(self.request.user, roles=vs.scope_roles, global_roles=vs.global_roles)

    def scope_queryset(self, queryset):
        ids = self._scope_ids()
        if ids is None:
            return queryset
        return queryset.filter(**{self.scope_viewset.organisation_lookup: ids})

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if queryset.model is not self.model:
            # History and usage views list log entries and references of one
            # record, whose scope get_object() has already checked.
            return queryset
        queryset = self.scope_queryset(queryset)
        if self.scope_viewset.list_select_related:
            queryset = queryset.select_related(*self.scope_viewset.list_select_related)
        return queryset

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not self.scope_queryset(type(obj)._default_manager.filter(pk=obj.pk)).exists():
            raise Http404
        return obj

    # --- forms and filters ------------------------------------------------
    def _scope_form_fields(self, form) -> None:
        """Organisation choices (form fields and list filters) offer only the user's."""
        ids = self._scope_ids()
        if ids is None:
            return
        for field in form.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model is Organisation:
                field.queryset = queryset.filter(pk__in=ids)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        self._scope_form_fields(form)
        return form

    @cached_property
    def filters(self):
        filterset = super().filters
        if filterset is not None:
            self._scope_form_fields(filterset.form)
        return filterset

    # --- audit -----------------------------------------------------------
    def save_instance(self):
        instance = self.form.instance
        is_new = instance.pk is None
        before = None if is_new else audit.snapshot(type(instance)._default_manager.get(pk=instance.pk))
        with transaction.atomic():
            self.action_class(
                instance,
                user=self.request.user,
                form=self.form,
                log_action=False,
                **({"sort_order_field": self.sort_order_field} if is_new else {}),
            ).execute(skip_permission_checks=True)
            instance = self.form.instance
            audit.record(
                instance,
                "wagtail.create" if is_new else "wagtail.edit",
                self.request.user,
                before=before,
                after=audit.snapshot(instance),
                title=str(instance),
            )
            self.scope_viewset.on_saved(instance, self.request, is_new, before)
        return instance

    def delete_action(self):
        instance = self.object
        with transaction.atomic():
            audit.record(instance, "wagtail.delete", self.request.user, before=audit.snapshot(instance), after=None)
            self.action_class(instance, user=self.request.user, log_action=False).execute(skip_permission_checks=True)
            self.scope_viewset.on_deleted(instance, self.request)


class ScopedViewSetMixin:
    """Gives every view of the viewset the organisation scope and the audit."""

    #: Path from the model to its organisation; "pk" for Organisation itself.
    organisation_lookup = "organisation__in"
    #: Memberships that count for this viewset (None: any role).
    scope_roles = None
    #: Roles that see every organisation's records here.
    global_roles = GLOBAL_ROLES
    #: Relations the listing shows, fetched with it (no query per row).
    list_select_related: tuple[str, ...] = ()

    def on_saved(self, instance, request, created: bool, before: dict | None = None) -> None:
        """Called after a create or edit through the admin (in the same transaction)."""

    def on_deleted(self, instance, request) -> None:
        """Called after a delete through the admin (in the same transaction)."""

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, ScopedViewMixin):
            view_class = type(view_class.__name__, (ScopedViewMixin, view_class), {"scope_viewset": self})
        return super().construct_view(view_class, **kwargs)


class ScopedModelViewSet(ScopedViewSetMixin, ModelViewSet):
    """A ModelViewSet for records that belong to an organisation."""


class ScopedSnippetViewSet(ScopedViewSetMixin, SnippetViewSet):
    """A SnippetViewSet for records that belong to an organisation."""


def scoped_field_queryset(model: type[models.Model], user) -> models.QuerySet:
    """Organisations `user` may choose in a form."""
    return Organisation.objects.visible_to(user)
