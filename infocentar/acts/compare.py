"""Comparing two versions of an act, article by article, with word-level insertions and deletions.

Articles are matched by their number ("3a" with "3a"); an article only in the
new version is added, one only in the old is removed. Changed text is marked
with <ins>/<del> that also carry a visually hidden "inserted:"/"deleted:" so
the change is not told by colour alone (screen readers say it too).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import ActVersion, Article

ChangeKind = Literal["added", "removed", "changed", "unchanged"]
ADDED: ChangeKind = "added"
REMOVED: ChangeKind = "removed"
CHANGED: ChangeKind = "changed"
UNCHANGED: ChangeKind = "unchanged"

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass
class ArticleChange:
    """What happened to one article between two versions."""

    kind: ChangeKind
    number: str
    old: Article | None
    new: Article | None
    heading_html: SafeString = field(default_factory=lambda: mark_safe(""))
    text_html: SafeString = field(default_factory=lambda: mark_safe(""))
    inserted_words: int = 0
    deleted_words: int = 0

    @property
    def anchor(self) -> str:
        return (self.new or self.old).anchor

    @property
    def chapter(self) -> str:
        return (self.new or self.old).chapter

    @property
    def is_changed(self) -> bool:
        return self.kind != UNCHANGED


def _key(number: str) -> str:
    return re.sub(r"[\s.]+", "", (number or "").lower())


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def _words(tokens: list[str]) -> int:
    return sum(1 for t in tokens if not t.isspace())


def _ins(text: str) -> str:
    return f'<ins><span class="visually-hidden">{escape(_("inserted:"))} </span>{escape(text)}</ins>'


def _del(text: str) -> str:
    return f'<del><span class="visually-hidden">{escape(_("deleted:"))} </span>{escape(text)}</del>'


def diff_words(old: str, new: str) -> tuple[SafeString, int, int]:
    """`new` as HTML with the words inserted since `old` in <ins> and the deleted ones in <del>."""
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[str] = []
    inserted = deleted = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(_del("".join(a[i1:i2])))
            deleted += _words(a[i1:i2])
        if op in ("insert", "replace"):
            out.append(_ins("".join(b[j1:j2])))
            inserted += _words(b[j1:j2])
    return mark_safe("".join(out)), inserted, deleted


def _plain(article: Article) -> tuple[SafeString, SafeString]:
    return mark_safe(escape(article.heading)), mark_safe(escape(article.text))


def compare_articles(old_articles: list[Article], new_articles: list[Article]) -> list[ArticleChange]:
    """Per-article changes from one list of articles to another, in the new text's order."""
    old_by_key: dict[str, Article] = {}
    for article in old_articles:
        old_by_key.setdefault(_key(article.number), article)
    new_keys = {_key(a.number) for a in new_articles}
    changes: list[ArticleChange] = []
    # Removed articles are shown where they stood: before the first new article that followed them.
    pending_removed = [a for a in old_articles if _key(a.number) not in new_keys]
    old_order = {id(a): i for i, a in enumerate(old_articles)}

    def flush_removed(before_index: int | None) -> None:
        while pending_removed and (before_index is None or old_order[id(pending_removed[0])] < before_index):
            article = pending_removed.pop(0)
            heading, text = _plain(article)
            changes.append(
                ArticleChange(
                    REMOVED,
                    article.number,
                    article,
                    None,
                    mark_safe(_del(article.heading)) if article.heading else heading,
                    mark_safe(_del(article.text)) if article.text else text,
                    0,
                    _words(_tokens(article.text)),
                )
            )

    # For each new article, the old place of the next article both versions have (None: none follows).
    next_matched: list[int | None] = [None] * len(new_articles)
    following: int | None = None
    for index in range(len(new_articles) - 1, -1, -1):
        old = old_by_key.get(_key(new_articles[index].number))
        if old is not None:
            following = old_order[id(old)]
        next_matched[index] = following

    for index, article in enumerate(new_articles):
        old = old_by_key.get(_key(article.number))
        flush_removed(next_matched[index])
        if old is None:
            changes.append(
                ArticleChange(
                    ADDED,
                    article.number,
                    None,
                    article,
                    mark_safe(_ins(article.heading)) if article.heading else mark_safe(""),
                    mark_safe(_ins(article.text)) if article.text else mark_safe(""),
                    _words(_tokens(article.text)),
                    0,
                )
            )
            continue
        if old.heading == article.heading and old.text == article.text and old.chapter == article.chapter:
            heading, text = _plain(article)
            changes.append(ArticleChange(UNCHANGED, article.number, old, article, heading, text))
            continue
        heading_html, hi, hd = diff_words(old.heading, article.heading)
        text_html, ti, td = diff_words(old.text, article.text)
        changes.append(ArticleChange(CHANGED, article.number, old, article, heading_html, text_html, hi + ti, hd + td))
    flush_removed(None)
    return changes


def compare_versions(old: ActVersion, new: ActVersion) -> list[ArticleChange]:
    """Per-article changes from `old` to `new` (two queries, whatever the number of articles)."""
    old_articles = list(old.articles.order_by("position"))
    new_articles = list(new.articles.order_by("position"))
    return compare_articles(old_articles, new_articles)


def summary(changes: list[ArticleChange]) -> dict[str, int]:
    """How many articles were added, removed, changed and left unchanged."""
    counts = {ADDED: 0, REMOVED: 0, CHANGED: 0, UNCHANGED: 0}
    for change in changes:
        counts[change.kind] += 1
    return counts
