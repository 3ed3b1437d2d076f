"""Back-office screens of the acts registry that are not plain viewsets: the DOCX import and a PDF attachment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from infocentar.core.scoping import visible_organisation_ids

from . import docx, parse, services
from .forms import AttachmentForm, ImportForm, PreviewForm, VersionTextForm
from .models import Act, ActVersion
from .permissions import ACT_ROLES, can_manage_acts


def scoped_acts(user):
    """The acts whose issuer the user keeps acts for."""
    ids = visible_organisation_ids(user, roles=ACT_ROLES)
    acts = Act.objects.all()
    return acts if ids is None else acts.filter(issuer_id__in=ids)


def _preview_context(form, parsed: parse.ParsedText | None) -> dict:
    return {
        "page_title": _("Import an act's text from Word"),
        "preview_form": form,
        "parsed": parsed,
    }


def import_docx(request):
    """Step 1 (upload and recognise) and step 2 (correct, check again, save) of the Word import."""
    if not can_manage_acts(request.user):
        raise PermissionDenied
    acts = scoped_acts(request.user)
    if request.method == "POST" and request.POST.get("step") == "preview":
        return _preview_step(request, acts)
    initial = {}
    if request.GET.get("act", "").isdigit():
        initial["act"] = int(request.GET["act"])
    form = ImportForm(request.POST or None, request.FILES or None, acts=acts, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            docx.check_size(upload.size)  # before reading a byte of it
            paragraphs = docx.read_paragraphs(upload.read())
            parsed = parse.parse_paragraphs(paragraphs)
            if not parsed.articles:
                raise ValidationError(
                    _(
                        "No articles were recognised in this file. Articles must start with a line such as "
                        "“Član 1” (or “ČLAN 1.”, “Члан 1”)."
                    ),
                    code="no_articles",
                )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            preview = PreviewForm(
                initial={
                    "act": form.cleaned_data["act"].pk,
                    "label": form.cleaned_data["label"],
                    "kind": form.cleaned_data["kind"],
                    "source_name": upload.name[:255],
                    "text": parse.to_text(parsed.preamble, parsed.articles),
                },
                acts=acts,
            )
            return render(request, "acts/admin/import_preview.html", _preview_context(preview, parsed))
    return render(request, "acts/admin/import.html", {"page_title": _("Import an act's text from Word"), "form": form})


def _preview_step(request, acts):
    form = PreviewForm(request.POST, acts=acts)
    parsed = None
    if form.is_valid():
        parsed = parse.parse_text(form.cleaned_data["text"])
        if not parsed.articles:
            form.add_error("text", _("No articles were recognised. Each article starts with a line “Član N”."))
        elif request.POST.get("action") == "save":
            act = form.cleaned_data["act"]
            version = services.create_version(
                act,
                label=form.cleaned_data["label"],
                kind=form.cleaned_data["kind"],
                articles=parsed.articles,
                preamble=parsed.preamble,
                source_name=form.cleaned_data["source_name"],
                by=request.user,
            )
            messages.success(
                request,
                _("Saved “%(label)s” with %(count)d articles.")
                % {"label": version.label, "count": len(parsed.articles)},
            )
            return redirect(reverse("acts_versions:inspect", args=[version.pk]))
    return render(request, "acts/admin/import_preview.html", _preview_context(form, parsed))


def edit_version_text(request, pk: int):
    """Correct the text of a saved version (chapters, articles, paragraphs), checked like the import preview."""
    if not can_manage_acts(request.user):
        raise PermissionDenied
    version = get_object_or_404(ActVersion.objects.select_related("act"), pk=pk, act__in=scoped_acts(request.user))
    parsed = None
    if request.method == "POST":
        form = VersionTextForm(request.POST)
        if form.is_valid():
            parsed = parse.parse_text(form.cleaned_data["text"])
            if not parsed.articles:
                form.add_error("text", _("No articles were recognised. Each article starts with a line “Član N”."))
            elif request.POST.get("action") == "save":
                services.replace_articles(version, parsed.articles, by=request.user, preamble=parsed.preamble)
                messages.success(request, _("The text of “%(label)s” was saved.") % {"label": version.label})
                return redirect(reverse("acts_versions:inspect", args=[version.pk]))
    else:
        form = VersionTextForm(initial={"text": version.text})
    return render(
        request,
        "acts/admin/version_text.html",
        {"page_title": _("Edit the text: %(version)s") % {"version": str(version)}, "form": form, "parsed": parsed},
    )


def attach_pdf(request):
    """Attach a PDF to an act: kept as a document (checked by content like every upload)."""
    if not can_manage_acts(request.user):
        raise PermissionDenied
    from infocentar.documents import services as document_services

    acts = scoped_acts(request.user)
    initial = {"act": int(request.GET["act"])} if request.GET.get("act", "").isdigit() else {}
    form = AttachmentForm(request.POST or None, request.FILES or None, acts=acts, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = document_services.store_file(
                form.cleaned_data["title"], upload.name, upload.read(), by=request.user
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            act = form.cleaned_data["act"]
            services.attach(act, title=form.cleaned_data["title"], document=document, by=request.user)
            messages.success(request, _("The file was attached to “%(title)s”.") % {"title": act.title})
            return redirect(reverse("acts:edit", args=[act.pk]))
    return render(request, "acts/admin/attach.html", {"page_title": _("Attach a PDF to an act"), "form": form})
