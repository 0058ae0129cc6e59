"""The jury's result from the votes, the quorum and the majority rule.

A pure function, so every rule can be tested without a database (test_voting.py):

- Everyone who voted — yes, no or abstain — counts towards the quorum.
- "Votes cast" are the yes and no votes; abstentions are not cast votes (as German
  association law counts them).
- simple: more yes than no; a tie is a rejection.
- absolute: yes from more than half of the jury members entitled to vote on this
  application (voting members without a declared conflict of interest).
- two_thirds: yes from at least two thirds of the votes cast.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Result:
    yes: int
    no: int
    abstain: int
    entitled: int
    quorum: int
    quorum_reached: bool
    approved: bool

    @property
    def taking_part(self) -> int:
        return self.yes + self.no + self.abstain

    @property
    def explanation(self) -> str:
        if not self.quorum_reached:
            # Counted on the number that took part: "1 of at least 4 members has".
            return ngettext(
                "The quorum is not reached: %(part)d of at least %(quorum)d jury "
                "members has taken part.",
                "The quorum is not reached: %(part)d of at least %(quorum)d jury "
                "members have taken part.",
                self.taking_part,
            ) % {"part": self.taking_part, "quorum": self.quorum}
        counts = self.counts_text
        if self.approved:
            return _("The jury recommends the grant (%(counts)s).") % {"counts": counts}
        return _("The jury does not recommend the grant (%(counts)s).") % {
            "counts": counts
        }

    @property
    def counts_text(self) -> str:
        """ "3 yes, 1 no, 1 abstention" with the right plural of "abstention"."""
        abstentions = ngettext(
            "%(n)d abstention", "%(n)d abstentions", self.abstain
        ) % {"n": self.abstain}
        return _("%(yes)d yes, %(no)d no, %(abstentions)s") % {
            "yes": self.yes,
            "no": self.no,
            "abstentions": abstentions,
        }

    @property
    def counts(self) -> dict[str, int]:
        return {"yes": self.yes, "no": self.no, "abstain": self.abstain}


def tally(choices: list[str], *, quorum: int, rule: str, entitled: int) -> Result:
    """The result of the votes `choices` ("yes"/"no"/"abstain") under `rule`.

    `entitled` is the number of jury members who may vote on the application (voting
    members without a conflict of interest); it matters for the absolute majority.
    """
    yes = choices.count("yes")
    no = choices.count("no")
    abstain = choices.count("abstain")
    quorum_reached = yes + no + abstain >= max(quorum, 1)
    if rule == "simple":
        majority = yes > no
    elif rule == "absolute":
        majority = entitled > 0 and 2 * yes > entitled
    elif rule == "two_thirds":
        majority = yes > 0 and 3 * yes >= 2 * (yes + no)
    else:
        raise ValueError(f"Unknown majority rule: {rule}")
    return Result(
        yes=yes,
        no=no,
        abstain=abstain,
        entitled=entitled,
        quorum=quorum,
        quorum_reached=quorum_reached,
        approved=quorum_reached and majority,
    )
