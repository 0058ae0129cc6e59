"""The bench's floor (bench/signed_in_floor_app.py) is what it says: a signed-in
page of bare Django that reads its session and user and lists 20 rows, and sends a
guest to sign in. Run in its own process: the app configures Django itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "bench" / "signed_in_floor_app.py"


def test_the_floor_serves_a_signed_in_person_and_refuses_a_guest():
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(APP), "check"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    signed_in, guest, listed = result.stdout.strip().split(" | ")
    assert signed_in == "200 OK"
    assert guest == "302 Found"
    assert listed == "20 True"  # 20 rows and the person's name in the header
