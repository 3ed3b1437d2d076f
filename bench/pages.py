"""Wagtail pages in bulk: thousands of live pages in a few queries, the tree kept valid.

`Page.add_child()` costs a dozen queries and the search and reference index
signal handlers per page. Bench data needs thousands, so `bulk_add_children`
does what treebeard's MP_AddChildHandler does for a whole batch at once:
it numbers each new child after its parent's last child (materialised path,
`steplen` characters per level), inserts the `wagtailcore_page` rows with
one bulk_create, the rows of the page type's own table(s) with one multi-row
INSERT per table, and adds to each parent's `numchild`. The pages are live
and published now, without revisions (an editor's first save creates one).
The search index is built afterwards by `manage.py update_index`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

BATCH_SIZE = 500


def _page_chain(model: type[Page]) -> list[type]:
    """The concrete tables of `model` below wagtailcore_page, base first."""
    chain = [m for m in reversed(model._meta.get_parent_list()) if m is not Page]
    return [*chain, model]


def _next_step(parent: Page) -> int:
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) + 1 if last else 1


@transaction.atomic
def bulk_add_children(pairs: Sequence[tuple[Page, Page]]) -> list[Page]:
    """Insert each unsaved page under its (saved) parent; the pages, saved, in the order given.

    All new pages must be of one concrete Page type. A page in the list may be
    the parent of a later one only if it is saved, so build a tree one level
    per call.
    """
    if not pairs:
        return []
    models = {type(child) for _parent, child in pairs}
    if len(models) != 1:
        raise ValueError("bulk_add_children takes pages of one type per call")
    model = models.pop()
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()

    parent_ids = {parent.pk for parent, _child in pairs}
    parents = {page.pk: page for page in Page.objects.filter(pk__in=parent_ids)}
    next_step = {pk: _next_step(page) for pk, page in parents.items()}
    added: dict[int, int] = defaultdict(int)

    children = []
    for parent_ref, child in pairs:
        parent = parents[parent_ref.pk]
        step = next_step[parent.pk]
        next_step[parent.pk] += 1
        added[parent.pk] += 1
        key = Page._int2str(step)
        if len(key) > Page.steplen:
            raise OverflowError(f"{parent} cannot take more children")
        child.path = parent.path + key.rjust(Page.steplen, Page.alphabet[0])
        child.depth = parent.depth + 1
        child.numchild = 0
        child.url_path = f"{parent.url_path}{child.slug}/"
        child.content_type = content_type
        child.locale_id = parent.locale_id
        child.draft_title = child.title
        child.live = True
        child.has_unpublished_changes = False
        child.first_published_at = child.first_published_at or now
        child.last_published_at = child.last_published_at or now
        children.append(child)

    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    base_rows = [Page(**{f.attname: getattr(child, f.attname) for f in base_fields}) for child in children]
    Page.objects.bulk_create(base_rows, batch_size=BATCH_SIZE)

    chain = _page_chain(model)
    for child, row in zip(children, base_rows, strict=True):
        for table in chain:
            for link in table._meta.parents.values():
                setattr(child, link.attname, row.pk)
        child.id = row.pk
        child._state.adding = False
        child._state.db = row._state.db

    for table in chain:
        fields = list(table._meta.local_concrete_fields)
        for start in range(0, len(children), BATCH_SIZE):
            # QuerySet._insert is how Model.save() and bulk_create() write a
            # table's row; Django offers no public bulk insert for a child
            # table of multi-table inheritance.
            table._base_manager._insert(children[start : start + BATCH_SIZE], fields=fields)

    for parent_pk, count in added.items():
        Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + count)
    return children


def tree_problems() -> dict[str, list[int]]:
    """treebeard's consistency check of the whole page tree; empty lists when valid."""
    names = ("evil_chars", "bad_steplen", "orphans", "wrong_depth", "wrong_numchild")
    return {name: list(ids) for name, ids in zip(names, Page.find_problems(), strict=True) if ids}
