"""The comments of a debate's page as HTML built in Python: a debate may have thousands of comments, and the
template engine takes about a millisecond per comment; this takes a few microseconds (every value escaped)."""

from __future__ import annotations

from html import escape as _escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import AnswerOutcome, CommentSource, CommentStatus

# A comment row: these fields of Comment, and "answer_outcome" and "answer_reasoning" of its published answer
# (None when there is none, or it is not published yet): see `comment_rows`.
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
)


def comment_rows(comments) -> list[dict]:
    """The rows (dicts) of `comments` (a Comment QuerySet), oldest first, each with its published answer.

    The answer comes from a subquery per row on the answer's unique index: a join would let the planner read
    every answer of the site (a hash join) once a debate has more than a few hundred comments.
    """
    from django.db.models import OuterRef, Subquery

    from .models import Answer

    published = Answer.objects.filter(comment=OuterRef("pk"), published_at__isnull=False).order_by()
    return list(
        comments.annotate(
            answer_outcome=Subquery(published.values("outcome")[:1]),
            answer_reasoning=Subquery(published.values("reasoning")[:1]),
        )
        .order_by("created_at", "id")
        .values(*COMMENT_FIELDS, "answer_outcome", "answer_reasoning")
    )


def escape(text) -> str:
    """The standard library's escaping (Django's `escape` adds a lazy-string wrapper per call)."""
    return _escape(str(text), quote=True)


def _lines(text: str) -> str:
    return _escape(text).replace("\n", "<br>")


# Plain strings: comparing with them is quicker than with the enum members, a thousand times a page.
_HIDDEN = str(CommentStatus.HIDDEN.value)
_ONLINE = str(CommentSource.ONLINE.value)


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
        if row["status"] == _HIDDEN:
            return (
                f'<li class="comment comment--hidden" id="komentar-{pk}"><p class="comment__removed">'
                f"{self.removed} {self.reason}: {_escape(row['hidden_reason'])}</p></li>"
            )
        day = row["received_on"]
        source = row["source"]
        source = "" if source == _ONLINE else " · " + self.sources.get(source, "")
        quote = row["quote"]
        quote = f'<blockquote class="comment__quote">{_lines(quote)}</blockquote>' if quote else ""
        outcome = row["answer_outcome"]
        answer = (
            f'<div class="comment__answer"><p><strong>{self.answer}: {self.outcomes.get(outcome, "")}</strong></p>'
            f"<p>{_lines(row['answer_reasoning'])}</p></div>"
            if outcome
            else ""
        )
        return (
            f'<li class="comment" id="komentar-{pk}"><p class="comment__meta"><strong>{_escape(row["author_name"])}'
            f'</strong> · <time datetime="{day.isoformat()}">{day.day:02d}.{day.month:02d}.{day.year}.</time>'
            f'{source}</p>{quote}<div class="comment__text">{_lines(row["text"])}</div>{answer}</li>'
        )

    def comments(self, rows: list[dict]) -> SafeString:
        if not rows:
            return mark_safe(f'<p class="comments__none">{self.none}</p>')
        return mark_safe('<ol class="comments">' + "".join(self.comment(row) for row in rows) + "</ol>")
