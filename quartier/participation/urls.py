"""URLs of the participation app, mounted at /<municipality_slug>/participation/
(namespace "participation"): contributions in urls_contributions.py, posters, the paper
form and plain language in urls_outreach.py."""

from quartier.participation import urls_contributions, urls_outreach

app_name = "participation"

urlpatterns = [*urls_contributions.urlpatterns, *urls_outreach.urlpatterns]
