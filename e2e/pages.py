"""The pages the quality gates check: every page reachable from the navigation and its main states."""

from e2e.live_data import ANSWERED_TOKEN, INVITATION_TOKEN, REFERENCE, STATUS_TOKEN

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

# Accounts (krokarm/accounts): the pages anyone may open, and those for a signed-in site admin.
PAGES.update(
    {
        "password reset": "/konto/losenord/",
        "password reset, sent": "/konto/losenord/skickat/",
        "password reset, broken link": "/konto/losenord/nytt/MQ/fel-token/",
        "password reset, done": "/konto/losenord/klart/",
        "invitation": f"/konto/inbjudan/{INVITATION_TOKEN}/",
        "invitation, unknown link": "/konto/inbjudan/finns-inte/",
    }
)
STAFF_PAGES.update(
    {
        "members": "/organisation/arbetsformedlingen/medlemmar/",
        "two-factor set-up": "/konto/tvastegsverifiering/",
        "one-time code": "/konto/tvastegsverifiering/kod/",
    }
)
# Editing an actor (the e2e staff user is a site admin, so an editor of every actor) and the whole log.
STAFF_PAGES.update(
    {
        "agency profile, with edit link and history": "/aktorer/arbetsformedlingen/",
        "edit actor": "/aktorer/arbetsformedlingen/redigera/",
        "add responsibility": "/aktorer/arbetsformedlingen/redigera/ansvar/nytt/",
        "add service": "/aktorer/arbetsformedlingen/redigera/tjanster/ny/",
        "audit log": "/samordning/logg/",
        "audit log, filtered": "/samordning/logg/?organisation=arbetsformedlingen&kalla=seed&sida=2",
        "audit log, form errors": "/samordning/logg/?fran=igar&kalla=telepati",
    }
)
# Comments (krokarm/comments): a seeded responsibility's thread, named by its natural key, and the moderation queue.
PAGES.update(
    {
        "comment thread": "/kommentarer/ansvar/arbetsformedlingen/rekrytering-och-matchning/leder/",
        "comment thread, unknown object": "/kommentarer/ansvar/arbetsformedlingen/finns-inte/leder/",
    }
)
STAFF_PAGES.update(
    {
        "comment thread, with the form": "/kommentarer/ansvar/arbetsformedlingen/rekrytering-och-matchning/leder/",
        "comment moderation": "/samordning/moderering/",
    }
)
