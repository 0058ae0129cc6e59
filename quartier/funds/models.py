"""Micro-grant funds (Verfügungsfonds): the fund with its jury and budget, calls,
applications with a cost plan, conflict-of-interest declarations, votes, payouts and
the proof of use (Verwendungsnachweis).

Money is Decimal with two places, in euros. The fund keeps the sum of its open
commitments in `committed`; services change it only with the fund row locked, and a
CheckConstraint keeps it between 0 and the budget, so the budget cannot be
overspent even by a service that forgot to look.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from quartier.actors.models import Actor
from quartier.core.models import Neighborhood, TenantModel, TenantQuerySet
from quartier.core.tenancy import TenantChild

ZERO = Decimal("0.00")
# A project takes place at the latest this long after its call closed.
PROJECT_HORIZON = datetime.timedelta(days=730)


def money(verbose_name: Any, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=10, decimal_places=2, **kwargs)


class FundStatus(models.TextChoices):
    DRAFT = "draft", _("In preparation")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class MajorityRule(models.TextChoices):
    SIMPLE = "simple", _("Simple majority: more yes than no among the votes cast")
    ABSOLUTE = (
        "absolute",
        _("Absolute majority: yes from more than half of the voting jury members"),
    )
    TWO_THIRDS = "two_thirds", _("Two-thirds majority of the votes cast")


class FundQuerySet(TenantQuerySet):
    def visible_to(self, user: Any, municipality: Any) -> Self:
        """Funds in preparation only for coordinators and admins."""
        from quartier.core.predicates import is_coordinator

        qs = self.of(municipality)
        if is_coordinator.test(user, municipality):
            return qs
        return qs.exclude(status=FundStatus.DRAFT)


class Fund(TenantModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address in the URL"), max_length=80)
    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funds",
        verbose_name=_("neighbourhood"),
        help_text=_("Leave empty for a fund of the whole municipality."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    budget = money(_("budget (€)"))
    max_per_project = money(_("at most per project (€)"))
    solo_limit = money(
        _("coordinators may decide alone up to (€)"),
        default=ZERO,
        help_text=_("Smaller requests can be decided without the jury; 0 for never."),
    )
    rules = models.TextField(_("rules in plain language"), blank=True)
    quorum = models.PositiveSmallIntegerField(
        _("quorum"),
        default=3,
        help_text=_("How many jury members must take part in a vote for it to count."),
    )
    majority_rule = models.CharField(
        _("majority rule"),
        max_length=12,
        choices=MajorityRule.choices,
        default=MajorityRule.SIMPLE,
    )
    status = models.CharField(
        _("status"), max_length=8, choices=FundStatus.choices, default=FundStatus.DRAFT
    )
    contact_email = models.EmailField(
        _("e-mail of the coordination"),
        blank=True,
        help_text=_("Gets a message for every submitted application."),
    )
    payout_four_eyes = models.BooleanField(
        _("payouts need a second person"),
        default=False,
        help_text=_(
            "A payout recorded by one person is released only when a second person "
            "confirms it (four-eyes rule)."
        ),
    )
    # The funding guideline (Förderrichtlinie): the legal basis of every decision.
    guideline_text = models.TextField(
        _("funding guideline (text)"),
        blank=True,
        help_text=_("Written here, or uploaded as a PDF below (or both)."),
    )
    guideline_file = models.FileField(
        _("funding guideline (PDF)"),
        upload_to="funds/guidelines/",
        blank=True,
        max_length=200,
    )
    proof_retention_years = models.PositiveSmallIntegerField(
        _("keep proofs of use and receipts for (years)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_(
            "As the guideline says; 10 years is a typical period. Counted from the "
            "day the proof of use arrived; the receipts are then deleted."
        ),
    )
    remedy_notice = models.TextField(
        _("notice of legal remedies (Rechtsbehelfsbelehrung)"),
        blank=True,
        help_text=_(
            "Printed on every decision letter. Left empty, the letter prints the "
            "template with the fields your municipality must fill in marked."
        ),
    )
    # Sum of the open commitments (approved minus money returned); see services.
    committed = money(_("committed"), default=ZERO, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = FundQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("neighbourhood fund")
        verbose_name_plural = _("neighbourhood funds")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="fund_slug_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(committed__gte=0) & Q(committed__lte=F("budget")),
                name="fund_committed_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(max_per_project__gt=0)
                & Q(max_per_project__lte=F("budget")),
                name="fund_max_per_project_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(solo_limit__gte=0)
                & Q(solo_limit__lte=F("max_per_project")),
                name="fund_solo_limit_within_max",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "funds:fund",
            kwargs={"municipality_slug": self.municipality.slug, "slug": self.slug},
        )

    @property
    def available(self) -> Decimal:
        return self.budget - self.committed


class JuryRole(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ADMINISTRATION = "administration", _("Administration")
    OTHER = "other", _("Other")


class JuryMember(TenantChild):
    """A seat in the fund's jury (Vergabebeirat)."""

    tenant_parent = "fund"

    fund = models.ForeignKey(
        Fund, on_delete=models.CASCADE, related_name="jury", verbose_name=_("fund")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jury_seats",
        verbose_name=_("person"),
    )
    role = models.CharField(_("seat"), max_length=16, choices=JuryRole.choices)
    voting = models.BooleanField(
        _("has a vote"),
        default=True,
        help_text=_("The coordination may sit in the jury without a vote."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-voting", "role", "id"]
        verbose_name = _("jury member")
        verbose_name_plural = _("jury")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "fund", "user"], name="jury_seat_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Call(TenantModel):
    """A call for applications (Aufruf) within a fund."""

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="calls", verbose_name=_("fund")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    topics = models.CharField(
        _("topics"),
        max_length=300,
        blank=True,
        help_text=_("Separated by commas, e.g. “Begegnung, Bewegung, Ernährung”."),
    )
    max_amount = money(_("at most per application (€)"))
    persons_may_apply = models.BooleanField(_("persons may apply"), default=True)
    groups_may_apply = models.BooleanField(
        _("groups without legal form may apply"), default=True
    )
    organisations_may_apply = models.BooleanField(
        _("registered organisations may apply"), default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "id"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="call_period_in_order"
            ),
            models.CheckConstraint(
                condition=Q(max_amount__gt=0), name="call_max_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "funds:call",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The call cannot close before it opens.")
        # Calls spend the budget of one year: they stay inside the fund's year.
        year = self.fund.year if self.fund_id else None
        for name in ("opens_on", "closes_on"):
            day = getattr(self, name)
            if year and day and day.year != year:
                errors.setdefault(
                    name,
                    _(
                        "The date must lie in the fund's budget year %(year)d "
                        "(01.01.%(year)d – 31.12.%(year)d)."
                    )
                    % {"year": year},
                )
        if errors:
            raise ValidationError(errors)

    def is_open_on(self, day: Any) -> bool:
        return self.opens_on <= day <= self.closes_on

    @property
    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.split(",") if t.strip()]


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    QUESTIONS = "questions", _("Questions to the applicant")
    COMPLETE = "complete", _("Complete, with the jury")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    PAID = "paid", _("Paid out")
    REPORTED = "reported", _("Proof of use received")
    CLOSED = "closed", _("Closed")


