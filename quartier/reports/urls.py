"""Reports, below /<municipality_slug>/reports/."""

from django.urls import path

from quartier.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_new, name="new"),
    path("sachbericht/", views.sachbericht_new, name="sachbericht"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/progress/", views.report_progress, name="progress"),
    path("<int:pk>/texts/", views.report_texts, name="texts"),
    path("<int:pk>/again/", views.report_regenerate, name="regenerate"),
    path("<int:pk>/publish/", views.report_publish, name="publish"),
    path("<int:pk>/unpublish/", views.report_unpublish, name="unpublish"),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("<int:pk>/docx/", views.report_docx, name="docx"),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
    path("public/<int:pk>/pdf/", views.public_pdf, name="public_pdf"),
]
