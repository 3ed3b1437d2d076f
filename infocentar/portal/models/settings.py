"""The site's settings in Wagtail: the municipality (name, arms, contacts, social links, analytics) and the menus."""

from __future__ import annotations

import copy
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from infocentar.core.memo import memo

from ..links import same_origin_path, validate_link
from ..widgets import CspImageChooser, CspPageChooser

# The social networks the footer links to, with the hosts their addresses may have.
SOCIAL_NETWORKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "facebook_url": ("Facebook", ("facebook.com", "fb.com", "fb.me")),
    "instagram_url": ("Instagram", ("instagram.com",)),
    "x_url": ("X", ("x.com", "twitter.com")),
    "youtube_url": ("YouTube", ("youtube.com", "youtu.be")),
}


def _host_matches(url: str, hosts: tuple[str, ...]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in hosts)


class MemoSiteSettingMixin:
    """A site setting read once per content generation (core.memo); each request gets its own copy."""

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)

        def read():
            instance = super(MemoSiteSettingMixin, cls).for_site(site)
            for field in instance._meta.concrete_fields:
                if field.is_relation and field.many_to_one and field.name != "site":
                    getattr(instance, field.name)  # loaded once, kept (copied) with the instance
            return instance

        return copy.copy(memo((cls._meta.label, "for_site", site.pk), read))


@register_setting(icon="site")
class MunicipalitySettings(MemoSiteSettingMixin, BaseSiteSetting):
    """The municipality's name, coat of arms, contacts and social links, shown on every page."""

    name = models.CharField(_("municipality name"), max_length=150, default="Opština")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    coat_of_arms = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("coat of arms"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    working_hours = models.CharField(_("working hours"), max_length=255, blank=True)
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    footer_text = RichTextField(_("footer text"), blank=True, features=["bold", "italic", "link"])
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    instagram_url = models.URLField(_("Instagram profile"), blank=True)
    x_url = models.URLField(_("X (Twitter) profile"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)
    analytics_enabled = models.BooleanField(
        _("use visitor analytics"),
        default=False,
        help_text=_("Off by default. Only a self-hosted analytics script is allowed, never a third party's."),
    )
    analytics_script_url = models.CharField(
        _("analytics script address"),
        max_length=255,
        blank=True,
        help_text=_("A script on this site's own address, e.g. /analytics/tracker.js."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("tagline"), FieldPanel("coat_of_arms", widget=CspImageChooser)],
            _("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("working_hours")],
            _("Contacts"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("x_url"), FieldPanel("youtube_url")],
            _("Social networks"),
        ),
        FieldPanel("accessibility_statement", widget=CspPageChooser),
        FieldPanel("footer_text"),
        MultiFieldPanel([FieldPanel("analytics_enabled"), FieldPanel("analytics_script_url")], _("Analytics")),
    ]

    class Meta:
        verbose_name = _("municipality")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        for field_name, (network, hosts) in SOCIAL_NETWORKS.items():
            url = getattr(self, field_name)
            if url and not _host_matches(url, hosts):
                errors[field_name] = ValidationError(
                    _("This is not an address on %(network)s.") % {"network": network}, code="host"
                )
        if self.analytics_script_url and same_origin_path(self.analytics_script_url) is None:
            errors["analytics_script_url"] = ValidationError(
                _("The script must be on this site's own address (a path such as /analytics/tracker.js)."),
                code="origin",
            )
        if self.analytics_enabled and not self.analytics_script_url:
            errors["analytics_script_url"] = ValidationError(_("Give the script's address to use analytics."))
        if errors:
            raise ValidationError(errors)

    @property
    def social_links(self) -> list[dict[str, str]]:
        return [
            {"network": network, "url": getattr(self, field_name)}
            for field_name, (network, hosts) in SOCIAL_NETWORKS.items()
            if getattr(self, field_name) and _host_matches(getattr(self, field_name), hosts)
        ]

    @property
    def analytics_script_src(self) -> str:
        """The analytics script to load, or '' (off, or an address that is not the site's own)."""
        if not self.analytics_enabled:
            return ""
        return same_origin_path(self.analytics_script_url) or ""


@register_setting(icon="list-ul")
class NavigationSettings(MemoSiteSettingMixin, ClusterableModel, BaseSiteSetting):
    """The main menu and the footer menu of a site."""

    panels = [
        InlinePanel("main_menu_items", label=_("Main menu"), heading=_("Main menu")),
        InlinePanel("footer_menu_items", label=_("Footer menu"), heading=_("Footer menu")),
    ]

    class Meta:
        verbose_name = _("menus")


class MenuItem(Orderable):
    """A link in a menu: a page of the site or another address, with a label."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField(
        _("or an address"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_("A path on this site (/organi/) or a full address (https://…)."),
    )
    label = models.CharField(_("label"), max_length=80, blank=True, help_text=_("The page's title when empty."))

    panels = [FieldPanel("page", widget=CspPageChooser), FieldPanel("url"), FieldPanel("label")]

    class Meta:
        abstract = True
        ordering = ["sort_order"]

    def clean(self) -> None:
        super().clean()
        if bool(self.page_id) == bool(self.url):
            raise ValidationError({"page": _("Choose a page or type an address, not both.")})
        if self.url and not self.label:
            raise ValidationError({"label": _("A link to an address needs a label.")})

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        if self.label:
            return self.label
        return self.page.title if self.page_id and self.page else self.url


class MainMenuItem(MenuItem):
    setting = ParentalKey(NavigationSettings, related_name="main_menu_items", on_delete=models.CASCADE)

    class Meta(MenuItem.Meta):
        verbose_name = _("main menu item")
        verbose_name_plural = _("main menu items")


class FooterMenuItem(MenuItem):
    setting = ParentalKey(NavigationSettings, related_name="footer_menu_items", on_delete=models.CASCADE)

    class Meta(MenuItem.Meta):
        verbose_name = _("footer menu item")
        verbose_name_plural = _("footer menu items")
