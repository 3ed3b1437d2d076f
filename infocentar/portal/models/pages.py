"""The website's page types: home, standard, landing, contact and the accessibility statement."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from infocentar.core.text import fold, fold_for_index

from ..blocks import BodyBlock, ContactCardsBlock, QuickLinksBlock

# Ids the layout itself uses: a heading never takes one of them as its anchor.
RESERVED_IDS = frozenset(
    {
        "main", "main-menu-list", "site-search-q", "search-q", "contents-title", "page-children-title",
        "home-sections-title", "quick-links-title", "footer-contacts", "footer-links", "footer-social",
        "footer-menu",
    }
)  # fmt: skip
# How many level-2 headings a page needs before it gets a contents list.
CONTENTS_MIN_HEADINGS = 3


class FoldedPageSearchMixin:
    """Pages expose `search_text` (title, lead and body folded) for the site search."""

    def get_search_text_parts(self) -> list[str]:
        parts = [self.title, getattr(self, "search_description", "")]
        intro = getattr(self, "intro", "")
        if intro:
            parts.append(strip_tags(str(intro)))
        body = getattr(self, "body", None)
        if body is not None:
            parts.append(_stream_text(body))
        return parts

    @property
    def search_text(self) -> str:
        return fold_for_index(" ".join(p for p in self.get_search_text_parts() if p))


def _stream_text(stream) -> str:
    """The human text of a StreamField value (every block's searchable content)."""
    try:
        chunks = stream.stream_block.get_searchable_content(stream)
    except (AttributeError, TypeError):
        return ""
    return " ".join(strip_tags(str(chunk)) for chunk in chunks if chunk)


# --- The body and its contents list --------------------------------------------------------
@dataclass
class BodyItem:
    """One block of a page's body, with what its template needs to know about its place."""

    block: object
    anchor: str = ""
    #: The level for headings inside the block (a card's or an accordion's title).
    level: int = 2


@dataclass
class PageBody:
    items: list[BodyItem] = field(default_factory=list)
    #: (anchor, text) of every level-2 heading.
    headings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def contents(self) -> list[tuple[str, str]]:
        return self.headings if len(self.headings) >= CONTENTS_MIN_HEADINGS else []


def heading_anchor(text: str, used: set[str]) -> str:
    """A slug for a heading's id, unique on the page and not one of the layout's ids."""
    base = slugify(fold(text))[:60].strip("-") or "odjeljak"
    anchor, n = base, 2
    while anchor in used or anchor in RESERVED_IDS:
        anchor, n = f"{base}-{n}", n + 1
    used.add(anchor)
    return anchor


def page_body(stream) -> PageBody:
    """The body's blocks with anchors for headings and a heading level for what follows them."""
    body = PageBody()
    if not stream:
        return body
    used: set[str] = set()
    current = 1  # the page's h1
    for block in stream:
        if block.block_type == "heading":
            level = 3 if block.value.get("level") == "h3" else 2
            anchor = heading_anchor(block.value.get("text", ""), used)
            current = level
            body.items.append(BodyItem(block, anchor=anchor, level=level))
            if level == 2:
                body.headings.append((anchor, block.value.get("text", "")))
        else:
            body.items.append(BodyItem(block, level=min(current + 1, 4)))
    return body


class BodyPageMixin:
    """A page with a `body` StreamField: its blocks ready for the template."""

    @cached_property
    def page_body(self) -> PageBody:
        return page_body(getattr(self, "body", None))


def _resolve_existing(model_strings: list[str], app_label: str) -> list:
    """Page models named by strings, leaving out those of apps not installed (yet)."""
    from wagtail.utils.registry import resolve_model_string

    found = []
    for model_string in model_strings:
        try:
            found.append(resolve_model_string(model_string, app_label))
        except (LookupError, ValueError):
            continue
    return found


class HomePage(FoldedPageSearchMixin, BodyPageMixin, Page):
    """The municipality's home page."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    quick_links = StreamField(
        QuickLinksBlock(),
        verbose_name=_("quick links"),
        blank=True,
        help_text=_("Up to eight links to what people come for most: services, forms, contacts."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("quick_links"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portal.StandardPage",
        "portal.LandingPage",
        "portal.ContactPage",
        "portal.AccessibilityStatementPage",
        "news.NewsIndexPage",
        "documents.DocumentLibraryPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @classmethod
    def clean_subpage_models(cls):
        # The news index and the document library come from apps that may not be installed.
        if cls._clean_subpage_models is None:
            cls._clean_subpage_models = _resolve_existing(cls.subpage_types, cls._meta.app_label)
        return cls._clean_subpage_models

    def route(self, request, path_components):
        """Wagtail's routing, with the home page's children (the site's sections) found once per generation."""
        if not path_components:
            return super().route(request, path_components)
        from infocentar.core.memo import forget, memo

        slug = path_components[0]

        def find():
            child = self.get_children().filter(slug=slug).first()
            return child.specific if child is not None else None

        child = memo(("portal.child", self.pk, self.path, slug), find)
        if child is None:
            forget(("portal.child", self.pk, self.path, slug))  # unknown addresses are not kept
            raise Http404
        return child.route(request, path_components[1:])

    def menu_sections(self) -> list:
        """The home page's children shown in menus, as cards (read once per content generation)."""
        from infocentar.core.memo import memo

        return memo(
            ("portal.home-sections", self.pk),
            lambda: list(self.get_children().live().public().in_menu().specific()),
        )

    @cached_property
    def shown_quick_links(self) -> list:
        return [link.value for link in self.quick_links if link.value.is_shown]


class StandardPage(FoldedPageSearchMixin, BodyPageMixin, Page):
    """A page of the website with free content."""

    intro = models.TextField(_("lead"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["portal.HomePage", "portal.LandingPage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class LandingPage(FoldedPageSearchMixin, BodyPageMixin, Page):
    """The landing page of a section of the site: an introduction and its pages as cards."""

    intro = models.TextField(_("lead"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["portal.HomePage", "portal.LandingPage"]
    subpage_types = ["portal.StandardPage", "portal.LandingPage", "portal.ContactPage"]

    class Meta:
        verbose_name = _("landing page")
        verbose_name_plural = _("landing pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = list(self.get_children().live().public().specific())
        return context


class ContactPage(FoldedPageSearchMixin, Page):
    """The municipality's contacts: address, phones, e-mail, working hours and contact cards."""

    intro = models.TextField(_("lead"), blank=True, max_length=600)
    address = models.TextField(_("address"), blank=True, max_length=500)
    phones = models.TextField(
        _("phones"),
        blank=True,
        max_length=1000,
        help_text=_("One a line, optionally with a label: “Centrala: +382 33 451 100”."),
    )
    emails = models.TextField(
        _("e-mail addresses"),
        blank=True,
        max_length=1000,
        help_text=_("One a line, optionally with a label: “Pisarnica: pisarnica@opstina.me”."),
    )
    working_hours = models.TextField(_("working hours"), blank=True, max_length=500)
    location = models.TextField(
        _("how to find us"),
        blank=True,
        max_length=1500,
        help_text=_("Where the building is and how to get there: floors, entrances, parking, access for wheelchairs."),
    )
    contact_cards = StreamField(ContactCardsBlock(), verbose_name=_("contact cards"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phones"), FieldPanel("emails"), FieldPanel("working_hours")],
            _("The municipality"),
        ),
        FieldPanel("location"),
        FieldPanel("contact_cards"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["portal.HomePage", "portal.LandingPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    @classmethod
    def can_create_at(cls, parent) -> bool:
        """One contact page per site."""
        if not super().can_create_at(parent):
            return False
        site = parent.get_site()
        root = site.root_page if site is not None else parent
        return not cls.objects.descendant_of(root, inclusive=True).exists()

    def get_search_text_parts(self) -> list[str]:
        parts = super().get_search_text_parts()
        parts += [self.address, self.working_hours, self.location, _stream_text(self.contact_cards)]
        return parts

    @staticmethod
    def _labelled_lines(text: str) -> list[tuple[str, str]]:
        lines = []
        for line in (text or "").splitlines():
            line = line.strip()
            if not line:
                continue
            label, sep, value = line.rpartition(": ")
            lines.append((label.strip(), value.strip()) if sep else ("", line))
        return lines

    @property
    def phone_list(self) -> list[dict]:
        return [
            {"label": label, "number": number, "tel": "".join(c for c in number if c.isdigit() or c == "+")}
            for label, number in self._labelled_lines(self.phones)
        ]

    @property
    def email_list(self) -> list[dict]:
        return [{"label": label, "address": address} for label, address in self._labelled_lines(self.emails)]


class ConformanceStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("self-assessment")
    THIRD_PARTY = "third_party", _("assessment by a third party")


STATEMENT_FEATURES = ["h3", "bold", "italic", "link", "document-link", "ol", "ul"]


class AccessibilityStatementPage(FoldedPageSearchMixin, Page):
    """The accessibility statement of the website, in the structure the EU model statement asks for."""

    intro = models.TextField(_("lead"), blank=True, max_length=600)
    conformance_status = models.CharField(
        _("conformance status"), max_length=20, choices=ConformanceStatus.choices, default=ConformanceStatus.PARTIAL
    )
    standard = models.CharField(
        _("standard"),
        max_length=150,
        default="WCAG 2.1, nivo AA (EN 301 549)",
        help_text=_("What the site is measured against."),
    )
    conformance_details = RichTextField(_("about the conformance"), blank=True, features=STATEMENT_FEATURES)
    non_accessible_content = RichTextField(
        _("non-accessible content"),
        blank=True,
        features=STATEMENT_FEATURES,
        help_text=_("What is not accessible and why; the accessible alternatives."),
    )
    feedback_text = RichTextField(_("feedback"), blank=True, features=STATEMENT_FEATURES)
    feedback_email = models.EmailField(_("feedback e-mail"), blank=True)
    feedback_phone = models.CharField(_("feedback phone"), max_length=60, blank=True)
    response_days = models.PositiveSmallIntegerField(
        _("answer within (days)"), default=15, help_text=_("How soon a person who reports a problem gets an answer.")
    )
    enforcement_body = models.CharField(
        _("competent body"),
        max_length=255,
        blank=True,
        help_text=_("Where people can turn when they are not satisfied with the answer."),
    )
    enforcement_procedure = RichTextField(_("enforcement procedure"), blank=True, features=STATEMENT_FEATURES)
    assessment_method = models.CharField(
        _("how the statement was prepared"),
        max_length=20,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    prepared_on = models.DateField(_("prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("conformance_status"), FieldPanel("standard"), FieldPanel("conformance_details")],
            _("Conformance status"),
        ),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [
                FieldPanel("feedback_text"),
                FieldRowPanel([FieldPanel("feedback_email"), FieldPanel("feedback_phone")]),
                FieldPanel("response_days"),
            ],
            _("Feedback and contact"),
        ),
        MultiFieldPanel([FieldPanel("enforcement_body"), FieldPanel("enforcement_procedure")], _("Enforcement")),
        MultiFieldPanel(
            [FieldPanel("assessment_method"), FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")])],
            _("Preparation of the statement"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("search_text")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def clean(self) -> None:
        super().clean()
        if self.reviewed_on and self.prepared_on and self.reviewed_on < self.prepared_on:
            raise ValidationError({"reviewed_on": _("The review cannot come before the statement was prepared.")})

    def get_search_text_parts(self) -> list[str]:
        parts = super().get_search_text_parts()
        for value in (self.conformance_details, self.non_accessible_content, self.feedback_text,
                      self.enforcement_procedure):  # fmt: skip
            parts.append(strip_tags(value or ""))
        parts.append(self.enforcement_body)
        return parts
