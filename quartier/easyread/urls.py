from django.urls import path

from quartier.easyread import views

app_name = "easyread"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.page, name="page"),
]
