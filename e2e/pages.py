"""The pages the quality gates check: every page reachable from the navigation and its main states."""

from e2e.live_data import ANSWERED_TOKEN, ENTRY_POINT_ID, INVITATION_TOKEN, NEED_ID, REFERENCE, STATUS_TOKEN

PAGES: dict[str, str] = {
    "start": "/",
    "question page": "/fraga/",
    "question, answered": "/fraga/?q=Var+kan+jag+l%C3%A4sa+sfi+i+Skellefte%C3%A5%3F&asker=individ",
    "question, low confidence": "/fraga/?q=blomkrukor",
    "question, form errors": "/fraga/?q=&asker=kung&county=99",
    "question, municipality chosen": "/fraga/?q=Var+kan+jag+l%C3%A4sa+sfi%3F&county=2482",
    "question, unknown place": "/fraga/?q=Var+kan+jag+l%C3%A4sa+sfi%3F&county=9999",
    "search": "/sok/",
    "search, results": "/sok/?q=kompetensf%C3%B6rs%C3%B6rjning",
    "search, one type": "/sok/?q=validering&typ=ansvar",
    "search, filters": "/sok/?q=strategi&lan=vasterbottens-lan&tema=kompetensforsorjning",
    "search, nothing found": "/sok/?q=blomkrukor",
    "search, form errors": "/sok/?q=kurs&typ=rymd&lan=atlantis",
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
    "pattern page": "/monster/",
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
        # The staff user's own account pages; the gates only GET them, so nobody is deleted.
        "account": "/konto/",
        "password change": "/konto/losenord/byt/",
        "delete account, confirmation": "/konto/radera/",
        "two-factor set-up": "/konto/tvastegsverifiering/",
        "one-time code": "/konto/tvastegsverifiering/kod/",
        "API tokens": "/konto/api-nycklar/",
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
# Notifications (krokarm/notifications): the staff user's list (live_data seeds one) and the digest settings.
STAFF_PAGES.update(
    {
        "notifications": "/konto/aviseringar/",
        "notifications, past the last page": "/konto/aviseringar/?sida=99",
        "notification settings": "/konto/aviseringar/installningar/",
        # The outbox's failed e-mail for coordinators (live_data marks one receipt failed).
        "failed e-mail (samordning)": "/samordning/e-post/",
    }
)
# Strategies (krokarm/strategies): the national overview, a region's strategy and an entry point (seeded from
# data/strategies; files load in name order, so entry point 3 is Östergötland's past remiss).
PAGES.update(
    {
        "strategies overview": "/strategier/",
        "strategies overview, filtered": "/strategier/?tema=kompetensforsorjning&myndighet=arbetsformedlingen",
        "strategies overview, form errors": "/strategier/?tema=mars&myndighet=kung",
        "region strategy, revision": "/strategier/region-stockholm/",
        "region strategy, undated phase": "/strategier/region-kronoberg/",
        "strategy entry point, closed": "/strategier/ingang/3/",
    }
)
# Regional needs (krokarm/needs): the list, its filters and live_data's need with its answer; for the staff user
# (a site admin, so an editor of every region, who also works for the invited Arbetsförmedlingen) the forms.
PAGES.update(
    {
        "needs (behov)": "/behov/",
        "needs (behov), filtered": "/behov/?region=region-ostergotland&invited=arbetsformedlingen",
        "needs (behov), form errors": "/behov/?region=atlantis&invited=kung",
        "need (behov) with an answer": f"/behov/{NEED_ID}/",
    }
)
STAFF_PAGES.update(
    {
        "need (behov), create form": "/behov/ny/?region=region-ostergotland",
        "need (behov), edit form": f"/behov/{NEED_ID}/andra/",
        "need (behov), the region's view with the answer form": f"/behov/{NEED_ID}/",
    }
)
# RUS contributions and editing (krokarm/strategies): live_data's open remiss of Region Östergötland; the staff user
# is a site admin, so the region's staff and editor, and works for Arbetsförmedlingen, so is offered the forms.
PAGES.update({"strategy entry point, open": f"/strategier/ingang/{ENTRY_POINT_ID}/"})
STAFF_PAGES.update(
    {
        "strategy entry point, with the contribution forms": f"/strategier/ingang/{ENTRY_POINT_ID}/",
        "strategy entry point, contributions": f"/strategier/ingang/{ENTRY_POINT_ID}/bidrag/",
        "strategy process, edit": "/strategier/region-ostergotland/redigera/",
        "strategy entry point, edit form": f"/strategier/region-ostergotland/redigera/ingang/{ENTRY_POINT_ID}/",
        "strategy entry point, new": "/strategier/region-ostergotland/redigera/ingang/ny/",
    }
)
# Networks (krokarm/networks): the list, a network's space (live_data adds a meeting and a post) and the joint
# space; for the staff user (a site admin, so a coordinator of every network) the posts and the forms.
PAGES.update(
    {
        "networks (natverk)": "/natverk/",
        "network space (natverk)": "/natverk/rus-natverket/",
        "network space (natverk), past events": "/natverk/rus-natverket/?visa=tidigare",
        "joint space (samverkan)": "/natverk/samverkan/myndighetsnatverket-och-rus-natverket/",
    }
)
STAFF_PAGES.update(
    {
        "network space (natverk), with posts and forms": "/natverk/rus-natverket/",
        "joint space (samverkan), with threads": "/natverk/samverkan/myndighetsnatverket-och-rus-natverket/",
        "network meeting (natverk), new": "/natverk/rus-natverket/moten/nytt/",
        "network meeting (natverk), edit": "/natverk/rus-natverket/moten/1/andra/",
        "network members (natverk)": "/natverk/myndighetsnatverket/medlemmar/",
        "joint space (samverkan), manage": "/natverk/samverkan/myndighetsnatverket-och-rus-natverket/hantera/",
    }
)
# Knowledge bank (krokarm/knowledge): seeded from data/knowledge, files in name order, so item 16 is SCB's
# "Trender och prognoser" with Region Stockholm's reuse. The staff user (a site admin who works for
# Arbetsförmedlingen) manages every item, is offered the reuse form and has an empty requests inbox.
PAGES.update(
    {
        "knowledge bank (kunskap)": "/kunskap/",
        "knowledge bank (kunskap), filtered": "/kunskap/?kind=dataset&region=region-stockholm&owner=scb",
        "knowledge bank (kunskap), empty": "/kunskap/?kind=metod&owner=scb",
        "knowledge bank (kunskap), form errors": "/kunskap/?kind=dikt&owner=atlantis",
        "knowledge item (kunskap) with a reuse": "/kunskap/16/",
    }
)
STAFF_PAGES.update(
    {
        "knowledge item (kunskap), with the reuse form": "/kunskap/16/",
        "knowledge item (kunskap), create form": "/kunskap/ny/",
        "knowledge item (kunskap), edit form": "/kunskap/16/andra/",
        "knowledge item (kunskap), remove": "/kunskap/16/ta-bort/",
        "knowledge requests (kunskap), inbox": "/kunskap/forfragningar/",
    }
)
# Challenges (krokarm/challenges): seeded from data/challenges; the staff user (a site admin, so a coordinator and
# an editor of every region) gets the steering forms and a region's approach form.
PAGES.update(
    {
        "challenges (utmaningar)": "/utmaningar/",
        "challenges (utmaningar), filtered": "/utmaningar/?theme=kompetensforsorjning&kind=generell",
        "challenges (utmaningar), empty": "/utmaningar/?status=avslutad",
        "challenges (utmaningar), form errors": "/utmaningar/?status=okand&region=atlantis",
        "challenge (utmaning), place-based": "/utmaningar/kompetensforsorjning-for-industrietableringarna-i-norr/",
        "challenge (utmaning), proposal": "/utmaningar/en-gemensam-vag-in-for-kompetensforsorjning/",
        "challenge comparison (jamfor)": "/utmaningar/kompetensforsorjning-for-industrietableringarna-i-norr/jamfor/",
        "challenge comparison (jamfor), chosen": (
            "/utmaningar/kompetensforsorjning-for-industrietableringarna-i-norr/jamfor/?regions=region-norrbotten"
        ),
        "challenge comparison (jamfor), form errors": (
            "/utmaningar/omstallning-till-ett-fossilfritt-samhalle/jamfor/?regions=atlantis"
        ),
    }
)
STAFF_PAGES.update(
    {
        "challenge (utmaning), create form": "/utmaningar/ny/",
        "challenge (utmaning), edit form": "/utmaningar/en-gemensam-vag-in-for-kompetensforsorjning/andra/",
        "challenge (utmaning), status form": "/utmaningar/en-gemensam-vag-in-for-kompetensforsorjning/status/",
        "challenge (utmaning), participants": "/utmaningar/en-gemensam-vag-in-for-kompetensforsorjning/deltagare/",
        "challenge (utmaning), approach form": (
            "/utmaningar/en-gemensam-vag-in-for-kompetensforsorjning/arbetssatt/region-ostergotland/"
        ),
        "challenge (utmaning), with the steering links": "/utmaningar/en-gemensam-vag-in-for-kompetensforsorjning/",
    }
)

# EU programmes 2021–2027 (krokarm/funding): seeded from data/funding/programmes.yaml. No programme works on
# "statistik-och-uppfoljning", so that theme gives the empty states.
PAGES.update(
    {
        "EU programmes (finansiering)": "/finansiering/",
        "EU programmes (finansiering), filtered": "/finansiering/?lan=gotlands-lan&tema=klimat-energi-och-miljo",
        "EU programmes (finansiering), empty": "/finansiering/?tema=statistik-och-uppfoljning",
        "EU programmes (finansiering), form errors": "/finansiering/?lan=atlantis&tema=rymdfart",
        "EU programme, with areas and regions": "/finansiering/esf-plus/",
        "EU programme, regional ERDF": "/finansiering/regionalfonden-ovre-norrland/",
        "EU programme, unconfirmed Interreg": "/finansiering/interreg-central-baltic/",
        "EU programme matrix (matris)": "/finansiering/matris/",
        "EU programme matrix (matris), filtered": "/finansiering/matris/?lan=norrbottens-lan&tema=kompetensforsorjning",
        "EU programme matrix (matris), empty": "/finansiering/matris/?lan=skane-lan&tema=statistik-och-uppfoljning",
        "EU programme matrix (matris), form errors": "/finansiering/matris/?lan=atlantis&tema=rymdfart",
    }
)

# Dialogue reports (krokarm/dialogues/report.py): seeded from data/dialogues; the December 2019 dialogue day has
# sessions, proposals and next steps; the 2027 network meeting has none yet (the empty report).
PAGES.update(
    {
        "dialogue report (dialograpport)": "/dialoger/dialogdag-nationell-och-regional-niva-december-2019/rapport/",
        "dialogue report (dialograpport), no sessions yet": "/dialoger/natverksmote-vad-hande-sedan-mars-2027/rapport/",
    }
)

# Dialogue pages (krokarm/dialogues): seeded from data/dialogues. On a fresh seed the December 2019 dialogue
# day is event 1 with sessions 1–4, proposals 1–4 and next steps 1–8 (none overdue yet: the overdue-only
# register is its empty state); the March 2027 network meeting is upcoming, so it shows registration.
DIALOGUE_DAY = "/dialoger/dialogdag-nationell-och-regional-niva-december-2019/"
PAGES.update(
    {
        "dialogues list (dialogsida)": "/dialoger/",
        "dialogue day, what happened next (dialogsida)": DIALOGUE_DAY,
        "dialogue, upcoming network meeting (dialogsida)": "/dialoger/natverksmote-vad-hande-sedan-mars-2027/",
        "dialogue session (dialogsida)": f"{DIALOGUE_DAY}pass/2/",
        "dialogue proposal (dialogsida)": "/dialoger/forslag/2/",
        "action register (dialogsida)": "/dialoger/atgarder/",
        "action register, filtered (dialogsida)": "/dialoger/atgarder/?agare=tillvaxtverket&status=pagar",
        "action register, overdue only (dialogsida)": "/dialoger/atgarder/?forsenade=on",
        "action register, form errors (dialogsida)": "/dialoger/atgarder/?status=kanske&agare=atlantis",
        "next step with progress (dialogsida)": "/dialoger/atgarder/3/",
    }
)
# The staff user is a site admin, so a coordinator: the forms of organisers, facilitators and owners.
STAFF_PAGES.update(
    {
        "new dialogue form (dialogsida)": "/dialoger/ny/",
        "change dialogue form (dialogsida)": f"{DIALOGUE_DAY}andra/",
        "new session form (dialogsida)": f"{DIALOGUE_DAY}pass/ny/",
        "session with quick capture (dialogsida)": f"{DIALOGUE_DAY}pass/2/",
        "proposal with next-step form (dialogsida)": "/dialoger/forslag/2/",
        "next step with status form (dialogsida)": "/dialoger/atgarder/4/",
    }
)
