from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "infocentar.news"
    label = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from infocentar.core.search import register

        # `sections` registers the home page's and the bodies' news sections on import.
        from . import caching, sections  # noqa: F401
        from .models import NewsPage

        caching.connect_signals()
        register(NewsPage, label=_("News"), queryset=lambda: NewsPage.objects.live().public())
