"""“Meine Daten”: the JSON export is downloaded from the account page."""

import json

import pytest

pytestmark = pytest.mark.browser


def test_download_my_data_gives_a_json_file_with_my_email(tab, world):
    resident = world["users"]["resident"]
    tab.force_login(resident)
    tab.visit("/accounts/me/")

    with tab.page.expect_download() as download_info:
        tab.page.locator('a[href="/accounts/me/data.json"]').click()
    download = download_info.value

    assert download.suggested_filename.endswith(".json")
    data = json.loads(open(download.path(), encoding="utf-8").read())
    assert resident.email in json.dumps(data, ensure_ascii=False)
    assert tab.path() == "/accounts/me/"


def test_download_my_data_needs_a_signed_in_user(tab, world):
    tab.visit("/accounts/me/data.json")

    assert tab.path().startswith("/accounts/login/")
