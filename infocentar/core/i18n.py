"""Translation catalogues without GNU gettext: compile ours, build the fallbacks.

Our own strings live in infocentar/locale/cnr/LC_MESSAGES/django.po (English
msgids, Montenegrin translations). Django, Wagtail and allauth ship no
Montenegrin, so their strings fall back to their Croatian (ijekavian)
catalogues, merged into var/locale/cnr/LC_MESSAGES/django.mo. Our catalogue
comes first in LOCALE_PATHS, so it wins wherever both translate a string
(month and day names, for instance, are Montenegrin in ours).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent.parent

FALLBACK_SOURCE_LANGUAGES = ("hr", "hr_HR")
FALLBACK_PACKAGES = ("django", "wagtail", "allauth", "modelsearch", "taggit", "django_tasks", "django_tasks_db")
PLURAL_FORMS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)


def own_catalogues() -> list[Path]:
    root = BASE_DIR / "infocentar" / "locale"
    return sorted(root.glob("*/LC_MESSAGES/*.po"))


def compile_po(po_path: Path, force: bool = False) -> bool:
    mo_path = po_path.with_suffix(".mo")
    if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    catalogue = polib.pofile(str(po_path))
    # Fuzzy entries are not used, as with msgfmt.
    for entry in catalogue.fuzzy_entries():
        catalogue.remove(entry)
    catalogue.save_as_mofile(str(mo_path))
    return True


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def fallback_sources(domain: str = "django") -> list[Path]:
    paths: list[Path] = []
    for package in FALLBACK_PACKAGES:
        base = _package_dir(package)
        if base is None:
            continue
        for language in FALLBACK_SOURCE_LANGUAGES:
            paths.extend(sorted(base.rglob(f"locale/{language}/LC_MESSAGES/{domain}.mo")))
    return paths


def build_fallback(target_root: Path, domain: str = "django", force: bool = False) -> Path:
    target = target_root / "cnr" / "LC_MESSAGES" / f"{domain}.mo"
    sources = fallback_sources(domain)
    newest = max((p.stat().st_mtime for p in sources), default=0)
    if not force and target.exists() and target.stat().st_mtime >= newest:
        return target
    merged = polib.MOFile()
    merged.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "cnr",
        "Plural-Forms": PLURAL_FORMS,
    }
    seen: set[tuple[str | None, str]] = set()
    # Earlier packages win: Django's own strings over an app's copy of them.
    for source in sources:
        mo = polib.mofile(str(source))
        for entry in mo:
            key = (entry.msgctxt, entry.msgid)
            if not entry.msgid or key in seen:
                continue
            if not (entry.msgstr or any(entry.msgstr_plural.values())):
                continue
            plural_forms = mo.metadata.get("Plural-Forms", "")
            if entry.msgid_plural and "nplurals=3" not in plural_forms.replace(" ", ""):
                continue
            seen.add(key)
            merged.append(entry)
    target.parent.mkdir(parents=True, exist_ok=True)
    merged.save(str(target))
    return target


def build_all(force: bool = False) -> tuple[list[Path], Path]:
    """Compile ours and build the fallback; needs no Django set-up (runs before it)."""
    var_dir = Path(os.environ.get("INFOCENTAR_VAR_DIR", str(BASE_DIR / "var")))
    compiled = [po for po in own_catalogues() if compile_po(po, force=force)]
    return compiled, build_fallback(var_dir / "locale", force=force)


if __name__ == "__main__":
    done, fallback = build_all(force="--force" in sys.argv)
    print(f"Translation catalogues: {len(done)} compiled, fallback at {fallback}.")
