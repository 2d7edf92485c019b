"""WSGI entry point: `gunicorn krokarm.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "krokarm.settings")
application = get_wsgi_application()
