"""A coordinator imports offerings from the CSV template and follows the job; a
broken sheet lists row and field and changes nothing (axe on every page)."""

import pytest

pytestmark = pytest.mark.browser

IMPORT = "/musterstadt/hsds/import/"


def _upload(tab, tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    tab.page.set_input_files("#id_file", str(path))
    with tab.page.expect_navigation():
        tab.page.locator("main form button[type=submit]").click()
    tab.scan()


def test_coordinator_imports_the_csv_template(tab, world, tmp_path):
    from quartier.directory.models import Service
    from quartier.hsds.parsing import template_csv

    tab.force_login(world["users"]["coordinator"])
    tab.visit(IMPORT)
    sheet = template_csv().replace("sonnenberg", world["neighborhood"].slug)
    _upload(tab, tmp_path, "angebote.csv", sheet)
    assert "/musterstadt/hsds/import/" in tab.page.url
    assert tab.page.locator("progress").count() == 1
    assert tab.page.locator(".kern-alert--success").count() == 1
    assert Service.objects.filter(name="Bewegungstreff für Ältere").exists()
    tab.visit(IMPORT)  # the job appears in the list of recent imports
    assert tab.page.locator("table a", has_text="angebote.csv").count() == 1


def test_a_broken_sheet_names_row_and_field(tab, world, tmp_path):
    from quartier.directory.models import Service

    tab.force_login(world["users"]["coordinator"])
    tab.visit(IMPORT)
    sheet = "organization_name,service_name,status\nVerein,Treff,offen\n"
    _upload(tab, tmp_path, "kaputt.csv", sheet)
    cells = tab.page.locator("table tbody tr").first.inner_text()
    assert "2" in cells and "status" in cells
    assert not Service.objects.exists()
