"""The pages the quality gates check: every page reachable from the navigation and its main states."""

from e2e.live_data import ANSWERED_TOKEN, REFERENCE, STATUS_TOKEN

PAGES: dict[str, str] = {
    "start": "/",
    "question page": "/fraga/",
    "question, answered": "/fraga/?q=Var+kan+jag+l%C3%A4sa+sfi+i+Skellefte%C3%A5%3F&asker=individ",
    "question, low confidence": "/fraga/?q=blomkrukor",
    "question, form errors": "/fraga/?q=&asker=kung&county=99",
    "question, municipality chosen": "/fraga/?q=Var+kan+jag+l%C3%A4sa+sfi%3F&county=2482",
    "question, unknown place": "/fraga/?q=Var+kan+jag+l%C3%A4sa+sfi%3F&county=9999",
    "actor list": "/aktorer/",
    "actor list, filtered": "/aktorer/?kind=agency&theme=kompetensforsorjning",
    "actor list, empty": "/aktorer/?q=qwertyuiop",
    "actor list, form errors": "/aktorer/?kind=rymdstyrelse&region=atlantis",
    "actor list, last page": "/aktorer/?kind=municipality&sida=12",
    "agency profile": "/aktorer/arbetsformedlingen/",
    "region profile": "/aktorer/region-vasterbotten/",
    "network profile": "/aktorer/rus-natverket/",
    "ministry profile": "/aktorer/utbildningsdepartementet/",
    "municipality profile": "/aktorer/stockholm-kommun/",
    "matrix": "/vem-ansvarar-for-vad/",
    "matrix, other area": "/vem-ansvarar-for-vad/?omrade=tillganglighet",
    "matrix, unknown area": "/vem-ansvarar-for-vad/?omrade=mars",
    "collaboration diagram": "/vem-ansvarar-for-vad/samverkan/",
    "regions": "/regioner/",
    "county": "/regioner/skane-lan/",
    "open data": "/data/",
    "about": "/om-krokarm/",
    "personal data": "/personuppgifter/",
    "accessibility statement": "/tillganglighet/",
    "not found": "/finns-inte/",
    "questions dashboard": "/fraga/insikter/",
    "questions dashboard, filtered": "/fraga/insikter/?county=25&asker=individ",
    "questions dashboard, form errors": "/fraga/insikter/?county=99&asker=kung&fran=1900-01",
    "feedback thanks": "/fraga/aterkoppling/tack/",
    "feedback thanks, not helped": "/fraga/aterkoppling/tack/?svar=nej",
    "send a question": "/fraga/skicka/?q=Hur+validerar+jag+min+svetsarkompetens%3F&actor=myh&asker=individ",
    "send a question, nobody found": "/fraga/skicka/?q=blomkrukor",
    "case status, waiting": f"/fraga/arende/{STATUS_TOKEN}/?skickad=1",
    "case status, forwarded and answered": f"/fraga/arende/{ANSWERED_TOKEN}/",
    "sign in": "/logga-in/",
}

# Pages for a logged-in coordinator (staff, who also handles Arbetsförmedlingen's cases): the anonymous
# visitor is sent to log in.
STAFF_PAGES: dict[str, str] = {
    "inbox": "/inkorg/",
    "inbox, all cases": "/inkorg/?visa=alla",
    "case, staff view": f"/inkorg/{REFERENCE}/",
    "overdue cases": "/samordning/arenden/",
    "coordinator questions": "/samordning/fragor/",
    "coordinator questions, low confidence": "/samordning/fragor/?visa=lag",
}
