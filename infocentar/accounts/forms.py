from __future__ import annotations

from allauth.account.adapter import get_adapter
from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my data will be deleted for good."),
        error_messages={"required": _("Tick the box to confirm that you want your account deleted.")},
    )

    def __init__(self, *args, user, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        # Through allauth, so that guessing is throttled like failed logins
        # (it raises "too many attempts" itself).
        if not get_adapter(self.request).reauthenticate(self.user, password):
            raise forms.ValidationError(_("The password is not correct."), code="incorrect_password")
        return password
