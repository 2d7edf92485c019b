"""Swedish dates: "6 december 2026", "6 december 2026 kl. 14:30", "december 2026"."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y \k\l. H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
