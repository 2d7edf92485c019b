"""The `krokarm` command: Django's management commands with krokarm's settings."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krokarm.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["krokarm", *sys.argv[1:]])


if __name__ == "__main__":
    main()