# Statuses in which an application holds money of the fund.
COMMITTING = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.PAID,
    ApplicationStatus.REPORTED,
    ApplicationStatus.CLOSED,
)
EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.QUESTIONS)


class DecisionHow(models.TextChoices):
    JURY = "jury", _("on the jury's recommendation")
    SOLO = "solo", _("without a jury recommendation (small amount)")


class Channel(models.TextChoices):
    """How an application reached the municipality (as contributions do)."""

    ONLINE = "online", _("online")
    PAPER = "paper", _("on paper")
    CONSULTATION = "consultation", _("in a consultation")


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("approve")
    REJECT = "reject", _("reject")


class EarlyStart(models.TextChoices):
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")


class ApplicationQuerySet(TenantQuerySet):
    def funded(self) -> Self:
        return self.filter(status__in=COMMITTING)

    def visible_to(self, user: Any, municipality: Any) -> Self:
        """Coordinators see every application; applicants their own; jury members
        those of their fund that left the draft stage."""
        from quartier.core.predicates import is_coordinator

        qs = self.of(municipality)
        if is_coordinator.test(user, municipality):
            return qs
        if not getattr(user, "is_authenticated", False):
            return qs.none()
        return qs.filter(
            Q(applicant=user)
            | (Q(call__fund__jury__user=user) & ~Q(status=ApplicationStatus.DRAFT))
        ).distinct()


