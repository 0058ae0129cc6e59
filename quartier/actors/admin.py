"""Django's admin for the platform operator: actors, their partners and ties."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from quartier.actors.models import (
    Actor,
    ActorInvitation,
    ActorMember,
    ActorNeighborhood,
    ActorSector,
    Sector,
    Tie,
)


class ArchiveNotDelete:
    """Actors and ties are archived (archived_at), never deleted: their history and
    the decisions that name them must stay readable."""

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Sector)
class SectorAdmin(ArchiveNotDelete, admin.ModelAdmin):
    list_display = ["name", "code", "position"]
    fields = ["code", "name", "position"]
    ordering = ["position"]


class ActorMemberInline(admin.TabularInline):
    model = ActorMember
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["user"]
    extra = 0


class ActorSectorInline(admin.TabularInline):
    # The through models carry the municipality key (core/tenancy.py), so the
    # admin edits sectors and neighbourhoods as rows, not as a widget.
    model = ActorSector
    fields = ["sector"]
    extra = 0


class ActorNeighborhoodInline(admin.TabularInline):
    model = ActorNeighborhood
    fields = ["neighborhood"]
    raw_id_fields = ["neighborhood"]
    extra = 0


@admin.register(Actor)
class ActorAdmin(ArchiveNotDelete, SimpleHistoryAdmin):
    list_display = ["name", "municipality", "kind", "visibility", "archived_at"]
    list_filter = ["municipality", "kind", "visibility", "sectors"]
    list_select_related = ["municipality"]
    search_fields = ["name", "description", "email"]
    fields = [
        "municipality",
        "kind",
        "name",
        "description",
        "website",
        "email",
        "phone",
        "address",
        "visibility",
        "logo",
        "archived_at",
    ]
    inlines = [ActorSectorInline, ActorNeighborhoodInline, ActorMemberInline]


@admin.register(ActorMember)
class ActorMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "actor", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "actor"]
    search_fields = ["user__email", "actor__name"]
    raw_id_fields = ["user", "actor"]
    fields = ["actor", "user", "role"]


@admin.register(ActorInvitation)
class ActorInvitationAdmin(admin.ModelAdmin):
    """Open invitations to act for an actor (deleted once accepted or withdrawn)."""

    list_display = ["email", "actor", "role", "created_at"]
    list_select_related = ["actor"]
    search_fields = ["email", "actor__name"]
    raw_id_fields = ["actor", "invited_by"]
    fields = ["actor", "email", "role", "invited_by", "created_at"]
    readonly_fields = ["created_at"]


@admin.register(Tie)
class TieAdmin(ArchiveNotDelete, SimpleHistoryAdmin):
    list_display = [
        "source",
        "target",
        "kind",
        "intensity",
        "status",
        "since",
        "archived_at",
    ]
    list_filter = ["municipality", "status", "kind", "intensity"]
    list_select_related = ["source", "target"]
    search_fields = ["source__name", "target__name", "note"]
    raw_id_fields = ["source", "target"]
    fields = [
        "municipality",
        "source",
        "target",
        "kind",
        "intensity",
        "since",
        "note",
        "status",
        "recorded_by_coordination",
        "proposed_by",
        "confirmed_by",
        "confirmed_at",
        "ended_by",
        "ended_at",
        "archived_at",
    ]
    readonly_fields = [
        "proposed_by",
        "confirmed_by",
        "confirmed_at",
        "ended_by",
        "ended_at",
    ]
