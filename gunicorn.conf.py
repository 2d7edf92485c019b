"""gunicorn's settings for krokarm, read from the working directory (the repository root) by every `gunicorn`
started there: the systemd unit, the benchmark and the fault drill. Everything else is given on the command line.

The access log names the method and the path, never the query string or the referring page: a question asked on
the way in travels in the address (`/fraga/?q=…`, `/fraga/skicka/?q=…`) and may hold personal details, which the
personal-data page promises are kept only where it says (docs/operations.md, "Logs").
"""

# gunicorn's default is '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"': %(r)s is the request
# line with its query string and %(f)s the Referer, which holds the previous page's query string.
# %(U)s is the path alone; %(m)s the method; %(H)s the protocol; %(L)s the request time in seconds.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'
