from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
REPO = TESTS.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def good_briefing() -> Path:
    return FIXTURES / "good" / "harbour-talks.yaml"
