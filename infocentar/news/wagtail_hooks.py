"""Back office: a "News" shortcut in the admin menu to the news index's list of news items."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy

from .models import NewsIndexPage

EDITING_ACTIONS = ["add", "change", "publish"]


def news_shortcut(request):
    """The news index's children in the page explorer (where editors add news), or the explorer's root."""
    index = NewsIndexPage.objects.order_by("path").first()
    if index is None:
        messages.warning(
            request,
            _("There is no news index yet: add a page of the type “news index” under the home page first."),
        )
        return redirect("wagtailadmin_explore_root")
    return redirect("wagtailadmin_explore", index.pk)


class NewsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return page_permission_policy.user_has_any_permission(request.user, EDITING_ACTIONS)


@hooks.register("register_admin_urls")
def register_news_shortcut_url():
    return [path("vijesti/", news_shortcut, name="news_admin_shortcut")]


@hooks.register("register_admin_menu_item")
def register_news_menu_item():
    return NewsMenuItem(
        gettext_lazy("News"), reverse("news_admin_shortcut"), name="news", icon_name="doc-full-inverse", order=210
    )
