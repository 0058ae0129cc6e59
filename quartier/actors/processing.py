"""Processing activities of actors (core/processing.py): organisation profiles and
the people who act for them. Forms name them in `processing`; docs/privacy.md."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality
from quartier.core.processing import PUBLIC_TASK, Activity, register


def _actors(municipality: Municipality) -> bool:
    from quartier.actors.models import Actor

    return Actor.objects.filter(municipality=municipality).exists()


register(
    Activity(
        key="actors.profile",
        module=_("Organisations and networks"),
        name=_("Profiles of organisations and the people acting for them"),
        purpose=_(
            "To show who is active in the neighbourhoods, how to reach them and how "
            "they work together."
        ),
        legal_basis=PUBLIC_TASK,
        subjects=(
            _("Contact persons of organisations"),
            _("Partners acting for an organisation"),
        ),
        data=(
            _("Contact details of the organisation (e-mail, phone, address)"),
            _("Accounts of the partners and their role for the organisation"),
        ),
        recipients=(
            _("Everybody: public profiles"),
            _("Members of the municipality: internal profiles"),
        ),
        anchor="actors",
        public=_(
            "The profile with the contact details entered here is public, unless "
            "the profile is internal."
        ),
        retention=("actors.unaccepted_invitation",),
        retention_note=_("Until the profile is changed or archived."),
        in_use=_actors,
        order=20,
    ),
)
