"""The pattern page (/monster/): every control the templates use, live and with its markup, for page builders."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import escape

from krokarm.home.patterns import PATTERNS

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(__file__).resolve().parents[2].glob("**/templates/**/*.html"))
BUTTON_CLASSES = re.compile(r'<button\b[^>]*?\bclass="([^"{]*)"')
INPUT_TYPES = re.compile(r'<input\b[^>]*?\btype="([a-z]+)"')
# Kinds of control the pattern page does not need to show: hidden fields, the header's own buttons, and the file
# input of the RUS contribution form, which the browser draws.
NOT_CONTROLS = {"hidden", "header-link", "file", "submit"}


def used_in_templates(pattern: re.Pattern[str]) -> set[str]:
    found: set[str] = set()
    for path in TEMPLATES:
        if path.name == "patterns.html":
            continue
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            found.update(match.group(1).split())
    return found - NOT_CONTROLS


def test_the_pattern_page_is_not_public(client, settings):
    settings.DEBUG = False
    assert client.get(reverse("home:patterns")).status_code == 404


def test_a_coordinator_sees_every_control_live_and_as_markup(staff_client, settings):
    settings.DEBUG = False
    html = staff_client.get(reverse("home:patterns")).text
    for pattern in PATTERNS:
        assert f'id="{pattern.slug}"' in html
        assert pattern.markup in html  # the live example
        assert escape(pattern.markup) in html  # and its code


def test_every_button_class_and_input_type_the_templates_use_is_on_the_pattern_page():
    shown = " ".join(pattern.markup for pattern in PATTERNS)
    shown_classes = set(BUTTON_CLASSES.findall(shown))
    shown_types = set(INPUT_TYPES.findall(shown))
    assert used_in_templates(BUTTON_CLASSES) - shown_classes == set()
    assert used_in_templates(INPUT_TYPES) - shown_types == set()
