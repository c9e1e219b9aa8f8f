"""Shared pytest fixtures."""
from __future__ import annotations

import pytest


# -- service (flaskr-style: the app from the factory, and its test client) ---
@pytest.fixture
def app():
    from service import create_app

    return create_app({"TESTING": True, "CLEANER_MAX_BYTES": 64 * 1024, "CLEANER_BATCH_MAX": 5})


@pytest.fixture
def client(app):
    return app.test_client()
