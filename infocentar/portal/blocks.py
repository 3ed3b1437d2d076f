"""StreamField blocks of the website's pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(label=_("Level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2")

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "portal/blocks/heading.html"


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


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul", "hr"]
    )
    image = ImageBlock(label=_("Image"))
    callout = CalloutBlock()

    class Meta:
        label = _("Body")
