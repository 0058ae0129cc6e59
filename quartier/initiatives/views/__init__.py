"""Views of the initiatives app, by topic: public (list, detail, follow), manage
(create, edit, phases, checklists, pilots, team, follow-ups), links, health (the
health-in-all-policies check and matrix) and adaptation (programme → local fit)."""
