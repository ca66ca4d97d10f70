import pytest


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch):
    # rich wraps at the terminal width; keep ids on one line so CLI assertions read whole tokens
    monkeypatch.setenv("COLUMNS", "200")
