"""Django's admin for the platform operator: forums, meetings, agenda, decisions."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from quartier.forums.models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionStatusChange,
    Forum,
    ForumMember,
    ForumNeighborhood,
    Meeting,
    Registration,
    Responsibility,
)


class ForumMemberInline(admin.TabularInline):
    model = ForumMember
    fields = ["user", "actor", "role"]
    raw_id_fields = ["user", "actor"]
    extra = 0


class ForumNeighborhoodInline(admin.TabularInline):
    # An explicit through model (it carries the municipality key): an inline
    # instead of filter_horizontal.
    model = ForumNeighborhood
    fields = ["neighborhood"]
    raw_id_fields = ["neighborhood"]
    extra = 0


@admin.register(Forum)
class ForumAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "municipality",
        "kind",
        "mandate",
        "visibility",
        "archived_at",
    ]
    list_filter = ["municipality", "kind", "mandate", "visibility"]
    list_select_related = ["municipality"]
    search_fields = ["name", "purpose"]
    raw_id_fields = ["recommends_to"]
    inlines = [ForumNeighborhoodInline, ForumMemberInline]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # forums are archived: their meetings and decisions stay


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "title", "kind", "status", "planned_minutes"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "forum", "starts_at", "status"]
    list_filter = ["municipality", "status"]
    list_select_related = ["forum"]
    search_fields = ["title", "forum__name"]
    raw_id_fields = ["forum"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "position", "status"]
    list_filter = ["municipality", "status", "kind"]
    list_select_related = ["meeting"]
    search_fields = ["title"]
    raw_id_fields = ["meeting", "proposer", "follow_up_of"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "guest_name", "meeting", "status", "created_at"]
    list_filter = ["municipality", "status"]
    search_fields = ["guest_name", "guest_email", "user__email"]
    list_select_related = ["user", "meeting"]
    raw_id_fields = ["user", "meeting"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["meeting", "user", "actor"]
    list_select_related = ["meeting", "user", "actor"]
    raw_id_fields = ["meeting", "user", "actor"]


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    fields = ["role", "actor", "user"]
    raw_id_fields = ["actor", "user"]
    extra = 0


class StatusChangeInline(admin.TabularInline):
    model = DecisionStatusChange
    fields = ["old_status", "new_status", "comment", "changed_by", "changed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "forum", "status", "due_date", "decided_on"]
    list_filter = ["municipality", "status", "kind"]
    list_select_related = ["forum"]
    search_fields = ["text", "rationale"]
    raw_id_fields = ["forum", "agenda_item"]
    inlines = [ResponsibilityInline, StatusChangeInline]