class Application(TenantModel):
    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("call"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="fund_applications",
        verbose_name=_("applicant"),
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_applications",
        verbose_name=_("on behalf of (organisation)"),
    )
    group_name = models.CharField(
        _("name of the group"),
        max_length=200,
        blank=True,
        help_text=_(
            "For a group without legal form, e.g. “Nachbarschaftstreff Hügelweg”."
        ),
    )
    # Paper and assisted applications: a coordinator records them for a group; the
    # applicant (the account) is then the recording coordinator, the contact the
    # person who applied, who has no account and gets the letter by post.
    channel = models.CharField(
        _("received"), max_length=12, choices=Channel.choices, default=Channel.ONLINE
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_address = models.TextField(_("postal address"), blank=True)
    contact_phone = models.CharField(_("telephone"), max_length=40, blank=True)
    # A consent to publication: never pre-ticked (test_consent_defaults.py).
    show_name = models.BooleanField(
        _("the name of the group or organisation may appear on the public list"),
        default=False,
    )
    title = models.CharField(_("title of the project"), max_length=200)
    what = models.TextField(_("what do you plan?"), blank=True)
    for_whom = models.TextField(_("for whom?"), blank=True)
    neighborhood = models.ForeignKey(
        Neighborhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_applications",
        verbose_name=_("neighbourhood"),
    )
    place = models.CharField(_("where exactly?"), max_length=200, blank=True)
    starts_on = models.DateField(_("when does it start?"), null=True, blank=True)
    ends_on = models.DateField(_("when does it end?"), null=True, blank=True)
    health_benefit = models.TextField(
        _("how does it help health in the neighbourhood?"), blank=True
    )
    own_contribution = money(_("own contribution (€)"), default=ZERO)
    requested_amount = money(_("requested amount (€)"), null=True, blank=True)
    # Declarations, required to submit and never pre-ticked: no grant for a project
    # already begun (unless an early start is allowed), no double funding.
    not_started = models.BooleanField(
        _("The project has not started yet."), default=False
    )
    early_start_requested = models.BooleanField(
        _("We ask to start before the decision (early start)."), default=False
    )
    early_start_reason = models.TextField(
        _("why must the project start before the decision?"), blank=True
    )
    early_start = models.CharField(
        _("early start"), max_length=8, choices=EarlyStart.choices, blank=True
    )
    early_start_decided_at = models.DateTimeField(null=True, blank=True)
    not_funded_elsewhere = models.BooleanField(
        _(
            "The project is not funded from other sources for the same purpose in "
            "addition."
        ),
        default=False,
    )
    other_funding = models.TextField(
        _("other funding for the same purpose"),
        blank=True,
        help_text=_(
            "Who else funds the project, with how much (or what you asked for)."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    precheck_message = models.TextField(_("questions of the coordination"), blank=True)
    voting_open = models.BooleanField(_("jury voting open"), default=False)
    # The jury recommends (recorded when the decision is taken); the municipality
    # decides, and says why when it does not follow the recommendation.
    recommendation = models.CharField(
        _("recommendation of the jury"),
        max_length=8,
        choices=Recommendation.choices,
        blank=True,
    )
    recommendation_counts = models.CharField(
        _("votes of the jury"), max_length=200, blank=True
    )
    follows_recommendation = models.BooleanField(
        _("follows the recommendation"), null=True, blank=True
    )
    deviation_reason = models.TextField(
        _("why the decision departs from the recommendation"), blank=True
    )
    # The decision.
    approved_amount = money(_("approved amount (€)"), null=True, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_how = models.CharField(
        _("decided"), max_length=4, choices=DecisionHow.choices, blank=True
    )
    # Money after the decision (denormalised; kept right by the services).
    paid_total = money(_("paid out (€)"), default=ZERO)
    returned_amount = money(_("returned to the fund (€)"), default=ZERO)
    report_due_on = models.DateField(_("proof of use due"), null=True, blank=True)
    report_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["report_reminded_at"])
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            # In the order of the keyset pages (quartier/core/pagination.py): the
            # jury's queue (status "complete", oldest submission first) and a
            # fund's applications filtered by status; "My applications".
            models.Index(
                fields=["municipality", "status", "submitted_at", "id"],
                name="application_status_order",
            ),
            models.Index(
                fields=["municipality", "applicant", "updated_at", "id"],
                name="application_applicant_order",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(own_contribution__gte=0), name="application_own_ge_0"
            ),
            models.CheckConstraint(
                condition=Q(requested_amount__isnull=True) | Q(requested_amount__gt=0),
                name="application_requested_positive",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True)
                | (
                    Q(approved_amount__gt=0)
                    & Q(approved_amount__lte=F("requested_amount"))
                ),
                name="application_approved_le_requested",
            ),
            # Payouts never exceed the grant.
            models.CheckConstraint(
                condition=Q(paid_total=0)
                | Q(paid_total__gt=0, paid_total__lte=F("approved_amount")),
                name="application_paid_le_approved",
            ),
            models.CheckConstraint(
                condition=Q(returned_amount=0)
                | Q(returned_amount__gt=0, returned_amount__lte=F("approved_amount")),
                name="application_returned_le_approved",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "funds:application",
            kwargs={"municipality_slug": self.municipality.slug, "pk": self.pk},
        )

    def clean(self) -> None:
        """Project dates that make sense: the end not before the start, not before
        the call opened, and the start within PROJECT_HORIZON of the call's end.
        (Dates in the past are refused when the application is submitted:
        services.submission_problems.)"""
        errors: dict[str, Any] = {}
        start, end = self.starts_on, self.ends_on
        if start and end and end < start:
            errors["ends_on"] = _("The end cannot be before the start.")
        call = self.call if self.call_id else None
        if call is not None:
            if end and end < call.opens_on:
                errors.setdefault(
                    "ends_on",
                    _("The project cannot end before the call opened (%(day)s).")
                    % {"day": date_format(call.opens_on, "SHORT_DATE_FORMAT")},
                )
            latest = call.closes_on + PROJECT_HORIZON
            for name, day in (("starts_on", start), ("ends_on", end)):
                if day and day > latest:
                    errors.setdefault(
                        name,
                        _("Projects of this call take place by %(day)s at the latest.")
                        % {"day": date_format(latest, "SHORT_DATE_FORMAT")},
                    )
        if errors:
            raise ValidationError(errors)

    @property
    def fund(self) -> Fund:
        return self.call.fund

    @property
    def number(self) -> str:
        return f"{self.created_at:%Y}-{self.pk:05d}" if self.pk else ""

    @property
    def commitment(self) -> Decimal:
        """What this application holds of its fund's budget right now."""
        if self.status in COMMITTING and self.approved_amount is not None:
            return self.approved_amount - self.returned_amount
        return ZERO

    @property
    def public_name(self) -> str:
        """The name on the public list: an organisation or group only where the
        applicant agreed; a private person never."""
        if self.show_name and self.actor is not None:
            return self.actor.name
        if self.show_name and self.group_name:
            return self.group_name
        return str(_("a neighbourhood group"))

    @property
    def applicant_label(self) -> str:
        if self.actor is not None:
            return self.actor.name
        return self.group_name or self.contact_name or self.applicant.public_name

    @property
    def recorded_for_someone(self) -> bool:
        """Received on paper or in a consultation and typed in by a coordinator."""
        return self.channel != Channel.ONLINE

    @property
    def addressee(self) -> str:
        """The person the decision letter is addressed to."""
        if self.recorded_for_someone and self.contact_name:
            return self.contact_name
        return self.applicant.public_name

    @property
    def receipts_sum(self) -> Decimal:
        return sum((r.amount for r in self.receipts.all()), ZERO)


class CostLine(TenantChild):
    tenant_parent = "application"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="cost_lines"
    )
    position = models.PositiveSmallIntegerField(default=0)
    item = models.CharField(_("item"), max_length=200)
    amount = money(_("amount (€)"))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("cost line")
        verbose_name_plural = _("cost plan")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="cost_line_amount_ge_0"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.amount}"


