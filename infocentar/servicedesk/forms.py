"""Forms of the staff portal and of the admin work page; they validate, services write."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from infocentar.core.models import IT_GLOBAL_ROLES, Membership, Organisation
from infocentar.inventory.forms import AssetTagField

from .models import Category, Level, ResolutionCategory, Status, Team, Ticket
from .services import ALLOWED_STAFF_STATUSES, MAX_ATTACHMENTS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (checked by content in the services)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            if len(data) > MAX_ATTACHMENTS:
                raise forms.ValidationError(
                    _("At most %(count)s files can be attached at once.") % {"count": MAX_ATTACHMENTS}
                )
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _asset_queryset(organisations):
    from infocentar.inventory.models import Asset

    return Asset.objects.filter(organisation__in=organisations)


def _asset_field(**kwargs) -> AssetTagField:
    """The equipment as a typed asset tag: a select of every asset would be a page of megabytes at 100,000."""
    return AssetTagField(
        label=_("Equipment"),
        required=False,
        error_messages={"invalid_choice": _("There is no equipment with this asset tag in your organisations.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "maxlength": 40}),
        **kwargs,
    )


def _system_queryset(organisations):
    from infocentar.inventory.models import InformationSystem

    return InformationSystem.objects.filter(organisation__in=organisations).order_by("name")


class TicketForm(forms.Form):
    """A request filed on the staff portal (or by IT staff on someone's behalf)."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("In a few words, e.g. “The printer in room 12 does not print”.")
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        help_text=_("What happened, since when, what you have tried, any error message."),
    )
    asset = _asset_field(
        help_text=_("The asset tag of the device the request is about, if any (it is on the device's label).")
    )
    information_system = forms.ModelChoiceField(
        label=_("Information system"),
        queryset=Ticket.information_system.field.related_model.objects.none(),
        required=False,
    )
    impact = forms.ChoiceField(
        label=_("Impact"),
        choices=Level.choices,
        initial=Level.MEDIUM,
        help_text=_("High: many people or a whole service cannot work. Low: one person, with a workaround."),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Level.choices,
        initial=Level.MEDIUM,
        help_text=_("High: it must be solved today. Low: it can wait a few days."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        help_text=_("Screenshots or documents: PDF, DOCX, XLSX, ODT, ODS, JPG, PNG or WebP."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["asset"].queryset = _asset_queryset(organisations)
        self.fields["information_system"].queryset = _system_queryset(organisations)
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()

    def clean(self):
        data = super().clean()
        organisation, asset, system = data.get("organisation"), data.get("asset"), data.get("information_system")
        if organisation and asset and asset.organisation_id != organisation.pk:
            self.add_error("asset", _("This equipment belongs to another organisation."))
        if organisation and system and system.organisation_id != organisation.pk:
            self.add_error("information_system", _("This information system belongs to another organisation."))
        return data


class OnBehalfForm(TicketForm):
    """IT staff enter a request received by phone: who called, and how to reach them."""

    requester = forms.CharField(
        label=_("Requester's account"),
        max_length=254,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "The e-mail address (or username) of an employee with an account; or give the name and contact below."
        ),
    )
    requester_name = forms.CharField(label=_("Requester's name"), max_length=150, required=False)
    requester_email = forms.EmailField(label=_("Requester's e-mail"), required=False)
    requester_phone = forms.CharField(label=_("Requester's phone"), max_length=60, required=False)
    source = forms.ChoiceField(
        label=_("Received by"),
        choices=[("phone", _("Phone")), ("email", _("E-mail")), ("admin", _("In person"))],
        initial="phone",
    )

    field_order = ["organisation", "requester", "requester_name", "requester_email", "requester_phone", "source"]

    def clean_requester(self):
        """The account typed as an e-mail address or a username (a select of every member would not scale)."""
        value = self.cleaned_data.get("requester", "").strip()
        if not value:
            return None
        users = get_user_model().objects.filter(is_active=True)
        found = list(users.filter(username=value)[:1])
        if not found and "@" in value:
            found = list(users.filter(email__iexact=value)[:2])
            if len(found) > 1:
                raise forms.ValidationError(_("Several accounts have this e-mail address: give the username."))
        if not found:
            raise forms.ValidationError(_("There is no active account with this e-mail address or username."))
        return found[0]

    def clean(self):
        data = super().clean()
        requester, organisation = data.get("requester"), data.get("organisation")
        if not requester and not data.get("requester_name") and "requester" not in self.errors:
            self.add_error("requester_name", _("Choose the requester's account or write their name."))
        if (
            requester
            and organisation
            and not Membership.objects.active().filter(user=requester, organisation=organisation).exists()
        ):
            self.add_error("requester", _("This person is not a member of the chosen organisation."))
        return data


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000)
    attachments = MultipleFileField(label=_("Attachments"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class StaffMessageForm(ReplyForm):
    internal = forms.BooleanField(label=_("Internal note (not shown to the requester)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Reply or note")


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("What is still not working?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class RateForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with how your request was handled?"),
        choices=[(5, _("5 – very satisfied")), (4, "4"), (3, "3"), (2, "2"), (1, _("1 – not satisfied"))],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is the request withdrawn?"), max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def it_staff_users():
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__role__in=IT_GLOBAL_ROLES, memberships__is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assigned to"), queryset=get_user_model().objects.none(), required=False)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all(), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = it_staff_users()

    def clean(self):
        data = super().clean()
        if not data.get("assignee") and not data.get("team"):
            raise forms.ValidationError(_("Choose a person or a team."))
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[(s.value, s.label) for s in Status if s in ALLOWED_STAFF_STATUSES]
    )
    message = forms.CharField(
        label=_("Message to the requester"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=20_000,
        help_text=_("Required when you wait for the requester: say what you need."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ResolveForm(forms.Form):
    resolution_category = forms.ChoiceField(
        label=_("Resolution"), choices=[(c.value, c.label) for c in ResolutionCategory if c != "duplicate"]
    )
    note = forms.CharField(label=_("Closing note"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TicketNumberField(forms.CharField):
    """A ticket given as SD-123, #123 or 123."""

    def clean(self, value):
        value = super().clean(value)
        digits = (value or "").strip().upper().removeprefix("SD-").removeprefix("SD").lstrip("#").strip()
        if not digits.isdigit() or len(digits) > 12:
            raise forms.ValidationError(_("Give a ticket number, e.g. SD-123."))
        ticket = Ticket.objects.filter(pk=int(digits)).first()
        if ticket is None:
            raise forms.ValidationError(_("There is no ticket %(number)s.") % {"number": value})
        return ticket


class MergeForm(forms.Form):
    into = TicketNumberField(label=_("Merge this ticket into"), max_length=20)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class LinkForm(forms.Form):
    other = TicketNumberField(label=_("Related ticket"), max_length=20)


class ClassifyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    impact = forms.ChoiceField(label=_("Impact"), choices=Level.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Level.choices)
    asset = _asset_field(help_text=_("The asset tag on the device's label."))
    information_system = forms.ModelChoiceField(
        label=_("Information system"),
        queryset=Ticket.information_system.field.related_model.objects.none(),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, ticket: Ticket, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(pk=ticket.organisation_id)
        self.fields["asset"].queryset = _asset_queryset(organisations)
        self.fields["information_system"].queryset = _system_queryset(organisations)
