"""Example addresses in forms, templates and messages use reserved example domains (issue 16, point 7).

A placeholder such as namn@region.se reads like a real organisation's mailbox, and someone will write to
it. RFC 2606 and RFC 6761 reserve example.com, example.net, example.org and the names under .example,
.test, .invalid and .localhost for examples; in Swedish copy we use example.se the same way.
"""

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

from django import forms
from django.utils import translation

import krokarm

ROOT = Path(krokarm.__file__).parent
RESERVED_DOMAINS = ("example.com", "example.net", "example.org", "example.se")
RESERVED_TOP_LEVEL = ("example", "test", "invalid", "localhost")
ADDRESS = re.compile(r"[\w.+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.IGNORECASE)
URL = re.compile(r"https?://([a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.IGNORECASE)
PLACEHOLDER = re.compile(r"""placeholder\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE)
GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}


def is_reserved(domain: str) -> bool:
    domain = domain.lower().rstrip(".")
    return domain.rsplit(".", 1)[-1] in RESERVED_TOP_LEVEL or any(
        domain == reserved or domain.endswith("." + reserved) for reserved in RESERVED_DOMAINS
    )


def real_domains(text: str, *, urls: bool = True) -> list[str]:
    patterns = (ADDRESS, URL) if urls else (ADDRESS,)
    return [m.group(1) for pattern in patterns for m in pattern.finditer(text) if not is_reserved(m.group(1))]


def _sources(suffix: str) -> Iterator[Path]:
    for path in sorted(ROOT.rglob(f"*{suffix}")):
        parts = path.relative_to(ROOT).parts
        if "tests" not in parts and "migrations" not in parts and "locale" not in parts:
            yield path


def _form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages([str(ROOT)], prefix="krokarm."):
        if module.name.rsplit(".", 1)[-1] in ("forms", "admin") and ".tests" not in module.name:
            importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.startswith("krokarm.") and ".tests" not in cls.__module__:
                found.append(cls)
    return found


def _field_texts(field: forms.Field) -> Iterator[str]:
    yield str(field.label or "")
    yield str(field.help_text or "")
    yield from (str(message) for message in field.error_messages.values())
    yield from (str(value) for value in field.widget.attrs.values())


def test_the_checks_accept_only_reserved_example_domains():
    assert real_domains("namn@example.se, https://www.example.se/sida, a@b.test, http://kontakt.localhost/") == []
    assert real_domains("namn@region.se, https://www.exempel.se/sida, a@example.se.evil.com") == [
        "region.se",
        "example.se.evil.com",
        "www.exempel.se",
    ]


def test_every_form_field_shows_only_example_addresses():
    classes = _form_classes()
    assert len(classes) > 20, "the forms of the apps were not found"
    offending = []
    with translation.override("sv"):
        for cls in classes:
            fields: dict[str, forms.Field] = getattr(cls, "base_fields", {})  # set by Form's metaclass
            for name, field in fields.items():
                for text in _field_texts(field):
                    offending += [f"{cls.__module__}.{cls.__name__}.{name}: {d}" for d in real_domains(text)]
    assert not offending, "Use example.se (or example.com) in examples:\n" + "\n".join(offending)


def test_template_placeholders_and_addresses_use_example_domains():
    offending = []
    for path in _sources(".html"):
        text = path.read_text(encoding="utf-8")
        placeholders = " ".join(m.group(1) for m in PLACEHOLDER.finditer(text))
        domains = real_domains(placeholders) + real_domains(text, urls=False)
        offending += [f"{path.relative_to(ROOT)}: {d}" for d in domains]
    assert not offending, "Use example.se (or example.com) in examples:\n" + "\n".join(offending)


def test_translatable_texts_use_example_addresses():
    offending = []
    for path in _sources(".py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name not in GETTEXT:
                continue
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    offending += [f"{path.relative_to(ROOT)}:{node.lineno}: {d}" for d in real_domains(arg.value)]
    assert not offending, "Use example.se (or example.com) in examples:\n" + "\n".join(offending)
