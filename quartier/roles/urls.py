"""Role profiles and qualification offers, below /<municipality_slug>/roles/."""

from django.urls import path

from quartier.roles import views

app_name = "roles"

urlpatterns = [
    path("", views.profile_list, name="list"),
    path("new/", views.profile_new, name="new"),
    path("defaults/", views.profile_defaults, name="defaults"),
    path("<int:pk>/", views.profile_detail, name="detail"),
    path("<int:pk>/edit/", views.profile_edit, name="edit"),
    path("<int:pk>/holders/add/", views.holder_add, name="holder_add"),
    path("holders/<int:pk>/consent/", views.holder_consent, name="holder_consent"),
    path("holders/<int:pk>/remove/", views.holder_remove, name="holder_remove"),
    path("qualification/", views.offer_list, name="offers"),
    path("qualification/new/", views.offer_new, name="offer_new"),
    path("qualification/<int:pk>/edit/", views.offer_edit, name="offer_edit"),
]
