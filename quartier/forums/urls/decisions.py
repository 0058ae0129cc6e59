"""URLs of the forums app: decisions."""

urlpatterns: list = []
