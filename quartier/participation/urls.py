"""URLs of the participation app, mounted at /<municipality_slug>/participation/
(namespace "participation"): contributions with their support, comments, reports and
moderation; then posters, the paper form and plain language (docs/outreach.md).

The switch for "Einfache Sprache" itself lives at /i18n/plain-language/ (top level,
quartier/urls.py), so that it works on every page, also outside a municipality.
"""

from django.urls import path

from quartier.participation.views import (
    paper_form,
    plain_language,
    posters,
    public,
    staff,
)

app_name = "participation"

urlpatterns = [
    # Contributions: list, map, form, detail, support, comments, moderation, answers.
    path("", public.contribution_list, name="list"),
    path("new/", public.contribution_new, name="new"),
    path("<int:pk>/", public.contribution_detail, name="detail"),
    path("<int:pk>/support/", public.contribution_support, name="support"),
    path("<int:pk>/comment/", public.contribution_comment, name="comment"),
    path("<int:pk>/report/", public.contribution_report, name="report"),
    path("comments/<int:pk>/report/", public.comment_report, name="comment_report"),
    path("confirm/<str:token>/", public.confirm, name="confirm"),
    path("intake/", staff.intake, name="intake"),
    path("moderation/", staff.moderation, name="moderation"),
    path("<int:pk>/moderate/", staff.moderate, name="moderate"),
    path(
        "comments/<int:pk>/moderate/", staff.comment_moderate, name="comment_moderate"
    ),
    path("<int:pk>/answer/", staff.respond, name="respond"),
    path("<int:pk>/link/", staff.link, name="link"),
    path("<int:pk>/layers/", staff.layers, name="layers"),
    path("topics/", staff.topics, name="topics"),
    path("events/", staff.event_windows, name="event_windows"),
    # Outreach: QR posters, the printable paper form, plain language.
    path("posters/", posters.posters, name="posters"),
    path(
        "posters/neighborhood/<slug:slug>/",
        posters.poster_neighborhood,
        name="poster_neighborhood",
    ),
    path("posters/place/<uuid:pk>/", posters.poster_place, name="poster_place"),
    path("q/<slug:neighborhood>/", posters.short, name="short"),
    path("paper-form/", paper_form.paper_form, name="paper_form"),
    path("plain-language/", plain_language.plain_language_page, name="plain_language"),
]
