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
attributes only, markup byte for byte unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from html.entities import html5 as _HTML5_ENTITIES
from html.parser import HTMLParser

__all__ = [
    "DIGRAPH_EXCEPTIONS",
    "DIGRAPH_EXCEPTIONS_ANYWHERE",
    "LATIN_ACRONYMS",
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
LATIN_ACRONYMS: frozenset[str] = _words(
    """
    API CMS CPU CRM CSS CSV DNS DOC DOCX ERP GDPR GIF GIS GPS HDD HTML HTTP HTTPS ICS ID IP ISO IT
    JPEG JPG JSON LAN ODS ODT OS PC PDF PHP PNG PPT PPTX QR RAM REST RSS SMS SQL SSD SSL SVG TCP TLS
    TXT UDP URI URL USB VPN WAN XLS XLSX XML ZIP
    """
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
# digraph is joined; the rest of the word is transliterated as usual.
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
    if not stem:
        raise ValueError("An exception stem cannot be empty.")
    target = DIGRAPH_EXCEPTIONS_ANYWHERE if anywhere else DIGRAPH_EXCEPTIONS
    if stem not in target:
        target.append(stem)
    _PATTERNS.clear()


# --------------------------------------------------------------------------
# Patterns (built lazily and rebuilt when the exception list grows)
# --------------------------------------------------------------------------

_ROMAN = (
    r"(?=[MDCLXVI]{2,}(?!\w))(?!(?:MI|LI|DIV)(?!\w))"
    r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?!\w)"
)
_LEGACY_ENTITIES = sorted((name for name in _HTML5_ENTITIES if not name.endswith(";")), key=len, reverse=True)
_ENTITY = (
    r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;|(?:"
    + "|".join(map(re.escape, _LEGACY_ENTITIES))
    + "))"
)
_URL_CHAR = r"""(?:[^\s<>"'&]|&(?!nbsp;|#160;|#[xX]a0;))"""


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


def _word_pattern(html: bool) -> str:
    """Alternatives for single words: kept Latin, exception stems, entities."""
    foreign = re.escape(_foreign_latin_letters())
    lower = f"a-z{re.escape('čćđšžśź')}"
    upper = f"A-Z{re.escape('ČĆĐŠŽŚŹ')}"
    keep = (
        # Foreign words, code identifiers (underscore) and camelCase names, with
        # whatever is joined to them by hyphens ("Wi-Fi", "Wagtail-a").
        rf"(?=[\w-]*(?:[_{foreign}]|[{lower}][{upper}]))[\w-]*\w"
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
    )
    compound = r"(?<![\w.@/\\-])\w[\w+-]*(?:[.@/\\]+[\w+-]+)+"
    return rf"(?P<url>{url})|(?P<compound>{compound})|{_word_pattern(html)}"


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(name: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(name)
    if pattern is None:
        html = name.endswith("html")
        source = _word_pattern(html) if name.startswith("word") else _text_pattern(html)
        pattern = _PATTERNS[name] = re.compile(source)
    return pattern


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
    if position == 0:
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
    suffix = "html" if html else "plain"
    return _convert(text, _pattern("text-" + suffix), _pattern("word-" + suffix))


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


def _primary_language(value: str | None) -> str:
    return (value or "").strip().lower().replace("_", "-").split("-")[0]


class _Transliterator(HTMLParser):
    """Walks a document and records the edits that turn its human text into Cyrillic.

    The parser is used only to find where text, tags and everything else
    start; the output is the original document with a few slices replaced, so
    whatever is not human text is copied byte for byte.
    """

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=False)
        self.document = document
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", document)]
        self.context: _Context = (False, True, True)
        self.stack: list[tuple[str, _Context]] = []  # open elements and the context around them
        self.run_start = -1  # start of the current stretch of text, -1 when outside text
        self.run_active = False
        self.edits: list[tuple[int, int, str]] = []

    @property
    def active(self) -> bool:
        verbatim, our_language, translate = self.context
        return not verbatim and our_language and translate

    # -- positions and stretches of text -----------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _text(self) -> None:
        if self.run_start < 0:
            self.run_start = self._offset()
            self.run_active = self.active

    def end_run(self, end: int) -> None:
        start = self.run_start
        if start < 0:
            return
        self.run_start = -1
        if not self.run_active:
            return
        text = self.document[start:end]
        if not _HAS_LATIN.search(text):
            return
        if "<" in text and _TAG_IN_TEXT.search(text):
            return  # the parser gave up on broken markup here: never touch it
        converted = _to_cyrillic(text, html=True)
        if converted != text:
            self.edits.append((start, end, converted))

    def _markup(self) -> int:
        offset = self._offset()
        self.end_run(offset)
        return offset

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
        self._start(tag, attrs, void=tag in _VOID_ELEMENTS)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, void=True)

    def handle_endtag(self, tag: str) -> None:
        self._markup()
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                self._pop(index)
                return

    def _pop(self, index: int) -> None:
        self.context = self.stack[index][1]
        del self.stack[index:]

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], void: bool) -> None:
        offset = self._markup()
        closes = _IMPLIED_END.get(tag)
        if closes and self.stack and self.stack[-1][0] in closes:
            self._pop(len(self.stack) - 1)
        verbatim, our_language, translate = self.context
        for name, value in attrs:
            if name == "lang":
                # An empty lang means "unknown language": not ours to transliterate.
                our_language = _primary_language(value) in _OUR_LANGUAGES
            elif name == "translate":
                translate = (value or "").strip().lower() != "no"
            elif name == "class" and value and _NO_TRANSLIT_CLASS in value.split():
                verbatim = True
        if not verbatim and our_language and translate:
            self._rewrite_attributes(offset, tag, attrs)
        if not void:
            self.stack.append((tag, self.context))
            self.context = (verbatim or tag in _VERBATIM_ELEMENTS, our_language, translate)

    def _human_attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> set[str]:
        names = set(_HUMAN_ATTRIBUTES)
        if tag == "input":
            kind = next((value for name, value in attrs if name == "type"), None)
            if (kind or "").strip().lower() in _LABEL_INPUT_TYPES:
                names.add("value")
        elif tag == "meta":
            for name, value in attrs:
                if name in ("name", "property") and (value or "").strip().lower() in _HUMAN_META:
                    names.add("content")
        return names

    def _rewrite_attributes(self, offset: int, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not any(value and _HAS_LATIN.search(value) for _name, value in attrs):
            return
        names = self._human_attributes(tag, attrs)
        if not any(name in names and value and _HAS_LATIN.search(value) for name, value in attrs):
            return
        raw = self.get_starttag_text() or ""
        if not self.document.startswith(raw, offset):
            return
        head = _TAG_NAME.match(raw)
        if head is None:
            return
        pieces: list[str] = []
        copied = 0
        position = head.end()
        while position < len(raw):
            match = _ATTRIBUTE.match(raw, position)
            if match is None:
                break
            position = match.end()
            value = match.group(3)
            if not value or match.group(1).lower() not in names:
                continue
            if value[0] in "'\"":
                start, end = match.start(3) + 1, match.end(3) - 1
            else:
                start, end = match.start(3), match.end(3)
            converted = _to_cyrillic(raw[start:end], html=True)
            if converted != raw[start:end]:
                pieces.append(raw[copied:start])
                pieces.append(converted)
                copied = end
        if pieces:
            pieces.append(raw[copied:])
            self.edits.append((offset, offset + len(raw), "".join(pieces)))

    # -- driving -----------------------------------------------------------

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
        self.end_run(len(document) - len(self.rawdata))
        if not self.edits:
            return document
        pieces: list[str] = []
        copied = 0
        for start, end, replacement in self.edits:
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
