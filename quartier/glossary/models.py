"""A municipality's shared language: glossary terms with proposed and agreed
definitions, and its Leitbild (values and mission statement).

Agreed definitions and Leitbild texts are versions: each is adopted by a forum
decision and never edited afterwards; the current one is the latest by `valid_from`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TenantModel
from quartier.core.tenancy import TenantChild
from quartier.forums.models import Decision


class TermQuerySet(models.QuerySet["Term"]):
    def of(self, municipality: Any) -> TermQuerySet:
        return self.filter(municipality=municipality)


class Term(TenantModel):
    term = models.CharField(_("term"), max_length=120)
    slug = models.SlugField(_("address in the URL"), max_length=140)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["term"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="glossary_term_slug_unique"
            )
        ]

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return reverse(
            "glossary:term",
            kwargs={"municipality_slug": self.municipality.slug, "slug": self.slug},
        )

    @property
    def current_definition(self) -> AgreedDefinition | None:
        """The agreed definition in force: the latest version."""
        return self.agreed_versions.order_by("-valid_from", "-pk").first()


class ProposedDefinition(TenantChild):
    tenant_parent = "term"

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="proposals")
    text = models.TextField(_("proposed definition"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("proposed definition")
        verbose_name_plural = _("proposed definitions")

    def __str__(self) -> str:
        return self.text[:60]


class ProposalComment(TenantChild):
    tenant_parent = "proposal"

    proposal = models.ForeignKey(
        ProposedDefinition, on_delete=models.CASCADE, related_name="comments"
    )
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on a proposed definition")
        verbose_name_plural = _("comments on proposed definitions")

    def __str__(self) -> str:
        return self.text[:60]


class AgreedDefinition(TenantChild):
    """One version of a term's agreed definition, adopted by a forum decision."""

    tenant_parent = "term"

    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="agreed_versions"
    )
    text = models.TextField(_("agreed definition"))
    valid_from = models.DateField(_("valid from"))
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("adopted by decision"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("agreed definition")
        verbose_name_plural = _("agreed definitions")

    def __str__(self) -> str:
        return f"{self.term}: {self.text[:60]}"


class LeitbildVersion(TenantModel):
    """One version of the municipality's Leitbild (sanitised HTML)."""

    text = models.TextField(_("Leitbild"))
    valid_from = models.DateField(_("valid from"))
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("adopted by decision"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-valid_from", "-pk"]
        verbose_name = _("Leitbild version")
        verbose_name_plural = _("Leitbild versions")

    def __str__(self) -> str:
        return f"Leitbild {self.valid_from}"
