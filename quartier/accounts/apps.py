from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "quartier.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # The API's token authentication lives in core, which must not import
        # accounts: accounts tells it how to find a token's user.
        from quartier.accounts.services import token_authenticate
        from quartier.core.api_auth import register_token_lookup

        register_token_lookup(token_authenticate)

        from quartier.accounts.worklist import register as register_worklist

        register_worklist()
