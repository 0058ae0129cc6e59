"""The glossary and the Leitbild, below /<municipality_slug>/ (namespace "glossary")."""

from django.urls import path

from quartier.glossary import views

app_name = "glossary"

urlpatterns = [
    path("glossary/", views.term_list, name="list"),
    path("glossary/new/", views.term_new, name="term_new"),
    path("glossary/<slug:slug>/", views.term_detail, name="term"),
    path("glossary/<slug:slug>/propose/", views.propose, name="propose"),
    path(
        "glossary/<slug:slug>/proposals/<int:pk>/comment/",
        views.comment,
        name="comment",
    ),
    path("glossary/<slug:slug>/adopt/", views.adopt, name="adopt"),
    path("leitbild/", views.leitbild, name="leitbild"),
    path("leitbild/adopt/", views.leitbild_adopt, name="leitbild_adopt"),
]
