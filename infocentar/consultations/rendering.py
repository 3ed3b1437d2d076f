"""The comments of a debate's page as HTML built in Python: a debate may have thousands of comments, and the
template engine takes about a millisecond per comment; this takes a few microseconds (every value escaped)."""

from __future__ import annotations

from html import escape as _escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import AnswerOutcome, CommentSource, CommentStatus

COMMENT_FIELDS = (
    "id",
    "article_id",
    "quote",
    "text",
    "author_name",
    "source",
    "received_on",
    "status",
    "hidden_reason",
    "answer__outcome",
    "answer__reasoning",
    "answer_public",
)


def escape(text) -> str:
    """The standard library's escaping (Django's `escape` adds a lazy-string wrapper per call)."""
    return _escape(str(text), quote=True)


def _lines(text: str) -> str:
    return escape(text).replace("\n", "<br>")


class CommentRenderer:
    """Renders lists of comment rows (dicts of COMMENT_FIELDS) with labels translated once per page."""

    def __init__(self) -> None:
        self.sources = {value: escape(str(label)) for value, label in CommentSource.choices}
        self.outcomes = {value: escape(str(label)) for value, label in AnswerOutcome.choices}
        self.removed = escape(_("Removed by the moderator."))
        self.reason = escape(_("Reason"))
        self.answer = escape(_("Answer"))
        self.none = escape(_("No comments yet."))

    def comment(self, row: dict) -> str:
        pk = row["id"]
        if row["status"] == CommentStatus.HIDDEN:
            return (
                f'<li class="comment comment--hidden" id="komentar-{pk}"><p class="comment__removed">'
                f"{self.removed} {self.reason}: {escape(row['hidden_reason'])}</p></li>"
            )
        day = row["received_on"]
        parts = [
            f'<li class="comment" id="komentar-{pk}"><p class="comment__meta"><strong>{escape(row["author_name"])}'
            f'</strong> · <time datetime="{day:%Y-%m-%d}">{day:%d.%m.%Y.}</time>'
        ]
        if row["source"] != CommentSource.ONLINE:
            parts.append(f" · {self.sources.get(row['source'], '')}")
        parts.append("</p>")
        if row["quote"]:
            parts.append(f'<blockquote class="comment__quote">{_lines(row["quote"])}</blockquote>')
        parts.append(f'<div class="comment__text">{_lines(row["text"])}</div>')
        if row["answer__outcome"] and row["answer_public"]:
            parts.append(
                f'<div class="comment__answer"><p><strong>{self.answer}: '
                f"{self.outcomes.get(row['answer__outcome'], '')}</strong></p>"
                f"<p>{_lines(row['answer__reasoning'])}</p></div>"
            )
        parts.append("</li>")
        return "".join(parts)

    def comments(self, rows: list[dict]) -> SafeString:
        if not rows:
            return mark_safe(f'<p class="comments__none">{self.none}</p>')
        return mark_safe('<ol class="comments">' + "".join(self.comment(row) for row in rows) + "</ol>")
