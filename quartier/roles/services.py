"""Writes of role profiles and qualification offers: profiles with their
competences (and the five defaults), holders and their consent, offers of a
municipality or of the advisers for all."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.models import Membership
from quartier.actors.models import Actor
from quartier.core.models import Municipality
from quartier.core.services import ensure_allowed, record_action
from quartier.roles.defaults import DEFAULT_PROFILES
from quartier.roles.models import (
    Competence,
    QualificationOffer,
    RoleHolder,
    RoleProfile,
    competence_key,
)

PROFILE_FIELDS = (
    "name",
    "tasks",
    "hours_per_week",
    "time_note",
    "securing",
    "securing_note",
)
OFFER_FIELDS = (
    "title",
    "provider",
    "format",
    "starts_on",
    "ends_on",
    "dates_note",
    "costs",
    "link",
    "competences",
)


def clean_competences(names: list[str]) -> list[str]:
    """The names in their order, without blanks and without repeats (case and
    spaces ignored: the first spelling wins)."""
    seen: set[str] = set()
    result = []
    for name in names:
        name = " ".join(name.split())
        if name and competence_key(name) not in seen:
            seen.add(competence_key(name))
            result.append(name)
    return result


def _save_competences(profile: RoleProfile, names: list[str]) -> None:
    """Keep the rows whose names stay (a changed spelling is saved), add the new
    ones, remove the rest; in the given order."""
    existing = {competence_key(c.name): c for c in profile.competences.all()}
    kept = set()
    for position, name in enumerate(clean_competences(names)):
        key = competence_key(name)
        competence = existing.get(key)
        if competence is None:
            Competence.objects.create(profile=profile, name=name, position=position)
        else:
            kept.add(key)
            if (competence.name, competence.position) != (name, position):
                competence.name = name
                competence.position = position
                competence.save(update_fields=["name", "position"])
    for key, competence in existing.items():
        if key not in kept:
            competence.delete()


def _name_taken(profile: RoleProfile) -> bool:
    return (
        RoleProfile.objects.of(profile.municipality)
        .filter(name__iexact=profile.name)
        .exclude(pk=profile.pk)
        .exists()
    )


@transaction.atomic
def role_profile_save(
    *,
    by: Any,
    values: dict[str, Any],
    competences: list[str],
    profile: RoleProfile | None = None,
    municipality: Municipality | None = None,
) -> RoleProfile:
    """Create a role profile in `municipality` or change `profile`, with its
    competences (names, in order). Coordinators; audited."""
    if profile is None:
        if municipality is None:
            raise ValueError("A new profile needs its municipality")
        ensure_allowed(by, "roles.add_roleprofile", municipality)
        profile = RoleProfile(municipality=municipality)
        action = "roles.add_roleprofile"
    else:
        ensure_allowed(by, "roles.change_roleprofile", profile)
        profile = RoleProfile.objects.select_for_update().get(pk=profile.pk)
        action = "roles.change_roleprofile"
    for name in PROFILE_FIELDS:
        if name in values:
            setattr(profile, name, values[name])
    profile.name = " ".join((profile.name or "").split())
    profile.full_clean(validate_constraints=False)
    if _name_taken(profile):
        raise ValidationError(
            {"name": _("The municipality already has a role profile of this name.")}
        )
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as exc:  # the same name saved at the same moment
        raise ValidationError(
            {"name": _("The municipality already has a role profile of this name.")}
        ) from exc
    _save_competences(profile, competences)
    record_action(by, profile.municipality, action, profile)
    return profile


@transaction.atomic
def role_profiles_add_defaults(
    *, by: Any, municipality: Municipality
) -> list[RoleProfile]:
    """Write the five default profiles (defaults.py) in the current language,
    leaving out any whose name the municipality already uses."""
    ensure_allowed(by, "roles.add_roleprofile", municipality)
    # Serialises two coordinators pressing the button at once.
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    taken = {
        n.casefold()
        for n in RoleProfile.objects.of(municipality).values_list("name", flat=True)
    }
    created = []
    for default in DEFAULT_PROFILES:
        name = str(default.name)
        if name.casefold() in taken:
            continue
        profile = RoleProfile.objects.create(
            municipality=municipality,
            name=name,
            tasks="\n".join(str(t) for t in default.tasks),
        )
        _save_competences(profile, [str(c) for c in default.competences])
        created.append(profile)
    if created:
        record_action(by, municipality, "roles.add_default_profiles", municipality)
    return created


@transaction.atomic
def role_holder_add(
    *,
    by: Any,
    profile: RoleProfile,
    user: Any = None,
    actor: Actor | None = None,
) -> RoleHolder:
    """Name a member or an actor of the municipality as holder of the role. The
    name stays hidden until they (or the actor's admin) consent."""
    ensure_allowed(by, "roles.add_roleholder", profile)
    if (user is None) == (actor is None):
        raise ValidationError(_("Choose either a person or an actor."))
    municipality = profile.municipality
    if user is not None:
        if not Membership.objects.filter(user=user, municipality=municipality).exists():
            raise ValidationError(
                {"user": _("This person is not a member of the municipality.")}
            )
        if RoleHolder.objects.filter(profile=profile, user=user).exists():
            raise ValidationError({"user": _("This person already holds the role.")})
    if actor is not None:
        if actor.municipality_id != municipality.pk:
            raise ValidationError({"actor": _("Unknown actor.")})
        if RoleHolder.objects.filter(profile=profile, actor=actor).exists():
            raise ValidationError({"actor": _("This actor already holds the role.")})
    holder = RoleHolder.objects.create(
        municipality=municipality, profile=profile, user=user, actor=actor
    )
    record_action(by, municipality, "roles.add_roleholder", holder)
    return holder


@transaction.atomic
def role_holder_consent(*, by: Any, holder: RoleHolder, given: bool) -> RoleHolder:
    """Give (or withdraw) consent that the holder's name is shown with the role:
    the person themself, or an admin of the actor. Dated; withdrawing hides the
    name again at once."""
    ensure_allowed(by, "roles.consent_roleholder", holder)
    holder = RoleHolder.objects.select_for_update().get(pk=holder.pk)
    if given and holder.consented_at is None:
        holder.consented_at = timezone.now()
        holder.consented_by = by
        holder.save(update_fields=["consented_at", "consented_by"])
        record_action(by, holder.municipality, "roles.give_consent", holder)
    elif not given and holder.consented_at is not None:
        holder.consented_at = None
        holder.consented_by = None
        holder.save(update_fields=["consented_at", "consented_by"])
        record_action(by, holder.municipality, "roles.withdraw_consent", holder)
    return holder


@transaction.atomic
def role_holder_remove(*, by: Any, holder: RoleHolder) -> None:
    """Remove a holder: the coordination, or the holder themself."""
    ensure_allowed(by, "roles.delete_roleholder", holder)
    record_action(by, holder.municipality, "roles.delete_roleholder", holder)
    holder.delete()


@transaction.atomic
def offer_save(
    *,
    by: Any,
    values: dict[str, Any],
    offer: QualificationOffer | None = None,
    municipality: Municipality | None = None,
) -> QualificationOffer:
    """Create an offer of `municipality` (coordinators) or, without one, a shared
    offer for every municipality (advisers); or change `offer`."""
    if offer is None:
        if municipality is None:
            ensure_allowed(by, "roles.add_shared_qualificationoffer", None)
            action = "roles.add_shared_qualificationoffer"
        else:
            ensure_allowed(by, "roles.add_qualificationoffer", municipality)
            action = "roles.add_qualificationoffer"
        offer = QualificationOffer(municipality=municipality)
    else:
        ensure_allowed(by, "roles.change_qualificationoffer", offer)
        offer = QualificationOffer.objects.select_for_update().get(pk=offer.pk)
        action = "roles.change_qualificationoffer"
    for name in OFFER_FIELDS:
        if name in values:
            setattr(offer, name, values[name])
    offer.competences = "\n".join(
        clean_competences(offer.competences.splitlines() if offer.competences else [])
    )
    if not offer.competences:
        raise ValidationError(
            {"competences": _("Name at least one competence the offer builds.")}
        )
    if offer.ends_on and not offer.starts_on:
        raise ValidationError({"starts_on": _("Give the first date as well.")})
    if offer.ends_on and offer.starts_on and offer.ends_on < offer.starts_on:
        raise ValidationError(
            {"ends_on": _("The last date cannot be before the first.")}
        )
    offer.full_clean()
    offer.save()
    record_action(by, offer.municipality, action, offer)
    return offer
