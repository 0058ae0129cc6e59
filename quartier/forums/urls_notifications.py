"""URLs of the forums app: notification settings (included by forums/urls)."""

from django.urls import path

from quartier.forums import views_notifications as views

urlpatterns = [
    path(
        "forums/<slug:slug>/notifications/",
        views.notification_preferences,
        name="notifications",
    ),
]
