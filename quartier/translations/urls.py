from django.urls import path

from quartier.translations import views

app_name = "translations"

urlpatterns = [
    path("", views.queue, name="queue"),
    path(
        "<str:kind>/<str:pk>/request/",
        views.translation_request,
        name="request",
    ),
    path(
        "<str:kind>/<str:pk>/<str:language>/",
        views.translation_edit,
        name="edit",
    ),
]
