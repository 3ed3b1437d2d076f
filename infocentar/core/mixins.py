"""Model mixins shared by the apps."""

from __future__ import annotations

from wagtail.search import index

from .text import fold_for_index


class FoldedSearchMixin(index.Indexed):
    """Adds `search_text`: the record's text folded for search (both scripts, no diacritics)."""

    search_text_fields: tuple[str, ...] = ()

    def get_search_text_parts(self) -> list[str]:
        return [str(getattr(self, name, "") or "") for name in self.search_text_fields]

    @property
    def search_text(self) -> str:
        return fold_for_index(" ".join(part for part in self.get_search_text_parts() if part))
