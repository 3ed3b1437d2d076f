"""Back-office forms of the acts registry: the DOCX import, its preview/correction, a PDF attachment."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Act, VersionKind


class ImportForm(forms.Form):
    """Step 1: which act, what version, which file."""

    act = forms.ModelChoiceField(label=_("Act"), queryset=Act.objects.none())
    label = forms.CharField(label=_("Version label"), max_length=200, initial=_("Draft"))
    kind = forms.ChoiceField(label=_("Kind of version"), choices=VersionKind.choices, initial=VersionKind.DRAFT)
    file = forms.FileField(label=_("Word file (.docx)"))

    def __init__(self, *args, acts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["act"].queryset = (acts if acts is not None else Act.objects.none()).select_related("issuer")
        self.fields["act"].label_from_instance = lambda act: f"{act.title} ({act.issuer.name})"


class PreviewForm(forms.Form):
    """Step 2: the recognised text, which staff correct and check again before it is saved (the file is not kept)."""

    act = forms.ModelChoiceField(queryset=Act.objects.none(), widget=forms.HiddenInput)
    label = forms.CharField(label=_("Version label"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of version"), choices=VersionKind.choices)
    source_name = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Text of the act"),
        help_text=_(
            "One line per chapter (starting with a Roman numeral, e.g. “II NADZOR”), one line per article "
            "(“Član 3 – Heading”), and the article's paragraphs after it, separated by blank lines. "
            "Correct what was misread, then check again or save."
        ),
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
        max_length=5_000_000,
    )

    def __init__(self, *args, acts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["act"].queryset = acts if acts is not None else Act.objects.none()


class VersionTextForm(forms.Form):
    """The text of a saved version, corrected in the same form as the import preview."""

    text = forms.CharField(
        label=_("Text of the act"),
        help_text=PreviewForm.base_fields["text"].help_text,
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
        max_length=5_000_000,
    )


class AttachmentForm(forms.Form):
    """A PDF attached to an act (kept as a document of the library's storage, checked by content)."""

    act = forms.ModelChoiceField(label=_("Act"), queryset=Act.objects.none())
    title = forms.CharField(label=_("Title"), max_length=255)
    file = forms.FileField(label=_("File (PDF)"))

    def __init__(self, *args, acts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["act"].queryset = (acts if acts is not None else Act.objects.none()).select_related("issuer")
        self.fields["act"].label_from_instance = lambda act: f"{act.title} ({act.issuer.name})"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".pdf"):
            raise ValidationError(_("Attach a PDF file."), code="not_pdf")
        return upload
