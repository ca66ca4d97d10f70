import pytest
from hypothesis import settings

# Property tests check answers, not speed: hypothesis' default 200 ms deadline per example fails them
# on a busy machine (compiling a generated criteria tree can take longer), which is a timing assertion.
settings.register_profile("necessity", deadline=None)
settings.load_profile("necessity")


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch):
    # rich wraps at the terminal width; keep ids on one line so CLI assertions read whole tokens
    monkeypatch.setenv("COLUMNS", "200")
