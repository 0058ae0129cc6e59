"""Truth-table rows of the legal pages (docs/permissions.md, "Legal pages")."""

from __future__ import annotations

from quartier.core.tests.truth_table import Case, S, m

KINDS = ("imprint", "privacy", "accessibility")

CASES = [
    case
    for kind in KINDS
    for case in (
        Case(f"legal_{kind}", S(200, 200, 200, 200, 200, 200)),
        Case(f"legal:{kind}", S(200, 200, 200, 200, 200, 200), kwargs=m),
        Case(f"legal:{kind}_edit", S(302, 403, 403, 403, 200, 403), kwargs=m),
        Case(
            f"legal:{kind}_edit",
            S(403, 403, 403, 403, 302, 403),
            "post",
            kwargs=m,
            data={"body": "<p>Impressum der Kommune</p>"},
        ),
    )
]


def extend_world(world):
    from django.utils import timezone

    from quartier.legal.models import AccessibilityFeedback, due_on

    now = timezone.now()
    world["accessibility_feedback"] = AccessibilityFeedback.objects.create(
        municipality=world["municipality"],
        page="/musterstadt/",
        text="Der Kalender ist mit der Tastatur nicht bedienbar.",
        received_at=now,
        due_on=due_on(now, 6),
    )


def feedback(w):
    return {**m(w), "pk": w["accessibility_feedback"].pk}


CASES += [
    Case("legal:accessibility_settings", S(302, 403, 403, 403, 200, 403), kwargs=m),
    Case(
        "legal:accessibility_settings",
        S(403, 403, 403, 403, 302, 403),
        "post",
        kwargs=m,
        data={"conformity": "partial", "feedback_weeks": "6"},
    ),
    Case("legal:feedback", S(200, 200, 200, 200, 200, 200), kwargs=m),
    # Without the fill-in token the form is shown again with the error (nothing
    # stored); the flow itself is tested in test_accessibility_feedback.py.
    Case(
        "legal:feedback",
        S(200, 200, 200, 200, 200, 200),
        "post",
        kwargs=m,
        data={"text": "Kontrast zu schwach"},
    ),
    Case("legal:feedback_list", S(302, 403, 403, 200, 200, 403), kwargs=m),
    Case("legal:feedback_detail", S(404, 404, 404, 200, 200, 404), kwargs=feedback),
    Case(
        "legal:feedback_detail",
        S(404, 404, 404, 302, 302, 404),
        "post",
        kwargs=feedback,
        data={"answer": "Danke, wir haben den Kalender korrigiert."},
    ),
    Case("legal:retention", S(302, 403, 403, 403, 200, 403), kwargs=m),
    Case(
        "legal:retention",
        S(403, 403, 403, 403, 200, 403),
        "post",
        kwargs=m,
        data={"core__audit_entry": "1"},
        label="outside the limits: shown again",
    ),
]
