"""Montenegrin Latin <-> Cyrillic transliteration, for plain text and rendered HTML.

The two official scripts map letter for letter, except that the Latin digraphs
"lj", "nj" and "dž" are single Cyrillic letters (љ, њ, џ) and that ś/ź are
written in Cyrillic as с/з followed by U+0301 (there is no precomposed letter).

Latin -> Cyrillic is the hard direction:

- a digraph is sometimes two letters ("konjunktura" -> "конјунктура",
  "nadživjeti" -> "надживјети"); those words come from `DIGRAPH_EXCEPTIONS`;
- some Latin text must stay Latin: URLs, e-mail addresses, file and domain
  names, paths, code identifiers, foreign words (any word with q, w, x, y or a
  Latin letter that is not in the Montenegrin alphabet, or a camelCase brand
  such as "JavaScript"), international technical acronyms (`LATIN_ACRONYMS`)
  and Roman numerals.

Roman numerals stay Latin because Serbian and Montenegrin Cyrillic typography
writes them with Latin capitals ("Глава IV", "XXI вијек"). Only numerals of
two letters or more are recognised: a lone "I" is also the conjunction "i" in
capitals ("VODOVOD I KANALIZACIJA"), and a lone "V", "C", "D", "L" or "M" is
usually an initial ("M. Petrović"). "MI", "LI" and "DIV" are words, not
numerals. "VI" is read as the numeral six (chapter headings are far more common
than the pronoun written in capitals).

Cyrillic -> Latin is unambiguous; the only care needed is the case of the
capital digraphs: "ЉУБАВ" -> "LJUBAV", "Љубав" -> "Ljubav".

`transliterate_html` turns a rendered page into Cyrillic: human text and human
attributes only, markup byte for byte unchanged. HTMLParser is used only to
find where each piece of text and each readable attribute value sits in the
original string (and whether it is inside script, code, translate="no", a
foreign `lang`...); those slices are transliterated in one batch and spliced
back, so everything else is copied from the input untouched.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

__all__ = [
    "DIGRAPH_EXCEPTIONS",
    "DIGRAPH_EXCEPTIONS_ANYWHERE",
    "LATIN_ACRONYMS",
    "add_acronym",
    "add_exception",
    "to_cyrillic",
    "to_latin",
    "transliterate_html",
]

ACUTE = "\u0301"

# --------------------------------------------------------------------------
# Letters
# --------------------------------------------------------------------------

_LOWER_PAIRS = [
    ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("đ", "ђ"), ("e", "е"), ("ž", "ж"),
    ("z", "з"), ("ź", "з" + ACUTE), ("i", "и"), ("j", "ј"), ("k", "к"), ("l", "л"), ("m", "м"),
    ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("ś", "с" + ACUTE), ("t", "т"),
    ("ć", "ћ"), ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "ц"), ("č", "ч"), ("š", "ш"),
]  # fmt: skip
_PAIRS = _LOWER_PAIRS + [(lat.upper(), cyr[0].upper() + cyr[1:]) for lat, cyr in _LOWER_PAIRS]

# Single Latin letters -> Cyrillic (digraphs are replaced before this table runs).
_TO_CYRILLIC_TABLE = str.maketrans(dict(_PAIRS))

# Latin digraphs, in the order they must be replaced (capitals first).
_DIGRAPHS = (
    ("LJ", "Љ"), ("Lj", "Љ"), ("lj", "љ"),
    ("NJ", "Њ"), ("Nj", "Њ"), ("nj", "њ"),
    ("DŽ", "Џ"), ("Dž", "Џ"), ("dž", "џ"),
)  # fmt: skip

# Single Cyrillic letters -> Latin. С́/З́ and the capital digraph letters are
# handled before the table runs; the table still maps Љ/Њ/Џ to their title case.
_TO_LATIN_TABLE = str.maketrans(
    {cyr: lat for lat, cyr in _PAIRS if len(cyr) == 1}
    | {"љ": "lj", "њ": "nj", "џ": "dž", "Љ": "Lj", "Њ": "Nj", "Џ": "Dž"}
)
_ACUTE_TO_LATIN = (("С" + ACUTE, "Ś"), ("с" + ACUTE, "ś"), ("З" + ACUTE, "Ź"), ("з" + ACUTE, "ź"))
_CAPITAL_DIGRAPH_LATIN = {"Љ": ("Lj", "LJ"), "Њ": ("Nj", "NJ"), "Џ": ("Dž", "DŽ")}

_MONTENEGRIN_LATIN_EXTRA = "ČčĆćĐđŠšŽžŚśŹź"
_HAS_LATIN = re.compile(f"[A-Za-z{_MONTENEGRIN_LATIN_EXTRA}]")
_HAS_CYRILLIC = re.compile("[Ѐ-ӿ]")
_CAPITAL_DIGRAPH = re.compile("[ЉЊЏ]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _foreign_latin_letters() -> str:
    """Latin letters that are not in the Montenegrin alphabet (é, ü, ß, ø, ...)."""
    chars = []
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            char = chr(code)
            if unicodedata.category(char).startswith("L") and char not in _MONTENEGRIN_LATIN_EXTRA:
                chars.append(char)
    return "qwxyQWXY" + "".join(chars)


# --------------------------------------------------------------------------
# What stays Latin
# --------------------------------------------------------------------------

# International technical acronyms kept in Latin capitals. Case-sensitive on
# purpose: "ram" (a frame) and "lan" (flax) are Montenegrin words. Montenegrin
# abbreviations (JMBG, PIB, EU, OŠ) are transliterated as usual.
LATIN_ACRONYMS: set[str] = set(
    _words(
        """
    AA AAA API CMS CPU CRM CSS CSV DNS DOC DOCX EN ERP GDPR GIF GIS GPS HDD HTML HTTP HTTPS ICS ID IP ISO IT
    JPEG JPG JSON LAN ODS ODT OS PC PDF PHP PNG PPT PPTX QR RAM REST RSS SMS SQL SSD SSL SVG TCP TLS
    TXT UDP URI URL USB VPN WAN WCAG XLS XLSX XML ZIP
    """
    )
)
# Case endings written after an acronym with a hyphen ("PDF-a", "SMS-om") stay Latin with it.
_ACRONYM_ENDINGS = "a|e|i|u|om|em|ima|ovi|ova|ove|ovima|ovu|ovom"

# The last dotted part of a token that makes it a file or a domain name.
_FILE_AND_DOMAIN_SUFFIXES = _words(
    """
    pdf doc docx xls xlsx ppt pptx odt ods odp rtf txt csv json xml html htm php asp aspx js css py
    zip rar gz tar 7z jpg jpeg png gif svg webp bmp tif tiff mp3 mp4 avi mov mkv wav ics vcf eml exe
    msi sh bat sql md yml yaml toml ini cfg log
    me com org net gov edu info biz eu io int rs hr ba al mk si de at ch uk fr ru us app dev
    """
)

# Word starts where "nj", "lj" or "dž" are two letters (a prefix boundary or a
# loanword), matched case-insensitively at the start of a word. Inside a stem no
# digraph is joined; the rest of the word is transliterated as usual. Grow the
# lists with add_exception(), which also rebuilds the patterns.
DIGRAPH_EXCEPTIONS: list[str] = [
    # n + j
    "injekc",  # injekcija, injekcioni
    "injekt",  # injektor, injektirati
    "injicir",  # injicirati
    "injurij",  # injurija (law: insult)
    "konjug",  # konjugacija, konjugovati
    "konjunk",  # konjunktura, konjunkcija, konjunktiv
    "konjekt",  # konjektura
    "anjon",  # anjon (an + jon)
    "tanjug",  # Tanjug (TAN + JUG, the news agency)
    "vanjezič",  # vanjezički (van + jezički)
    # d + ž
    "nadživ",  # nadživjeti, nadživio
    "nadžnj",  # nadžnjeti
    "nadžup",  # nadžupan
    "odžal",  # odžaliti
    "odživ",  # odživjeti
    "odžvak",  # odžvakati
    "podžanr",  # podžanr
    "podžup",  # podžupan
    "feldžandarm",  # feldžandarm (Feld + žandarm)
]
# Stems that are exceptions wherever they occur in a word (after prefixes such as "ne-").
DIGRAPH_EXCEPTIONS_ANYWHERE: list[str] = ["konjunk", "konjug", "injekc", "injekt"]


def add_exception(stem: str, *, anywhere: bool = False) -> None:
    """Add a Latin word start whose "lj"/"nj"/"dž" are two letters, not one.

    With `anywhere=True` the stem is an exception wherever it occurs in a word.
    """
    stem = unicodedata.normalize("NFC", stem.strip()).lower()
    if not _DIGRAPH_IN_STEM.search(stem):
        raise ValueError(f"An exception stem needs an 'lj', 'nj' or 'dž' to split: {stem!r}.")
    target = DIGRAPH_EXCEPTIONS_ANYWHERE if anywhere else DIGRAPH_EXCEPTIONS
    if stem not in target:
        target.append(stem)
    _PATTERNS.clear()


def add_acronym(acronym: str) -> None:
    """Keep another international acronym (two or more capitals, then digits or capitals) in Latin."""
    acronym = acronym.strip()
    if not re.fullmatch("[A-Z]{2}[A-Z0-9]*", acronym):
        raise ValueError(f"An acronym is two or more Latin capitals (digits may follow): {acronym!r}.")
    LATIN_ACRONYMS.add(acronym)
    _PATTERNS.clear()


# --------------------------------------------------------------------------
# Patterns (built lazily, rebuilt when a list above grows)
# --------------------------------------------------------------------------
#
# Speed matters (every public page goes through here), so the work is split:
# a cheap "trigger" pattern, which Python's regex engine can skip through
# quickly, finds the rare places where something may have to stay Latin or be
# an exception; only the whitespace-delimited chunk around a trigger goes
# through the full pattern. Everything else is transliterated in bulk with
# str.replace (digraphs) and str.translate (letters).

_LOWER = "a-z" + re.escape("čćđšžśź")
_UPPER = "A-Z" + re.escape("ČĆĐŠŽŚŹ")
_FOREIGN = re.escape(_foreign_latin_letters())
_ROMAN = (
    r"(?=[MDCLXVI]{2,}(?!\w))(?!(?:MI|LI|DIV)(?!\w))"
    r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?!\w)"
)
# Anything HTMLParser (and a browser) may read as a character reference; Django
# escapes every literal "&", so in a rendered page these are never words.
_ENTITY = r"&(?:#[0-9A-Za-z]*;?|[A-Za-z][-.A-Za-z0-9]*;?)"
_URL_CHAR = r"""(?:[^\s<>"'&]|&(?!nbsp;|#160;|#[xX]a0;))"""
_DIGRAPH_IN_STEM = re.compile("lj|nj|dž")
# camelCase, but not a title-case digraph before capitals ("DžEP", "LjUBAV"), which
# is how naive transliteration writes an all-caps word.
_NOT_DIGRAPH = "(?<![LlNn]j)(?<![Dd]ž)"
_NOT_DIGRAPH_WIDE = "[LlNn]j.|[Dd]ž."
_NON_SPACE = re.compile(r"\S*")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


def _any_case(text: str) -> str:
    """A pattern for `text` in any letter case, as character classes (no inline flags)."""
    return "".join(
        f"[{re.escape(char.lower())}{re.escape(char.upper())}]" if char.lower() != char.upper() else re.escape(char)
        for char in text
    )


def _word_pattern(html: bool) -> str:
    """Alternatives for single words: kept Latin, exception stems, entities."""
    keep = (
        # Foreign words, code identifiers (underscore) and camelCase names, with
        # whatever is joined to them by hyphens ("Wi-Fi", "Wagtail-a").
        # The look-ahead is bounded so that a long hyphenated run stays linear.
        rf"(?=[\w-]{{0,64}}(?:[_{_FOREIGN}]|[{_LOWER}]{_NOT_DIGRAPH}[{_UPPER}]))[\w-]*\w"
        rf"|(?:{_alternation(list(LATIN_ACRONYMS))})(?:-(?:{_ACRONYM_ENDINGS}))?(?!\w)"
        rf"|{_ROMAN}"
    )
    exception = rf"(?<!\w)(?i:{_alternation(DIGRAPH_EXCEPTIONS)})"
    if DIGRAPH_EXCEPTIONS_ANYWHERE:
        exception += rf"|(?i:{_alternation(DIGRAPH_EXCEPTIONS_ANYWHERE)})"
    parts = [rf"(?P<keep>(?<!\w)(?:{keep}))", rf"(?P<exception>{exception})"]
    if html:
        parts.insert(0, rf"(?P<entity>{_ENTITY})")
    return "|".join(parts)


def _text_pattern(html: bool) -> str:
    """Alternatives for running text: URLs, paths, dotted tokens, then words."""
    url = (
        rf"(?i:(?:https?|ftp)://|mailto:|(?<![\w.@])www\.){_URL_CHAR}+"
        rf"|(?<![\w/\\.~-])(?:~|\.{{1,2}})?/\w{_URL_CHAR}*"
        rf"|(?<![\w/\\.~-])[A-Za-z]:\\{_URL_CHAR}*"
        r"|(?<![\w@])@\w+"  # social media handles
    )
    compound = r"(?<![\w.@/\\-])\w[\w+-]*(?:[.@/\\]+[\w+-]+)+"
    return rf"(?P<url>{url})|(?P<compound>{compound})|{_word_pattern(html)}"


def _trigger_pattern(html: bool) -> str:
    """One character where the full pattern may find something; led by a character class."""
    # Exception stems are found at their first digraph letter, checked by lookarounds.
    stems = []
    first_letters = set()
    for stem in DIGRAPH_EXCEPTIONS + DIGRAPH_EXCEPTIONS_ANYWHERE:
        digraph = _DIGRAPH_IN_STEM.search(stem)
        if digraph is None:
            continue
        first_letters.update((stem[digraph.start()], stem[digraph.start()].upper()))
        before, after = stem[: digraph.start() + 1], stem[digraph.start() + 1 :]
        stems.append(f"(?<={_any_case(before)})(?={_any_case(after)})")
    separators = r".@/\\:"
    markers = "_&" if html else "_"
    leading = separators + markers + _FOREIGN + _UPPER + re.escape("".join(sorted(first_letters)))
    branches = [
        rf"(?<=[{separators}])(?=\w)",  # addresses, paths, file names, "d.o.o."
        rf"(?<=[{markers}{_FOREIGN}])",  # code, entities, foreign letters
        rf"(?<=[{_UPPER}])(?<=[{_LOWER}].)(?<!{_NOT_DIGRAPH_WIDE})",  # camelCase
        r"(?<=[A-Z])(?<!\w.)(?=[A-Z])",  # acronyms and Roman numerals
        *stems,
    ]
    return f"[{leading}](?:{'|'.join(branches)})"


_PATTERNS: dict[bool, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


def _patterns(html: bool) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(trigger, text, word) patterns for plain text or for HTML text."""
    patterns = _PATTERNS.get(html)
    if patterns is None:
        patterns = _PATTERNS[html] = (
            re.compile(_trigger_pattern(html)),
            re.compile(_text_pattern(html)),
            re.compile(_word_pattern(html)),
        )
    return patterns


# --------------------------------------------------------------------------
# Latin -> Cyrillic
# --------------------------------------------------------------------------


def _letters_to_cyrillic(text: str) -> str:
    """Transliterate a stretch with nothing to keep: digraphs, then single letters."""
    if "j" in text or "J" in text or "ž" in text or "Ž" in text:
        for latin, cyrillic in _DIGRAPHS:
            if latin in text:
                text = text.replace(latin, cyrillic)
    return text.translate(_TO_CYRILLIC_TABLE)


def _is_code_token(token: str) -> bool:
    """Whether a token joined by dots, slashes or "@" is an address, a path or a file name."""
    if "@" in token or "_" in token or "\\" in token or token.count("/") >= 2:
        return True
    head, dot, suffix = token.rpartition(".")
    return bool(dot and head and suffix.lower() in _FILE_AND_DOMAIN_SUFFIXES)


def _convert(text: str, pattern: re.Pattern[str], word_pattern: re.Pattern[str] | None) -> str:
    """Transliterate `text`, leaving the spans `pattern` marks as Latin."""
    pieces: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        start = match.start()
        if start > position:
            pieces.append(_letters_to_cyrillic(text[position:start]))
        kind = match.lastgroup
        token = match.group()
        if kind == "exception":
            # The stem's letters one by one: its "nj"/"dž" are two letters.
            pieces.append(token.translate(_TO_CYRILLIC_TABLE))
        elif kind == "compound" and word_pattern is not None and not _is_code_token(token):
            pieces.append(_convert(token, word_pattern, None))
        else:  # url, keep, entity, code-like compound
            pieces.append(token)
        position = match.end()
    if not pieces:
        return _letters_to_cyrillic(text)
    if position < len(text):
        pieces.append(_letters_to_cyrillic(text[position:]))
    return "".join(pieces)


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _to_cyrillic(text: str, html: bool) -> str:
    text = _nfc(text)
    if not _HAS_LATIN.search(text):
        return text
    trigger, text_pattern, word_pattern = _patterns(html)
    found = trigger.search(text)
    if found is None:
        return _letters_to_cyrillic(text)
    pieces: list[str] = []
    position = 0
    while found is not None:
        at = found.start()
        # The chunk around the trigger, between whitespace (or the previous chunk):
        # nothing the full pattern keeps can span whitespace.
        start = max(
            position, text.rfind(" ", position, at) + 1, text.rfind("\n", position, at) + 1,
            text.rfind("\t", position, at) + 1,
        )  # fmt: skip
        end = _NON_SPACE.match(text, at).end()  # type: ignore[union-attr]
        if start > position:
            pieces.append(_letters_to_cyrillic(text[position:start]))
        pieces.append(_convert(text[start:end], text_pattern, word_pattern))
        position = end
        found = trigger.search(text, position)
    if position < len(text):
        pieces.append(_letters_to_cyrillic(text[position:]))
    return "".join(pieces)


def to_cyrillic(text: str) -> str:
    """Montenegrin Latin -> Cyrillic; what must stay Latin stays Latin.

    The input is normalised to NFC first, so a decomposed "s" + U+0301 is read
    as "ś". Characters outside the Latin alphabet are left as they are.
    """
    return _to_cyrillic(text, html=False)


# --------------------------------------------------------------------------
# Cyrillic -> Latin
# --------------------------------------------------------------------------


def _capital_digraph(match: re.Match[str]) -> str:
    """Љ/Њ/Џ as "LJ" in an all-caps word, "Lj" otherwise."""
    title, capitals = _CAPITAL_DIGRAPH_LATIN[match.group()]
    text = match.string
    end = match.end()
    following = text[end] if end < len(text) else ""
    if following.isalpha():
        return capitals if following.isupper() else title
    # Last letter of a word (or alone): follow the letter before it.
    start = match.start()
    previous = text[start - 1] if start else ""
    return capitals if previous.isalpha() and previous.isupper() else title


def to_latin(text: str) -> str:
    """Montenegrin Cyrillic -> Latin; other characters are left as they are."""
    text = _nfc(text)
    if not _HAS_CYRILLIC.search(text):
        return text
    if ACUTE in text:
        for cyrillic, latin in _ACUTE_TO_LATIN:
            text = text.replace(cyrillic, latin)
    if "Љ" in text or "Њ" in text or "Џ" in text:
        text = _CAPITAL_DIGRAPH.sub(_capital_digraph, text)
    return _nfc(text.translate(_TO_LATIN_TABLE))


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

# Elements whose content is never transliterated (their own human attributes are).
_VERBATIM_ELEMENTS = _words(
    "script style code pre kbd samp var textarea svg math xmp iframe noembed noframes plaintext"
)
_VOID_ELEMENTS = _words("area base br col embed hr img input keygen link meta param source track wbr")
_HUMAN_ATTRIBUTES = _words("title alt aria-label aria-description placeholder label")
_CANDIDATE_ATTRIBUTES = _HUMAN_ATTRIBUTES | {"value", "content"}
_LABEL_INPUT_TYPES = frozenset(("submit", "button", "reset"))
_HUMAN_META = _words(
    """description og:title og:description og:site_name og:image:alt
    twitter:title twitter:description twitter:image:alt"""
)
_OUR_LANGUAGES = frozenset(("cnr", "sr", "hr", "bs", "sh"))
_NO_TRANSLIT_CLASS = "notranslit"
# A start tag closes an open element of these kinds first (the common implied end tags).
_BLOCKS = _words(
    """address article aside blockquote details div dl fieldset figcaption figure footer form
    h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul"""
)
_IMPLIED_END = {
    "li": frozenset(("li",)),
    "option": frozenset(("option",)),
    "optgroup": frozenset(("option", "optgroup")),
    "dt": frozenset(("dt", "dd")),
    "dd": frozenset(("dt", "dd")),
    "tr": frozenset(("td", "th", "tr")),
    "td": frozenset(("td", "th")),
    "th": frozenset(("td", "th")),
} | {block: frozenset(("p",)) for block in _BLOCKS}

# Attributes inside a raw start tag, as Python 3.11's HTMLParser finds them.
_TAG_NAME = re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*(?:\s|/(?!>))*")
_ATTRIBUTE = re.compile(
    r"((?<=['\"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*"
    r"('[^']*'|\"[^\"]*\"|(?!['\"])[^>\s]*))?(?:\s|/(?!>))*"
)
_TAG_IN_TEXT = re.compile(r"<[A-Za-z/!?]")


# Where an element sits: (inside verbatim or opted-out content, language is
# ours, translation allowed). Text is transliterated when the first is False
# and the other two are True.
_Context = tuple[bool, bool, bool]
# Joins the stretches of text so they are transliterated in one call. Whitespace
# on both sides makes each stretch behave as if it stood alone (nothing kept
# Latin spans whitespace, and no digraph does). A page that itself contains NUL
# falls back to one call per stretch.
_RUN_SEPARATOR = "\n\x00\n"


def _primary_language(value: str | None) -> str:
    return (value or "").strip().lower().replace("_", "-").split("-")[0]


class _Transliterator(HTMLParser):
    """Walks a document and collects the edits that turn its human text into Cyrillic.

    The parser is used only to find where text, tags and everything else
    start; the output is the original document with some slices replaced, so
    whatever is not human text is copied byte for byte.
    """

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=False)
        self.document = document
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", document)]
        self.context: _Context = (False, True, True)
        self.active = True  # whether text in the current context is transliterated
        self.stack: list[tuple[str, _Context, bool]] = []  # open elements, context around them
        self.run_start = -1  # start of the current stretch of text, -1 when outside text
        # What to transliterate, in document order: (start, end, is a stretch of text).
        self.spans: list[tuple[int, int, bool]] = []

    # -- positions and stretches of text -----------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _end_run(self, end: int) -> None:
        self.spans.append((self.run_start, end, True))
        self.run_start = -1

    def _text(self) -> None:
        if self.run_start < 0 and self.active:
            self.run_start = self._offset()

    def _markup(self) -> None:
        if self.run_start >= 0:
            self._end_run(self._offset())

    def handle_data(self, data: str) -> None:
        self._text()

    def handle_entityref(self, name: str) -> None:
        self._text()

    def handle_charref(self, name: str) -> None:
        self._text()

    def handle_comment(self, data: str) -> None:
        self._markup()

    def handle_decl(self, decl: str) -> None:
        self._markup()

    def handle_pi(self, data: str) -> None:
        self._markup()

    def unknown_decl(self, data: str) -> None:
        self._markup()

    # -- elements ----------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, tag in _VOID_ELEMENTS)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, True)

    def handle_endtag(self, tag: str) -> None:
        self._markup()
        stack = self.stack
        for index in range(len(stack) - 1, -1, -1):
            if stack[index][0] == tag:
                self._pop(index)
                return

    def _pop(self, index: int) -> None:
        _tag, self.context, self.active = self.stack[index]
        del self.stack[index:]

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], void: bool) -> None:
        self._markup()
        closes = _IMPLIED_END.get(tag)
        if closes and self.stack and self.stack[-1][0] in closes:
            self._pop(len(self.stack) - 1)
        verbatim, our_language, translate = context = self.context
        readable = False
        for name, value in attrs:
            if name in _CANDIDATE_ATTRIBUTES:
                readable = True
            elif name == "lang":
                # An empty lang means "unknown language": not ours to transliterate.
                our_language = _primary_language(value) in _OUR_LANGUAGES
            elif name == "translate":
                translate = (value or "").strip().lower() != "no"
            elif name == "class" and value and _NO_TRANSLIT_CLASS in value.split():
                verbatim = True
        own = not verbatim and our_language and translate
        if readable and own:
            self._rewrite_attributes(tag, attrs)
        if not void:
            self.stack.append((tag, context, self.active))
            if tag in _VERBATIM_ELEMENTS:
                verbatim, own = True, False
            self.context = (verbatim, our_language, translate)
            self.active = own

    def _human_attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> frozenset[str]:
        if tag == "input":
            kind = next((value for name, value in attrs if name == "type"), None)
            if (kind or "").strip().lower() in _LABEL_INPUT_TYPES:
                return _HUMAN_ATTRIBUTES | {"value"}
        elif tag == "meta":
            for name, value in attrs:
                if name in ("name", "property") and (value or "").strip().lower() in _HUMAN_META:
                    return _HUMAN_ATTRIBUTES | {"content"}
        return _HUMAN_ATTRIBUTES

    def _rewrite_attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Queue the values of the attributes people read, as spans of the document."""
        names = self._human_attributes(tag, attrs)
        if not any(name in names and value and _HAS_LATIN.search(value) for name, value in attrs):
            return
        raw = self.get_starttag_text() or ""
        offset = self._offset()
        head = _TAG_NAME.match(raw)
        if head is None or not self.document.startswith(raw, offset):
            return
        position = head.end()
        while position < len(raw):
            match = _ATTRIBUTE.match(raw, position)
            if match is None:
                break
            position = match.end()
            value = match.group(3)
            if not value or match.group(1).lower() not in names:
                continue
            quoted = value[0] in "'\""
            start, end = match.start(3) + quoted, match.end(3) - quoted
            if start < end:
                self.spans.append((offset + start, offset + end, False))

    # -- driving -----------------------------------------------------------

    def _edits(self) -> list[tuple[int, int, str]]:
        """(start, end, Cyrillic) for every span that changes, in document order."""
        document = self.document
        spans = []
        for start, end, is_text in self.spans:
            text = document[start:end]
            if is_text and "<" in text and _TAG_IN_TEXT.search(text):
                continue  # the parser gave up on broken markup here: never touch it
            spans.append((start, end, text))
        if not spans:
            return []
        texts = [text for _start, _end, text in spans]
        # One call for the whole page is much faster than one per span.
        joined = _RUN_SEPARATOR.join(texts)
        converted = _to_cyrillic(joined, html=True).split(_RUN_SEPARATOR)
        if len(converted) != len(spans) or "\x00" in joined.replace(_RUN_SEPARATOR, ""):
            converted = [_to_cyrillic(text, html=True) for text in texts]
        return [(start, end, new) for (start, end, old), new in zip(spans, converted, strict=True) if new != old]

    def run(self) -> str:
        document = self.document
        self.feed(document)
        # HTMLParser stops early on a few malformed constructs (a stray "&#"
        # before a ";"); keep going as a browser would, then flush the rest.
        while self.rawdata:
            left = len(self.rawdata)
            self.goahead(False)
            if len(self.rawdata) == left:
                break
        self.close()
        if self.run_start >= 0:
            self._end_run(len(document) - len(self.rawdata))
        edits = self._edits()
        if not edits:
            return document
        pieces: list[str] = []
        copied = 0
        for start, end, replacement in edits:
            pieces.append(document[copied:start])
            pieces.append(replacement)
            copied = end
        pieces.append(document[copied:])
        return "".join(pieces)


def transliterate_html(html: str) -> str:
    """Transliterate a rendered HTML document's human text to Cyrillic.

    Changed: text nodes and the attributes people read (title, alt,
    aria-label, aria-description, placeholder, label; the value of submit,
    reset and button inputs; the content of description and Open Graph /
    Twitter title and description meta tags). Left alone: all markup, every
    other attribute, entities and character references, and the content of
    script, style, code, pre, kbd, samp, var, textarea, svg and math, of any
    element with translate="no" or class "notranslit", and of any element whose
    `lang` is not Montenegrin, Serbian, Croatian or Bosnian. A descendant with
    translate="yes" or a lang of ours switches transliteration back on, except
    under a verbatim element or "notranslit".
    """
    if not _HAS_LATIN.search(html):
        return html
    return _Transliterator(html).run()
