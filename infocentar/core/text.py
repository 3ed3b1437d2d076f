"""Text normalisation for search: one folding used when indexing and when querying.

`fold` turns Montenegrin in either script into lower-case plain Latin without
diacritics, so "opstina", "Opština", "ОПШТИНА" and "општина" all become
"opstina". Đ/đ folds to "dj"; `fold_for_index` also adds the "d" spelling so a
search for "durdevic" finds "Đurđević" as well as "djurdjevic" does.
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC_TO_FOLDED = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "е": "e", "ж": "z", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "c", "џ": "dz", "ш": "s",
    # Letters of neighbouring alphabets that appear in names.
    "ё": "e", "й": "j", "ы": "y", "э": "e", "ю": "ju", "я": "ja", "ь": "", "ъ": "", "щ": "sc",
    "ї": "ji", "і": "i", "є": "je", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}  # fmt: skip
_LATIN_SPECIAL = {"đ": "dj", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "ı": "i"}
_TABLE = str.maketrans({**_CYRILLIC_TO_FOLDED, **_LATIN_SPECIAL})
_SPACES = re.compile(r"\s+")
_DJ_WORD = re.compile(r"\w*dj\w*")


def fold(text: str | None) -> str:
    """Lower-case plain Latin without diacritics; both scripts; spaces collapsed."""
    if not text:
        return ""
    lowered = unicodedata.normalize("NFC", str(text)).lower().translate(_TABLE)
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


def fold_for_index(text: str | None) -> str:
    """`fold`, plus the "d" spelling of every word that has "dj" (from đ)."""
    folded = fold(text)
    if "dj" not in folded:
        return folded
    extra = {word.replace("dj", "d") for word in _DJ_WORD.findall(folded)}
    return folded + " " + " ".join(sorted(extra))
