"""Top-level URLs. Everything of a municipality lives below /<municipality_slug>/."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from quartier.api import api
from quartier.core import views as core_views
from quartier.core.metrics import metrics_view
from quartier.participation.views.plain_language import plain_language_toggle

tenant_patterns = [
    path("", include("quartier.core.urls")),
    path("actors/", include("quartier.actors.urls")),
    path("", include("quartier.forums.urls")),
    path("participation/", include("quartier.participation.urls")),
    path("surveys/", include("quartier.surveys.urls")),
    path("compass/", include("quartier.compass.urls")),
    path("rooms/", include("quartier.rooms.urls")),
    path("funds/", include("quartier.funds.urls")),
    path("directory/", include("quartier.directory.urls")),
    path("hsds/", include("quartier.hsds.urls")),
    path("learning/", include("quartier.learning.urls")),
    path("stories/", include("quartier.stories.urls")),
    path("initiatives/", include("quartier.initiatives.urls")),
    path("", include("quartier.accounts.tenant_urls")),
    path("", include("quartier.legal.urls")),
    path("programmes/", include("quartier.programmes.urls")),
    path("impact/", include("quartier.impact.urls")),
    path("network/", include("quartier.network.urls")),
    path("", include("quartier.glossary.urls")),
    path("reflections/", include("quartier.reflections.urls")),
    path("open-data/", include("quartier.opendata.urls")),
    path("roles/", include("quartier.roles.urls")),
    path("settings/sharing/", include("quartier.advisers.tenant_urls")),
    path("", include("quartier.support.urls")),
    path("reports/", include("quartier.reports.urls")),
    path("topics/", include("quartier.topics.urls")),
    path("oparl/", include("quartier.oparl.urls")),
    path("translations/", include("quartier.translations.urls")),
    path("leichte-sprache/", include("quartier.easyread.urls")),
]

urlpatterns = [
    path("", core_views.index, name="index"),
    path("healthz", core_views.healthz, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
    path("admin/", admin.site.urls),
    path("accounts/", include("quartier.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path(
        "i18n/plain-language/",
        plain_language_toggle,
        name="plain_language_toggle",
    ),
    path("i18n/", core_views.set_language, name="language_switch"),
    path("i18n/<str:code>/", core_views.set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("", include("quartier.legal.operator_urls")),
    path("programmes/", include("quartier.programmes.shared_urls")),
    path("advisers/", include("quartier.advisers.urls")),
    path("support/", include("quartier.support.shared_urls")),
    # Quartier's own forums as OParl 1.1 (docs/oparl.md); "oparl" is a reserved slug.
    path("oparl/", include("quartier.oparl.server_urls")),
    path("<slug:municipality_slug>/", include(tenant_patterns)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = (
        static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
    )
