"""Django's admin for the platform operator: municipalities, neighbourhoods, audit log.

Municipalities' own admins work in the web interface; this is the operator's tool.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from quartier.core.models import (
    AuditEntry,
    Municipality,
    Neighborhood,
    PlatformAuditEntry,
    RetentionSetting,
)


class NeighborhoodInline(admin.TabularInline):
    model = Neighborhood
    fields = ["name", "slug", "population"]
    extra = 0
    show_change_link = True


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "slug",
        "land",
        "is_active",
        "require_mfa_for_staff",
        "created_at",
    ]
    list_filter = ["land", "is_active", "require_mfa_for_staff"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (
            None,
            {"fields": ["name", "slug", "land", "description", "logo", "is_active"]},
        ),
        (
            _("Settings"),
            {
                "fields": [
                    "contact_email",
                    "moderation_mode",
                    "response_days",
                    "require_mfa_for_staff",
                ]
            },
        ),
    ]
    inlines = [NeighborhoodInline]


@admin.register(Neighborhood)
class NeighborhoodAdmin(SimpleHistoryAdmin):
    list_display = ["name", "municipality", "slug", "population"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name", "slug", "municipality__name"]
    fields = ["municipality", "name", "slug", "description", "population", "boundary"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: an audit log that can be edited proves nothing."""

    list_display = ["created_at", "kind", "action", "target", "user", "municipality"]
    list_filter = ["kind", "municipality"]
    list_select_related = ["user", "municipality"]
    search_fields = ["action", "target", "path", "user__email"]
    date_hierarchy = "created_at"
    fields = ["created_at", "kind", "action", "target", "path", "user", "municipality"]
    readonly_fields = [
        "created_at",
        "kind",
        "action",
        "target",
        "path",
        "user",
        "municipality",
    ]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(PlatformAuditEntry)
class PlatformAuditEntryAdmin(AuditEntryAdmin):
    """The platform's log (entries without a municipality), read-only as well."""

    list_display = ["created_at", "kind", "action", "target", "user"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    fields = ["created_at", "kind", "action", "target", "path", "user"]
    readonly_fields = ["created_at", "kind", "action", "target", "path", "user"]


@admin.register(RetentionSetting)
class RetentionSettingAdmin(admin.ModelAdmin):
    """A municipality's own retention periods (core/retention.py; limits checked)."""

    list_display = ["municipality", "key", "days"]
    list_filter = ["municipality"]
    fields = ["municipality", "key", "days"]
