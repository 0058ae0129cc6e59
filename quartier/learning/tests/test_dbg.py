import pytest
pytestmark = pytest.mark.django_db
def test_dbg(client_for, coordinator, municipality):
    c = client_for(coordinator)
    r = c.post("/musterstadt/learning/time/new/", {"date": "2026-01-15", "hours": "1.5", "category": "moderation"})
    print(r.context["form"].errors)
