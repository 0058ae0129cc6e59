"""URLs of the forums app: meetings."""

urlpatterns: list = []
