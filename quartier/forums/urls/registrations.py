"""URLs of the forums app: registrations."""

urlpatterns: list = []
