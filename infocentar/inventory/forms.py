"""Back-office forms of the inventory: optimistic locking, scoped choices, plan workflow."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from infocentar.core.models import Membership

from . import services
from .models import ApiToken, Asset, AssetType, Plan, PlanLine, PlanStatus, TokenScope


class AssetTagField(forms.ModelChoiceField):
    """An asset chosen by typing its tag (a select of 100,000 assets would not do)."""

    widget = forms.TextInput

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("to_field_name", "asset_tag")
        kwargs.setdefault("help_text", _("The asset tag on the label."))
        kwargs.setdefault("error_messages", {"invalid_choice": _("No asset with this tag in your organisations.")})
        super().__init__(queryset if queryset is not None else Asset.objects.all(), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Asset):
            return value.asset_tag
        if isinstance(value, int):
            return Asset.objects.filter(pk=value).values_list("asset_tag", flat=True).first() or value
        return value

    def to_python(self, value):
        """The asset with this tag among the field's queryset; spaces around it are ignored, and a tag typed
        in lower case finds the upper-case one (an indexed lookup: no full scan of 100,000 tags)."""
        value = value.strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if isinstance(value, Asset):
            value = value.asset_tag
        value = str(value)
        if len(value) > 100:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        matches = {asset.asset_tag: asset for asset in self.queryset.filter(asset_tag__in={value, value.upper()})}
        found = matches.get(value) or matches.get(value.upper())
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


def people_of(user):
    """People a user may assign equipment to: members of the organisations they see."""
    ids = services.visible_ids(user)
    members = Membership.objects.active()
    if ids is not None:
        members = members.filter(organisation_id__in=ids)
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=members.values("user_id"))
        .order_by("last_name", "first_name", "username")
    )


class VersionedFormMixin:
    """Optimistic locking: the form carries the version it was opened at; a stale save is refused."""

    def add_version_field(self) -> None:
        self.fields["expected_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.fields["expected_version"].initial = self.instance.version if self.instance.pk else None

    def check_version(self) -> None:
        if not self.instance.pk:
            return
        expected = self.cleaned_data.get("expected_version")
        current = type(self.instance)._default_manager.filter(pk=self.instance.pk).values_list("version", flat=True)
        current = current.first()
        if expected is None or current != expected:
            raise ValidationError(
                _("Someone else changed this record after you opened it. Reload the page to see their changes."),
                code="stale",
            )

    def bump_version(self) -> None:
        if self.instance.pk:
            self.instance.version = (self.cleaned_data.get("expected_version") or self.instance.version) + 1


class AssetForm(VersionedFormMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        if "assigned_to" in self.fields and self.for_user is not None:
            self.fields["assigned_to"].queryset = people_of(self.for_user)
        if "plan_line" in self.fields:
            lines = PlanLine.objects.select_related("plan__organisation").filter(
                plan__year__gte=timezone.localdate().year - 2
            )
            ids = services.visible_ids(self.for_user) if self.for_user is not None else None
            if ids is not None:
                lines = lines.filter(plan__organisation_id__in=ids)
            self.fields["plan_line"].queryset = lines

    def clean(self):
        cleaned = super().clean()
        self.check_version()
        line = cleaned.get("plan_line")
        organisation = cleaned.get("organisation")
        if line is not None and organisation is not None and line.plan.organisation_id != organisation.pk:
            self.add_error("plan_line", _("The plan line belongs to another organisation's plan."))
        return cleaned

    def save(self, commit=True):
        self.bump_version()
        return super().save(commit=commit)


class PlanForm(VersionedFormMixin, WagtailAdminModelForm):
    IT_ONLY_FIELDS = ("review_notes",)
    IT_ONLY_LINE_FIELDS = ("approved_quantity", "approved_cost")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field()
        user = self.for_user
        self.is_it = user is not None and services.is_it_global(user)
        if "status" in self.fields and user is not None:
            allowed = services.allowed_plan_statuses(user, self.instance)
            self.fields["status"].choices = [(v, label) for v, label in PlanStatus.choices if v in allowed]
        if not self.is_it:
            for name in self.IT_ONLY_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
            for formset in self.formsets.values():
                for form in formset.forms:
                    for name in self.IT_ONLY_LINE_FIELDS:
                        if name in form.fields:
                            form.fields[name].disabled = True
            if self.instance.pk and "organisation" in self.fields:
                self.fields["organisation"].disabled = True
            if self.instance.pk and "year" in self.fields:
                self.fields["year"].disabled = True

    def clean(self):
        cleaned = super().clean()
        self.check_version()
        if self.instance.pk and not self.is_it:
            stored = Plan.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()
            if stored != PlanStatus.DRAFT:
                raise ValidationError(
                    _("The plan has been submitted; only the Information Center can change it now."), code="locked"
                )
        return cleaned

    def save(self, commit=True):
        self.bump_version()
        plan = self.instance
        if "status" in self.changed_data or not plan.pk:
            services._stamp_plan(plan)
        return super().save(commit=commit)


class ApiTokenForm(WagtailAdminModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=TokenScope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[TokenScope.INVENTORY_READ, TokenScope.INVENTORY_WRITE],
        help_text=_("What a script with this token may do."),
    )

    class Meta:
        model = ApiToken
        fields = ["name", "organisation", "scopes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "organisation" in self.fields:
            self.fields["organisation"].disabled = True
        self.secret = None

    def save(self, commit=True):
        token = self.instance
        if token.pk is None:
            self.secret = token.set_new_secret()
            token.created_by = self.for_user
        token.scopes = list(self.cleaned_data.get("scopes") or [])
        return super().save(commit=commit)


class CheckoutForm(forms.Form):
    recipient = forms.ModelChoiceField(label=_("Person"), queryset=None, required=False)
    location = forms.CharField(label=_("Or a location"), max_length=200, required=False)
    expected_return = forms.DateField(
        label=_("Expected return"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = people_of(user)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("recipient") and not (cleaned.get("location") or "").strip():
            raise ValidationError(_("Choose a person or enter a location."))
        return cleaned


class LicenceSeatForm(forms.Form):
    asset = AssetTagField(label=_("Asset"), required=False)
    user = forms.ModelChoiceField(label=_("Person"), queryset=None, required=False)

    def __init__(self, *args, user=None, licence=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people_of(user)
        if licence is not None:
            self.fields["asset"].queryset = Asset.objects.filter(organisation_id=licence.organisation_id)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("asset") and not cleaned.get("user") and not self.errors:
            raise ValidationError(_("Choose an asset or a person."))
        return cleaned


class LabelsForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    asset_type = forms.ChoiceField(label=_("Type"), choices=[("", "—"), *AssetType.choices], required=False)
    tags = forms.CharField(
        label=_("Asset tags"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: tags separated by spaces, commas or new lines (at most 500 labels)."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from infocentar.core.models import Organisation

        ids = services.visible_ids(user)
        organisations = Organisation.objects.all()
        self.fields["organisation"].queryset = organisations if ids is None else organisations.filter(pk__in=ids)

    def clean_tags(self):
        import re

        tags = [t for t in re.split(r"[\s,;]+", self.cleaned_data.get("tags") or "") if t]
        if len(tags) > 500:
            raise ValidationError(_("At most 500 labels at a time."))
        return tags


IMPORT_KINDS = [("assets", _("Equipment")), ("licences", _("Licences")), ("people", _("People"))]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to import"), choices=IMPORT_KINDS)
    file = forms.FileField(
        label=_("File (CSV or XLSX)"), help_text=_("At most 10 MB; the first row names the columns.")
    )

    MAX_SIZE = 10 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_SIZE:
            raise ValidationError(_("The file is larger than 10 MB."))
        return upload
