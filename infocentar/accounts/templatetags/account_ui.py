"""Template helpers for the account pages' forms."""

from __future__ import annotations

from django import template
from django.contrib.auth.password_validation import password_validators_help_texts

register = template.Library()


@register.simple_tag
def labelled_form(form):
    """The form ready for components/field.html: visible labels, plain help text.

    - allauth gives many fields a placeholder repeating the label (and asks
      for some forms "unlabeled"); with the label shown, the placeholder only
      adds noise, so it goes.
    - allauth's new-password fields carry the validators' help as an HTML
      list, which cannot sit in the help paragraph; it becomes plain sentences.

    A form's fields are its own copies, so this changes nothing for other requests.
    """
    if form is None:
        return None
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        if "<ul" in str(field.help_text or ""):
            field.help_text = " ".join(str(text) for text in password_validators_help_texts())
            # The bound field may already be cached (after validation) with the old text.
            form[name].help_text = field.help_text
    return form


@register.simple_tag(takes_context=True)
def signing_in_with_security_key(context) -> bool:
    """On allauth's MFA step of a login: whether the person signing in has a security key."""
    from allauth.mfa.models import Authenticator

    stage = getattr(context.get("request"), "_login_stage", None)
    user = getattr(getattr(stage, "login", None), "user", None)
    if user is None:
        return False
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).exists()
