"""A municipality's open-data settings: under which licence it publishes, how it
is to be credited, and whom portals may ask (docs/open-data.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.core.models import Municipality

LICENCE_BASE = "http://dcat-ap.de/def/licenses/"


class Licence(models.TextChoices):
    """Licences of the DCAT-AP.de licence vocabulary that fit open data."""

    DL_BY = (
        LICENCE_BASE + "dl-by-de/2.0",
        "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    )
    DL_ZERO = (
        LICENCE_BASE + "dl-zero-de/2.0",
        "Datenlizenz Deutschland – Zero – Version 2.0",
    )
    CC_BY = (
        LICENCE_BASE + "cc-by/4.0",
        "Creative Commons Namensnennung – 4.0 International (CC BY 4.0)",
    )
    CC_ZERO = LICENCE_BASE + "cc-zero", "Creative Commons Zero (CC0 1.0)"


LICENCE_PAGES = {
    Licence.DL_BY: "https://www.govdata.de/dl-de/by-2-0",
    Licence.DL_ZERO: "https://www.govdata.de/dl-de/zero-2-0",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/deed.de",
    Licence.CC_ZERO: "https://creativecommons.org/publicdomain/zero/1.0/deed.de",
}


class OpenDataSettings(models.Model):
    """One row per municipality; without a row the defaults apply (see `for_`)."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    licence = models.CharField(
        _("licence"), max_length=100, choices=Licence.choices, default=Licence.DL_BY
    )
    attribution = models.CharField(
        _("attribution"),
        max_length=300,
        blank=True,
        help_text=_(
            "How reusers name you as the source, e.g. “Stadt Musterstadt, "
            "Quartiersmanagement”. Empty: the name of the municipality."
        ),
    )
    contact_email = models.EmailField(
        _("contact e-mail for open data"),
        blank=True,
        help_text=_(
            "A functional address (no personal one) that portals show for "
            "questions about the data. Empty: the municipality's contact e-mail."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("open-data settings")
        verbose_name_plural = _("open-data settings")

    def __str__(self) -> str:
        return str(self.municipality)

    @classmethod
    def for_(cls, municipality: Municipality) -> OpenDataSettings:
        """The municipality's settings, or unsaved defaults."""
        found = cls.objects.filter(municipality=municipality).first()
        return found or cls(municipality=municipality)

    @property
    def attribution_text(self) -> str:
        return self.attribution or self.municipality.name

    @property
    def contact(self) -> str:
        return self.contact_email or self.municipality.contact_email

    @property
    def licence_label(self) -> str:
        return str(Licence(self.licence).label)

    @property
    def licence_page(self) -> str:
        return LICENCE_PAGES[Licence(self.licence)]
