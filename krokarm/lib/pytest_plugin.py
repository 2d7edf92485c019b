"""Loaded by pytest before Django's settings (see addopts in pyproject.toml).

It marks the process as a test run, so that settings turn on the test-only
checks (django-zeal's N+1 detection) that development and production never load.
"""

import os

os.environ.setdefault("KROKARM_TEST", "1")
