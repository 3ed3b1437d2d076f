"""Montenegrin alphabetical order, for both scripts.

The Latin alphabet is A B C Č Ć D Dž Đ E F G H I J K L Lj M N Nj O P R S Š Ś
T U V Z Ž Ź: the digraphs Dž, Lj and Nj are single letters (Džaković after
Dabović and before Đukanović), and Ś, Ź follow Š, Ž. Cyrillic text sorts by
the same order through its Latin equivalent (Љубић next to Ljubić), so a list
reads the same in either script variant.

`montenegrin_sort_key` is a key for `sorted()`; it compares, in turn:

1. the letters, ignoring case, accents of foreign letters (é sorts as e; q, w,
   x, y where the Latin alphabet has them) and punctuation; a space or hyphen
   comes before any letter ("Novak Đoković" before "Novaković") and numbers
   compare by value ("Sjednica 9" before "Sjednica 10");
2. the accents of foreign letters ("Celine" before "Céline");
3. case, lower before upper, then Latin before Cyrillic;
4. the text itself, so that the order is total and stable.

Databases collate by code point or by their own locale, which puts Č after Z:
order alphabetical lists in Python with this key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from .script import DIGRAPH_EXCEPTIONS, DIGRAPH_EXCEPTIONS_ANYWHERE

__all__ = ["LATIN_ALPHABET", "montenegrin_sort_key", "montenegrin_sorted"]

T = TypeVar("T")

ACUTE = "\u0301"

# The Montenegrin Latin alphabet, with q, w, x and y where the Latin alphabet has them.
LATIN_ALPHABET = (
    "a", "b", "c", "č", "ć", "d", "dž", "đ", "e", "f", "g", "h", "i", "j", "k", "l", "lj", "m",
    "n", "nj", "o", "p", "q", "r", "s", "š", "ś", "t", "u", "v", "w", "x", "y", "z", "ž", "ź",
)  # fmt: skip
_RANK = {letter: rank for rank, letter in enumerate(LATIN_ALPHABET)}
_DIGRAPHS = frozenset(("dž", "lj", "nj"))

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip
_CYRILLIC_ACUTE = {"с": "ś", "з": "ź"}
# The one-character digraph letters of old Yugoslav encodings (Ǆ ǅ ǆ Ǉ ǈ ǉ Ǌ ǋ ǌ).
_LIGATURES = {"ǆ": "dž", "ǉ": "lj", "ǌ": "nj"}
# Foreign letters with no decomposition: sorted as the letters they stand for.
_FOREIGN = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "ı": "i", "þ": "th", "ð": "d"}

_SEPARATORS = frozenset(" \t\n\r\f\v\u00a0\u2009\u202f-\u2010\u2011\u2012\u2013\u2014_/")
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"\w+")

# Primary weights: (class, value). A separator sorts before a number, a
# number before a letter, a letter of our alphabet before any other character.
_SEPARATOR, _NUMBER_CLASS, _LETTER, _OTHER = 0, 1, 2, 3


def _lower(char: str) -> str:
    low = char.lower()
    return low if len(low) == 1 else char


def _unjoined(text: str) -> set[int]:
    """Positions where "lj", "nj" or "dž" are two letters (konjunktura, nadživjeti)."""
    positions: set[int] = set()
    if not any(pair in text.lower() for pair in _DIGRAPHS):
        return positions
    for word in _WORD.finditer(text):
        lower = "".join(_lower(char) for char in word.group())
        spans = [(0, len(stem)) for stem in DIGRAPH_EXCEPTIONS if lower.startswith(stem)]
        for stem in DIGRAPH_EXCEPTIONS_ANYWHERE:
            spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(stem), lower))
        for start, end in spans:
            positions.update(range(word.start() + start, word.start() + end))
    return positions


def montenegrin_sort_key(text: str) -> tuple:
    """A key that sorts text in Montenegrin alphabetical order (see the module docstring)."""
    text = unicodedata.normalize("NFC", text or "")
    unjoined = _unjoined(text)
    primary: list[tuple[int, int]] = []
    secondary: list[str] = []
    tertiary: list[tuple[int, int]] = []

    def letter(latin: str, accents: str = "", upper: bool = False, cyrillic: bool = False) -> None:
        for part in (latin,) if latin in _RANK else tuple(latin):
            primary.append((_LETTER, _RANK[part]) if part in _RANK else (_OTHER, ord(part)))
            secondary.append(accents)
            tertiary.append((int(upper), int(cyrillic)))

    i, length = 0, len(text)
    while i < length:
        char = text[i]
        low = _lower(char)
        if char in _SEPARATORS:
            while i < length and text[i] in _SEPARATORS:
                i += 1
            if primary and i < length:  # leading and trailing separators do not count
                primary.append((_SEPARATOR, 0))
                secondary.append("")
                tertiary.append((0, 0))
            continue
        if char.isdigit():
            match = _NUMBER.match(text, i)
            if match:
                digits = match.group()
                try:
                    value = int(digits)
                except ValueError:  # a digit int() does not read (superscripts and the like)
                    value = ord(char)
                    digits = char
                primary.append((_NUMBER_CLASS, value))
                secondary.append("")
                tertiary.append((0, 0))
                i += len(digits)
                continue
        pair = low + _lower(text[i + 1]) if i + 1 < length else ""
        if pair in _DIGRAPHS and i not in unjoined:
            letter(pair, upper=char != low)
            i += 2
            continue
        if low in _CYRILLIC_ACUTE and i + 1 < length and text[i + 1] == ACUTE:
            letter(_CYRILLIC_ACUTE[low], upper=char != low, cyrillic=True)
            i += 2
            continue
        i += 1
        if low in _RANK:
            letter(low, upper=char != low)
        elif low in _CYRILLIC:
            letter(_CYRILLIC[low], upper=char != low, cyrillic=True)
        elif low in _LIGATURES:
            letter(_LIGATURES[low], upper=char != low)
        elif low in _FOREIGN:
            letter(_FOREIGN[low], upper=char != low)
        elif unicodedata.category(char).startswith(("L", "M")):
            decomposed = unicodedata.normalize("NFD", low)
            base, accents = decomposed[0], decomposed[1:]
            if base in _RANK or base in _CYRILLIC:
                letter(_CYRILLIC.get(base, base), accents=accents, upper=char != low, cyrillic=base in _CYRILLIC)
            elif unicodedata.category(char).startswith("L"):
                letter(low, upper=char != low)
            # a stray combining mark adds nothing
        elif unicodedata.category(char).startswith("N"):
            primary.append((_NUMBER_CLASS, ord(char)))
            secondary.append("")
            tertiary.append((0, 0))
        # punctuation and symbols are ignored, except for the final tie-break
    return (tuple(primary), tuple(secondary), tuple(tertiary), text)


def montenegrin_sorted(items: Iterable[T], key: Callable[[T], str] | None = None, reverse: bool = False) -> list[T]:
    """sorted() in Montenegrin alphabetical order; `key` picks the text of each item."""
    if key is None:
        return sorted(items, key=lambda item: montenegrin_sort_key(str(item)), reverse=reverse)
    return sorted(items, key=lambda item: montenegrin_sort_key(key(item)), reverse=reverse)
