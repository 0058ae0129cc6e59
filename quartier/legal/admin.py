"""The operator's platform-wide defaults (rows without a municipality) are edited here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from quartier.legal.models import LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "municipality", "updated_at")
    list_filter = ("kind",)
    readonly_fields = ("updated_at",)
