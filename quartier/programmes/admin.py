"""The operator's view of the programme library (curation happens on the pages)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from quartier.programmes.models import Programme, ProgrammeElement


class ProgrammeElementInline(admin.TabularInline):
    model = ProgrammeElement
    fields = ("kind", "position", "name", "description")
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "municipality", "evidence_level", "updated_at")
    list_filter = ("municipality",)
    search_fields = ("name", "source")
    fields = (
        "municipality",
        "name",
        "source",
        "summary",
        "evidence_level",
        "target_groups",
        "links",
        "copied_from",
    )
    raw_id_fields = ("copied_from",)
    inlines = [ProgrammeElementInline]


@admin.register(ProgrammeElement)
class ProgrammeElementAdmin(SimpleHistoryAdmin):
    list_display = ("name", "programme", "kind", "position")
    list_filter = ("kind",)
    fields = ("programme", "kind", "position", "name", "description")
    raw_id_fields = ("programme",)
