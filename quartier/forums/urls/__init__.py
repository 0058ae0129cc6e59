"""URLs of the forums app, mounted at /<municipality_slug>/ (namespace "forums").

Each area has its own module: forums and members, meetings and agenda, registrations
and calendar feeds, decisions and "Wer entscheidet was?".
"""

from quartier.forums import urls_notifications
from quartier.forums.urls import decisions, forums, meetings, registrations

app_name = "forums"

urlpatterns = [
    *forums.urlpatterns,
    *meetings.urlpatterns,
    *registrations.urlpatterns,
    *decisions.urlpatterns,
    *urls_notifications.urlpatterns,
]
