from django.urls import path

from quartier.accounts import views

app_name = "accounts"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("me/", views.me, name="me"),
    path("me/data.json", views.my_data, name="my_data"),
    path("me/delete/", views.delete_account, name="delete"),
    path("me/tokens/", views.tokens, name="tokens"),
    path("me/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
