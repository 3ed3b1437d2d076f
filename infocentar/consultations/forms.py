"""Public forms of the debates: a comment, a subscription."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from infocentar.core.models import Organisation

from .models import COMMENT_MAX_LENGTH, QUOTE_MAX_LENGTH, DigestFrequency

HONEYPOT = "website"


class CommentForm(forms.Form):
    """A citizen's comment on the draft or one article (the article comes from the form's hidden field)."""

    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 6}),
        # The service checks the configured limit and says why; this only stops absurd posts early.
        max_length=COMMENT_MAX_LENGTH * 10,
        required=False,
    )
    quote = forms.CharField(
        label=_("Quoted passage (optional)"),
        help_text=_("Copy the words of the article your comment is about."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=QUOTE_MAX_LENGTH * 4,
        required=False,
    )
    article = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)


class SubscriptionForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"))
    new_debates = forms.BooleanField(label=_("New public debates"), required=False, initial=True)
    adopted_acts = forms.BooleanField(label=_("Newly adopted acts"), required=False, initial=True)
    act_type = forms.ChoiceField(label=_("Only acts of this type"), required=False)
    issuer = forms.ModelChoiceField(
        label=_("Only acts of this body"),
        queryset=Organisation.objects.active().only("pk", "name"),
        required=False,
        empty_label=_("Any body"),
    )
    area = forms.CharField(label=_("Only this area"), required=False, max_length=100)
    frequency = forms.ChoiceField(
        label=_("How often"), choices=DigestFrequency.choices, initial=DigestFrequency.DAILY, widget=forms.RadioSelect
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from infocentar.acts.models import ActType

        self.fields["act_type"].choices = [("", _("Any type")), *ActType.choices]

    def clean(self):
        data = super().clean()
        if not (data.get("new_debates") or data.get("adopted_acts")):
            raise forms.ValidationError(_("Choose what you want to receive: new debates, adopted acts or both."))
        return data