class ConflictOfInterest(TenantChild):
    """A jury member's declaration that they are biased (Befangenheit)."""

    tenant_parent = "application"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="conflicts"
    )
    member = models.ForeignKey(
        JuryMember, on_delete=models.CASCADE, related_name="conflicts"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "application", "member"],
                name="conflict_once_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.application}"


class VoteChoice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")


class Vote(TenantChild):
    tenant_parent = "application"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="votes"
    )
    member = models.ForeignKey(
        JuryMember, on_delete=models.CASCADE, related_name="votes"
    )
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)
    comment = models.TextField(_("comment"), blank=True)
    # A vote given in a jury meeting in person, recorded by the coordination; empty
    # for a vote the member cast online.
    meeting_on = models.DateField(_("jury meeting on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "application", "member"],
                name="vote_once_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.choice}"


class Payout(TenantChild):
    tenant_parent = "application"

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="payouts"
    )
    paid_on = models.DateField(_("date"))
    amount = money(_("amount (€)"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Four-eyes rule (Fund.payout_four_eyes): a payout recorded by one person waits
    # until a second person releases it; only released payouts count as paid.
    pending = models.BooleanField(_("waiting for release"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("released by"),
    )
    confirmed_at = models.DateTimeField(_("released"), null=True, blank=True)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="payout_amount_positive"
            ),
            # The second pair of eyes is never the first.
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True)
                | Q(created_by__isnull=True)
                | ~Q(confirmed_by=F("created_by")),
                name="payout_released_by_another",
            ),
            models.CheckConstraint(
                condition=Q(pending=False) | Q(confirmed_by__isnull=True),
                name="payout_pending_not_released",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paid_on}: {self.amount}"


class GrantReport(TenantChild):
    """The proof of use (Verwendungsnachweis)."""

    tenant_parent = "application"

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="report"
    )
    what_happened = models.TextField(_("what happened?"))
    participants = models.PositiveIntegerField(_("how many people took part?"))
    receipts_total = money(_("total of the receipts (€)"))
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("proof of use")
        verbose_name_plural = _("proofs of use")
        constraints = [
            models.CheckConstraint(
                condition=Q(receipts_total__gte=0), name="report_receipts_ge_0"
            )
        ]

    def __str__(self) -> str:
        return str(self.application)


class Receipt(TenantChild):
    """One receipt of the proof of use: what was paid, when, for what; a PDF or a
    photo of the paper receipt. Kept as long as the fund's guideline says
    (Fund.proof_retention_years; retention.py)."""

    tenant_parent = "application"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="receipts"
    )
    paid_on = models.DateField(_("date of the receipt"))
    purpose = models.CharField(_("what for?"), max_length=200)
    amount = money(_("amount (€)"))
    file = models.FileField(
        _("receipt (PDF or photo)"), upload_to="funds/receipts/%Y/", max_length=200
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="receipt_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.paid_on}: {self.purpose}"

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        # The scan goes with its row (removal by the applicant, or retention.py).
        self.file.delete(save=False)
        return super().delete(*args, **kwargs)


class ReportPhoto(TenantChild):
    tenant_parent = "report"

    report = models.ForeignKey(
        GrantReport, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to="funds/reports/")
    alt_text = models.CharField(_("description of the photo"), max_length=300)

    class Meta:
        ordering = ["id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.alt_text
