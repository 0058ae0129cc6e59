"""Contributions: list, map, form, detail, support, comments, moderation, answers."""

from django.urls import path

from quartier.participation.views import public, staff

urlpatterns = [
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
    path("topics/", staff.topics, name="topics"),
]
