"""Addresses of Infocentar (see docs/urls.md)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from infocentar.api.api import api
from infocentar.core import views as core_views
from infocentar.core.admin_views import global_only
from infocentar.core.sitemaps import SITEMAPS
from infocentar.portal import views as portal_views

handler400 = "infocentar.core.views.bad_request"
handler403 = "infocentar.core.views.permission_denied"
handler404 = "infocentar.core.views.page_not_found"
handler500 = "infocentar.core.views.server_error"

urlpatterns = [
    path("health/live", core_views.health_live, name="health-live"),
    path("health/ready", core_views.health_ready, name="health-ready"),
    # Wagtail's Site history is not scoped to organisations: global roles only.
    path(
        "admin/reports/site-history/",
        require_admin_access(global_only(LogEntriesView.as_view())),
    ),
    path(
        "admin/reports/site-history/results/",
        require_admin_access(global_only(LogEntriesView.as_view(results_only=True))),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
    path("api/v1/", api.urls),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<slug:section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", portal_views.robots_txt, name="robots-txt"),
]

urlpatterns += i18n_patterns(
    path("pretraga/", portal_views.search, name="search"),
    path("organi/", portal_views.organisation_index, name="organisation-index"),
    path("organi/<slug:slug>/", portal_views.organisation_detail, name="organisation-detail"),
    path("nalog/", include("infocentar.accounts.urls")),
    path("vijesti/", include("infocentar.news.urls")),
    path("akti/", include("infocentar.acts.urls")),
    path("javne-rasprave/", include("infocentar.consultations.urls")),
    path("podrska/", include("infocentar.servicedesk.urls")),
    path("oprema/", include("infocentar.inventory.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
