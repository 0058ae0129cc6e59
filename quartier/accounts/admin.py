"""Django's admin for the platform operator: users, memberships, invitations, tokens.

Municipalities manage their members in the web interface (/<slug>/members/); this
is the operator's tool. Secrets (password hashes, token hashes) are never shown.
"""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import (
    ApiToken,
    Invitation,
    Membership,
    MembershipRequest,
    User,
)

# Operators sign in through allauth like everyone else, so the admin's login gets
# the same throttling of failed attempts and the same second factor.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["municipality", "role", "created_at"]
    readonly_fields = ["created_at"]
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "display_name",
        "is_active",
        "is_adviser",
        "is_staff",
        "date_joined",
    ]
    list_filter = ["is_active", "is_adviser", "is_staff", "is_superuser"]
    search_fields = ["email", "display_name"]
    readonly_fields = ["date_joined", "last_login", "deleted_at"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name"]}),
        (
            _("Permissions"),
            {
                "fields": [
                    "is_active",
                    "is_adviser",
                    "is_staff",
                    "is_superuser",
                    "groups",
                ]
            },
        ),
        (_("Dates"), {"fields": ["date_joined", "last_login", "deleted_at"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]
    filter_horizontal = ["groups"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "role", "created_at"]
    list_filter = ["municipality", "role"]
    list_select_related = ["user", "municipality"]
    search_fields = ["user__email", "user__display_name", "municipality__name"]
    raw_id_fields = ["user"]
    fields = ["municipality", "user", "role"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from the members page (the e-mail carries the only copy
    of the link), so here they can only be looked at or withdrawn."""

    list_display = [
        "email",
        "municipality",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["municipality", "role"]
    list_select_related = ["municipality"]
    search_fields = ["email", "municipality__name"]
    readonly_fields = [
        "municipality",
        "email",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_by",
        "accepted_at",
    ]
    fields = [*readonly_fields, "revoked_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["user"]
    search_fields = ["name", "user__email", "hint"]
    fields = ["user", "name", "hint", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "hint", "created_at", "last_used_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(MembershipRequest)
class MembershipRequestAdmin(admin.ModelAdmin):
    """Requests are decided on the municipality's page (/<slug>/members/requests/),
    where the person gets an e-mail; here they can only be looked at."""

    list_display = ["user", "municipality", "status", "created_at", "decided_at"]
    list_filter = ["municipality", "status"]
    list_select_related = ["user", "municipality"]
    search_fields = ["user__email", "municipality__name"]
    fields = [
        "municipality",
        "user",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
