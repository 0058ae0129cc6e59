"""URLs of the directory app, mounted at /<municipality_slug>/directory/ (namespace
"directory"): offerings and places in urls_main.py; overlaps and gaps, printable
directories and confirmations in urls_extra.py."""

from quartier.directory import urls_extra, urls_main

app_name = "directory"

urlpatterns = [*urls_main.urlpatterns, *urls_extra.urlpatterns]
