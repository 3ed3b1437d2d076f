"""Recognising the structure of an act's text: chapters and articles (član), from plain paragraphs.

Recognised article lines (either script, any case, with or without a dot):
"Član 1", "ČLAN 1.", "Član 1a", "Clan 12", "Члан 3", "Član 4 – Predmet".
A short line without a final stop just before an article line is that
article's heading ("Predmet" / "Član 1"). Chapters are lines starting with a
Roman numeral ("I OSNOVNE ODREDBE", "II. NADZOR", "Glava III – …", or "IV"
alone with the title on the next line). Text before the first article is the
preamble. The result is shown to staff for correction before it is saved.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from infocentar.core.text import fold

from .services import ArticleData

_ARTICLE = re.compile(
    r"^(?:član|clan|члан)\s*\.?\s*(\d{1,4})\s*([a-zа-ш])?\b\s*\.?\s*([-–—:]\s*|\(\s*)?(.*?)\)?\s*$",
    re.IGNORECASE,
)
_ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_CHAPTER = re.compile(
    rf"^(?:(?:glava|poglavlje|dio|dio|глава|поглавље|дио)\s+)?({_ROMAN})\s*[.)]?(?:\s+[-–—]?\s*(.+))?$",
    re.IGNORECASE,
)
HEADING_MAX = 120


@dataclass
class ParsedText:
    """What was recognised in a file: the preamble, the articles and what looked wrong."""

    preamble: str = ""
    articles: list[ArticleData] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFC", line.replace("\xa0", " ").replace("\t", " "))
    return " ".join(line.split())


def _is_roman(token: str) -> bool:
    return bool(token) and re.fullmatch(_ROMAN, token.upper()) is not None


def _chapter(line: str) -> tuple[str, bool] | None:
    """(chapter title, title still expected on the next line) or None."""
    match = _CHAPTER.match(line)
    if not match or not _is_roman(match.group(1)):
        return None
    numeral = match.group(1)
    if numeral != numeral.upper():  # "i" or "vi" in running text is not a chapter
        return None
    rest = (match.group(2) or "").strip()
    if not rest:
        return numeral, True
    if len(rest) > HEADING_MAX or (rest.endswith((".", ",", ";")) and not rest.isupper()):
        return None
    if not (rest[0].isupper() or rest[0].isdigit()):
        return None
    return f"{numeral} {rest}", False


def _looks_like_heading(line: str) -> bool:
    return bool(line) and len(line) <= HEADING_MAX and not line.endswith((".", ",", ";", ":")) and line[0].isupper()


def _plausible_heading(rest: str) -> bool:
    rest = rest.strip()
    if not rest:
        return True
    return len(rest) <= HEADING_MAX and not rest.endswith((".", ",", ";", ":")) and not rest[0].islower()


def article_number(digits: str, letter: str | None) -> str:
    """'1' + 'а' (Cyrillic) → '1a': numbers are kept in Latin so anchors are the same in both scripts."""
    return digits.lstrip("0") + (fold(letter) if letter else "") if digits.strip("0") else digits


def parse_paragraphs(paragraphs: list[str]) -> ParsedText:
    """The structure of an act's text from its paragraphs (lines)."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines.extend(_clean(part) for part in (paragraph or "").split("\n"))
    result = ParsedText()
    preamble: list[str] = []
    chapter = ""
    expecting_chapter_title = False
    current: ArticleData | None = None
    body: list[str] = []
    pending_heading = ""

    def close_article() -> None:
        nonlocal current, body
        if current is not None:
            current.text = "\n\n".join(body).strip()
            result.articles.append(current)
        current, body = None, []

    for line in lines:
        if not line:
            continue
        article = _ARTICLE.match(line)
        if article and not _plausible_heading(article.group(4) or ""):
            article = None  # "Član 5 ove odluke primjenjuje se …" is a sentence, not an article's title
        if article:
            heading = (article.group(4) or "").strip(" .")
            # "Član 3 –" with nothing after the dash says: this article has no heading.
            if not heading and pending_heading and not article.group(3):
                heading = pending_heading
                if body and body[-1] == pending_heading:
                    body.pop()
                elif current is None and preamble and preamble[-1] == pending_heading:
                    preamble.pop()
            close_article()
            pending_heading = ""
            expecting_chapter_title = False
            current = ArticleData(
                number=article_number(article.group(1), article.group(2)), heading=heading[:500], chapter=chapter
            )
            continue
        found = _chapter(line)
        if found is not None:
            close_article()
            chapter, expecting_chapter_title = found
            pending_heading = ""
            continue
        if expecting_chapter_title and line.isupper():
            chapter = f"{chapter} {line}"
            expecting_chapter_title = False
            continue
        expecting_chapter_title = False
        pending_heading = line if _looks_like_heading(line) else ""
        if current is None:
            preamble.append(line)
        else:
            body.append(line)
    close_article()
    result.preamble = "\n\n".join(preamble)
    result.warnings = numbering_warnings(result.articles)
    return result


def _number_key(number: str) -> tuple[int, str]:
    match = re.match(r"(\d+)(.*)", number)
    return (int(match.group(1)), match.group(2)) if match else (0, number)


def numbering_warnings(articles: list[ArticleData]) -> list[str]:
    """Gaps, repeats and numbers out of order: what staff should look at in the preview."""
    warnings: list[str] = []
    seen: set[str] = set()
    previous: tuple[int, str] | None = None
    for article in articles:
        if article.number in seen:
            warnings.append(_("Article %(number)s appears more than once.") % {"number": article.number})
        seen.add(article.number)
        key = _number_key(article.number)
        if previous is not None:
            if key <= previous:
                warnings.append(
                    _("Article %(number)s comes after article %(previous)s.")
                    % {"number": article.number, "previous": f"{previous[0]}{previous[1]}"}
                )
            elif not key[1] and key[0] > previous[0] + 1:
                warnings.append(
                    _("Articles %(first)s to %(last)s are missing.") % {"first": previous[0] + 1, "last": key[0] - 1}
                    if key[0] > previous[0] + 2
                    else _("Article %(number)s is missing.") % {"number": previous[0] + 1}
                )
        elif key[0] != 1:
            warnings.append(_("The first article is numbered %(number)s, not 1.") % {"number": article.number})
        previous = key
        if not article.text:
            warnings.append(_("Article %(number)s has no text.") % {"number": article.number})
    return warnings


def to_text(preamble: str, articles: list[ArticleData]) -> str:
    """The editable text of the import preview; `parse_paragraphs(to_text(...).split("\\n"))` reads it back."""
    blocks: list[str] = []
    if preamble:
        blocks.append(preamble)
    chapter = ""
    for article in articles:
        if article.chapter != chapter:
            chapter = article.chapter
            if chapter:
                blocks.append(chapter)
        blocks.append(
            f"Član {article.number} – {article.heading}".rstrip() if article.heading else f"Član {article.number} –"
        )
        if article.text:
            blocks.append(article.text)
    return "\n\n".join(blocks) + "\n"


def parse_text(text: str) -> ParsedText:
    return parse_paragraphs((text or "").replace("\r\n", "\n").split("\n"))
