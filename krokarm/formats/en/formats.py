"""English dates in British order, as in GOV.UK: "6 December 2026", "6 December 2026, 14:30", "December 2026".

Django's own English formats are American ("Dec. 6, 2026").
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
