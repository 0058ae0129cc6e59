"""Django admin for operators: read-mostly views of funds and applications (money
moves only through quartier.funds.services)."""

from django.contrib import admin

from quartier.funds.models import Application, Call, Fund, JuryMember


class JuryInline(admin.TabularInline):
    model = JuryMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "year", "budget", "committed", "status"]
    list_filter = ["municipality", "status"]
    readonly_fields = ["committed"]
    inlines = [JuryInline]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "fund", "opens_on", "closes_on"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "municipality",
        "status",
        "requested_amount",
        "approved_amount",
    ]
    list_filter = ["municipality", "status"]
    raw_id_fields = ["applicant", "actor", "decided_by"]
    readonly_fields = ["approved_amount", "paid_total", "returned_amount", "status"]
