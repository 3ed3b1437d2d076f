"""StreamField blocks of the website's pages.

The body of a page (`BodyBlock`) is what editors build pages from: text,
headings (which feed the page's contents list), images with alt text,
documents, tables, accordions, call-outs, contact cards and cards of the
municipality's bodies. Every block renders accessible markup with its own
template under portal/templates/portal/blocks/.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from .links import site_href, validate_link

INLINE_FEATURES = ["bold", "italic", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(label=_("Level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2")

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "portal/blocks/heading.html"
        help_text = _("Pages with three or more level-2 headings get a list of contents at the top.")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Information")), ("warning", _("Warning")), ("success", _("Success"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "portal/blocks/callout.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200, help_text=_("The document's title when empty.")
    )
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "portal/blocks/document.html"


class DataTableBlock(blocks.StructBlock):
    """A table with a caption, column headings and, optionally, row headings."""

    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("Text"), required=False, max_length=500)),
            ("number", blocks.CharBlock(label=_("Number (right-aligned)"), required=False, max_length=60)),
            ("rich_text", blocks.RichTextBlock(label=_("Text with links"), required=False, features=INLINE_FEATURES)),
        ],
        label=_("Table"),
    )
    row_headers = blocks.BooleanBlock(label=_("The first column holds the row headings"), required=False, default=False)

    def clean(self, value):
        value = super().clean(value)
        table = value.get("table")
        if table is not None and not (getattr(table, "caption", "") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "table": ValidationError(_("Give the table a caption: it says what the table shows.")),
                }
            )
        return value

    class Meta:
        icon = "table"
        label = _("Table")
        template = "portal/blocks/table.html"


class AccordionItemBlock(blocks.StructBlock):
    summary = blocks.CharBlock(label=_("Question or title"), max_length=200)
    content = blocks.RichTextBlock(label=_("Content"), features=["bold", "italic", "link", "document-link", "ol", "ul"])

    class Meta:
        icon = "list-ul"
        label = _("Accordion item")


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Accordion")
        template = "portal/blocks/accordion.html"


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=150, help_text=_("A person, an office or a service."))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)
    address = blocks.CharBlock(label=_("Address"), required=False, max_length=255)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=60)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    working_hours = blocks.CharBlock(label=_("Working hours"), required=False, max_length=255)

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "portal/blocks/contact_card.html"


class LinkValue(blocks.StructValue):
    """A link to a page of the site or to an address, with its label."""

    @property
    def text(self) -> str:
        page = self.get("page")
        return self.get("label") or (page.title if page else self.get("url") or "")

    @property
    def href(self) -> str:
        """The address of a link to another address (a page's comes from {% pageurl %})."""
        return site_href(self.get("url") or "")

    @property
    def is_shown(self) -> bool:
        page = self.get("page")
        if page is not None:
            return page.live
        return bool(self.get("url"))


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("or an address"),
        required=False,
        max_length=500,
        validators=[validate_link],
        help_text=_("A path on this site (/organi/) or a full address (https://…)."),
    )
    label = blocks.CharBlock(
        label=_("Label"), required=False, max_length=80, help_text=_("The page's title when empty.")
    )

    def clean(self, value):
        value = super().clean(value)
        page, url, label = value.get("page"), value.get("url"), value.get("label")
        if bool(page) == bool(url):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or type an address, not both."))}
            )
        if url and not label:
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(_("A link to an address needs a label."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = LinkValue


# --- Organisation cards: a chooser for core.Organisation ---------------------------------------
class OrganisationChooserViewSet(ChooserViewSet):
    """The admin's modal for choosing one of the municipality's bodies (used by the card block)."""

    model = "core.Organisation"
    icon = "group"
    choose_one_text = _("Choose a body")
    choose_another_text = _("Choose another body")
    edit_item_text = _("Edit the body")
    url_prefix = "choose-organisation"
    # Only the card block uses it: other forms keep their own organisation fields.
    register_widget = False

    def get_object_list(self):
        from infocentar.core.models import Organisation

        return Organisation.objects.active().order_by("sort_order", "name")


organisation_chooser_viewset = OrganisationChooserViewSet("organisation_chooser")
OrganisationChooserBlock = organisation_chooser_viewset.get_block_class(
    name="OrganisationChooserBlock", module_path="infocentar.portal.blocks"
)


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul", "hr"]
    )
    image = ImageBlock(label=_("Image"), template="portal/blocks/image.html")
    callout = CalloutBlock()
    document = DocumentLinkBlock()
    table = DataTableBlock()
    accordion = AccordionBlock()
    contact = ContactCardBlock()
    organisation = OrganisationChooserBlock(
        label=_("Body of the municipality"), template="portal/blocks/organisation_card.html"
    )

    class Meta:
        label = _("Body")


class ContactCardsBlock(blocks.StreamBlock):
    contact = ContactCardBlock()

    class Meta:
        label = _("Contact cards")


class QuickLinksBlock(blocks.StreamBlock):
    link = LinkBlock()

    class Meta:
        label = _("Quick links")
        max_num = 8
