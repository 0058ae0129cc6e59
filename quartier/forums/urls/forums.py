"""URLs of the forums app: forums."""

urlpatterns: list = []
