"""Rich text is cleaned as it is rendered, whatever put it in the database.

Draftail (the page editor) only ever stores the markup of the features a field
allows, but rich text can reach the database by other roads: a data
migration, an import, the demo, a script, an old revision. Wagtail renders
stored rich text as it is, so every rich text value (RichTextField with
`|richtext`, RichTextBlock) is passed through `clean_rich_text` by the
`wagtailcore/shared/richtext.html` template this app overrides.

The allow-list is the markup of Draftail's features (headings, bold, italic,
lists, horizontal rule, links and document links, images, code,
superscript, subscript, strikethrough, blockquote), after Wagtail has
expanded its internal links, documents and images. Everything else goes:
<script> and <style> with their content, other elements keeping their text,
event-handler and other attributes, and links to anything but http(s),
mailto:, tel: or a path on the site (javascript: links lose their href).
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "ul", "ol", "li", "hr",
        "a", "img", "code", "sup", "sub", "s", "blockquote",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    # Wagtail's image embeds: <img alt="…" class="richtext-image left" height="…" src="…" width="…">.
    "img": {"src", "alt", "width", "height", "class"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style"},
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,  # links are rendered as the editor made them
)


def clean_rich_text(html: str | None) -> SafeString:
    """Rendered rich text reduced to the allow-list, safe to put in a page."""
    if not html:
        return mark_safe("")
    return mark_safe(_cleaner.clean(str(html)))
