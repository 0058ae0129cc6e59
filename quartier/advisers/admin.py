from django.contrib import admin

from quartier.advisers.models import AdvisoryOrganisation


@admin.register(AdvisoryOrganisation)
class AdvisoryOrganisationAdmin(admin.ModelAdmin):
    """Operators set up the state's advisory organisations and their advisers;
    municipalities grant them modules on their own settings page."""

    list_display = ["name", "contact_email"]
    search_fields = ["name"]
    filter_horizontal = ["members"]
