"""How dates read on the site, per language (settings.FORMAT_MODULE_PATH).

Templates name a format instead of spelling a pattern: `{{ day|date:"DATE_FORMAT" }}` gives "6 december 2026"
in Swedish and "6 December 2026" in English, `|date:"DATETIME_FORMAT"` adds the time. Python code calls
`django.utils.formats.date_format(value)` (or with "DATETIME_FORMAT"). Machine formats (the `datetime`
attribute of <time>, CSV, JSON, iCalendar, form values) stay ISO and do not come from here.
"""
