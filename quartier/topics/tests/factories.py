"""Test data of topics: the labelled corpus (corpus.py) as a municipality's texts."""

from __future__ import annotations

from quartier.core.tests.factories import NeighborhoodFactory
from quartier.participation.tests.factories import CommentFactory, ContributionFactory
from quartier.stories.tests.factories import StoryFactory
from quartier.topics.tests.corpus import (
    BUS,
    BUS_TITLES,
    NEIGHBOURS,
    PLAYGROUND,
    PLAYGROUND_TITLES,
    titled,
)


def seed_corpus(municipality, neighborhood=None):
    """Playgrounds as contributions, buses as stories, neighbours as comments."""
    hood = neighborhood or NeighborhoodFactory(municipality=municipality)
    contributions = [
        ContributionFactory(
            municipality=municipality, neighborhood=hood, title=title, text=text
        )
        for title, text in titled(PLAYGROUND, PLAYGROUND_TITLES)
    ]
    stories = [
        StoryFactory(
            municipality=municipality, neighborhood=hood, title=title, text=text
        )
        for title, text in titled(BUS, BUS_TITLES)
    ]
    parent = ContributionFactory(
        municipality=municipality,
        neighborhood=hood,
        title="Quittengelee",
        text="Quittengelee",
    )
    comments = [CommentFactory(contribution=parent, text=t) for t in NEIGHBOURS]
    return contributions, stories, comments, parent
