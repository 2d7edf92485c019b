"""The routing engine of the way in: a question in, the responsible actors ranked out.

Plain data in and out, no Django: krokarm.wayin.catalogue builds the `Document`s and `Places`
from the database, and anything else (tests, the evaluation, a batch run) can build them from
anything. A `Router` is built once (it analyses and indexes the whole catalogue) and answers
`route()` calls in well under ten milliseconds.

How a question is ranked:

1. The text is analysed by krokarm.lib.swedish (stems, compounds, abbreviations, colloquial and
   English words through krokarm.wayin.lexicon, typos) into weighted terms. Place names count
   little as text (the place is handled apart), and an employer's name ("anställd på
   Försäkringskassan") is replaced by what it says about the asker (employed by the state).
2. Each responsibility is a document with weighted fields (BM25F): the topic's name, the typical
   questions and the actor's names weigh most, then the description, the services, the topic's
   description and the actor's mandate. Text that many actors share word for word but for their
   names (a template) weighs less. A term's contribution to a document is fixed at build time; a
   question only adds up contributions, the best one per word of the question.
3. Naming an actor adds to its responsibilities, unless the question asks for another kind of
   actor ("Vilket departement styr Migrationsverket?"). Priors multiply the text score: the role
   (leder > finansierar > bidrar > informerar, unless the asker wants information), who asks (a
   responsibility for the asker's target group counts more), the kind asked for, and the place
   (a region's own responsibility counts in its own county; the local actors of a named place
   count more).
4. Regions, länsstyrelser and municipalities have the same duties everywhere, so those are
   indexed once per kind and resolved to the actor of the place; without a place the answer
   names the kind ("Din kommun") and says that a place would make it precise.
5. The best responsibility per actor wins; the reason lists the topics and words that scored,
   taken from the very numbers that ranked it. Confidence is low when the best score is weak or
   most of the question matched nothing, medium when it is middling or a different topic is
   nearly as good.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from krokarm.lib.language import Language, question_language
from krokarm.lib.links import host
from krokarm.lib.swedish import SWEDISH_STOPWORDS, Analyzer, Fragments, Term, Vocabulary, stem, tokenize, words
from krokarm.wayin import lexicon
from krokarm.wayin.places import COUNTY_ALIASES, ActorRef, Place, Places

__all__ = ["ActorRef", "Answer", "Document", "NextStep", "Reason", "Result", "Router", "Service", "TopicMatch"]

# BM25F: field weights, length normalisation and saturation.
FIELD_WEIGHTS: Mapping[str, float] = {
    "topic": 2.5,
    "questions": 2.0,
    "description": 1.4,
    "names": 2.2,
    "service_names": 1.6,
    "services": 1.0,
    "topic_text": 1.0,
    "template_questions": 0.8,
    "template_description": 0.6,
    "kind": 0.6,
    "mandate": 0.5,
}
B = 0.5
K1 = 1.2

ROLE_PRIOR: Mapping[str, float] = {"leder": 1.0, "finansierar": 0.93, "bidrar": 0.86, "informerar": 0.8, "": 0.8}
# Someone looking for information is well served by an actor that informs.
INFORMATION_SEEKING = re.compile(r"\b(information|informationen|info|läsa mer|läsa om|read more|learn more|översikt)\b")
ASKER_GROUP: Mapping[str, str] = {
    "individ": "individer",
    "arbetsgivare": "arbetsgivare",
    "utbildningsanordnare": "utbildningsanordnare",
    "kommun": "kommuner",
    "region": "regioner",
    "myndighet": "myndigheter",
}
ASKERS = tuple(ASKER_GROUP)
# (for the asker's group, for other groups) when the asker said who they are, and when we inferred it.
ASKER_PRIOR = (1.15, 0.9)
INFERRED_ASKER_PRIOR = (1.06, 0.96)
# A responsibility of one region, länsstyrelse or municipality: in its own county, elsewhere, unknown place.
OWN_PLACE_PRIOR = (1.25, 0.3, 0.8)
SECOND_RESPONSIBILITY = 0.1  # how much an actor's second-best responsibility adds to its score
TEMPLATE_ACTORS = 3  # a text this many actors share (but for their names) is a template
# Naming a place is a sign that the matter is local: the local actors of that place count more.
# A municipality asking is rarely asking the way in for "your municipality".
LOCAL_PRIOR = {"municipality": 1.3, "region": 1.2, "county_board": 1.2}
OWN_KIND_PRIOR = {("kommun", "municipality"): 0.8, ("region", "region"): 0.85}
# Naming an actor ("…på AF", "Kan Vinnova…") adds this, times the name's term weight, to its responsibilities.
# Not for regions, länsstyrelser and municipalities: their names are place names, which the place handles.
MENTION = 3.0
# A regulated profession named with a word about its licence or a foreign qualification ("legitimation som
# psykolog", "my foreign nursing degree recognised") points to the authority that grants that licence
# (data/actors/regulated_professions.yaml), as naming the authority would, on that authority's
# foreign-qualifications responsibility.
LICENCE_TOPIC = "utlandsk-utbildning"
LICENCE_WORDS = words(
    """
    legitimation legitimationen legitimerad licens licensen behörighet behörigheten behörighetsbevis
    auktorisation auktoriserad certifiering certifikat certifierad godkännande godkänd godkänna godkänt
    erkänna erkännande erkänd registrering registrerad yrkestitel yrkestiteln utländsk utländska utlandet
    utomlands examen
    licence license licensed recognised recognized recognition registered registration authorisation
    authorization certificate certified foreign abroad approval approved qualification qualifications degree
    """
)
PROFESSION_MENTION = 2.0
OTHER_LICENCE = 0.7
# Asking for a kind of actor ("vilket departement…", "vilken länsstyrelse…") favours that kind.
KIND_INTENT: Mapping[str, str] = {
    "ministry": "departement departementet regeringen regeringskansliet minister ministern statsråd",
    "county_board": "länsstyrelse länsstyrelsen länsstyrelser",
    "network": "nätverk nätverket",
    "agency": "myndighet",
}
KIND_INTENT_PRIOR = 1.3
INTENT_PHRASES: Mapping[str, re.Pattern[str]] = {
    "region": re.compile(r"\b(regional nivå|regionala utvecklingsaktören|regional level)\b"),
    "municipality": re.compile(r"\b(kommunal nivå|kommunens vuxenutbildning|municipal level)\b"),
}
# "Jag jobbar på Skatteverket": an actor named as the asker's employer is not what the question is
# about; it says the asker is employed by the state (which decides the job-security council).
EMPLOYED = frozenset(words("jobbar jobbat jobbade arbetar arbetat arbetade anställd anställda anställt jobba arbeta"))
AT = frozenset(words("på vid hos inom i för"))
EMPLOYER_WORDS: Mapping[str, str] = {
    "agency": "statlig|avtalsområdet",
    "county_board": "statlig|avtalsområdet",
    "ministry": "statlig|avtalsområdet",
}
# "Jobbar (som undersköterska) i kommunen": a municipality or a region as the asker's employer, which
# decides the job-security council (Omställningsfonden covers both, under the KOM-KR agreement).
LOCAL_EMPLOYERS = frozenset(
    ["kommunen", "kommun", "kommunens", "stad", "regionen", "landstinget", "municipality", "region"]
)
LOCAL_EMPLOYER_WORD = "kom-kr"
EMPLOYED_EN = frozenset(["work", "works", "working", "worked", "employed"])
AT_EN = frozenset(["at", "for", "in"])
EMPLOYER_REACH = 4  # words between "jobbar" and "i kommunen"
# "Region Örebro län", "Regionen i Dalarna": the asker names the region, not only the place.
REGION_NAMED = re.compile(r"\bregion(en)? (i )?$")
# A place named in the question says where, not what: its words count less as text.
PLACE_WORD_WEIGHT = 0.3

LOCAL_KINDS = ("municipality", "region", "county_board")
PLACEHOLDERS: Mapping[str, tuple[str, str]] = {
    "municipality": ("Din kommun", "Kommunen"),
    "region": ("Din region", "Regionen"),
    "county_board": ("Din länsstyrelse", "Länsstyrelsen"),
}
# Words that name a kind of actor, so "vilket departement…" or "kommunen" find that kind.
KIND_WORDS: Mapping[str, str] = {
    "municipality": "kommun kommunen kommuner kommunal kommunens hemkommun",
    "region": "region regionen regioner regionens regional",
    "county_board": "länsstyrelse länsstyrelsen länsstyrelser länsstyrelserna",
    "ministry": "departement departementet regeringen regeringskansliet",
    "agency": "myndighet myndigheten",
    "network": "nätverk nätverket",
    "organisation": "organisation",
}

# Confidence: below LOW the best answer is a guess; below MEDIUM, or when the runner-up on another
# topic is nearly as good, it is uncertain.
LOW = 6.0
MEDIUM = 9.5
AMBIGUOUS_MARGIN = 1.1
LOW_COVERAGE = 0.2  # with a score below STRONG: most of the question is about something else
MEDIUM_COVERAGE = 0.35
STRONG = 10.0


@dataclass(frozen=True)
class Service:
    name: str
    description: str = ""
    url: str = ""  # the service's own page; empty when it has none (never its actor's home page)
    target_groups: tuple[str, ...] = ()  # whom it is for (data/target_groups.yaml); empty: not said

    def fits(self, asker: str | None) -> bool:
        """Whether the service is for this asker: any service when the asker is unknown or the service does
        not say whom it is for, otherwise only one whose target groups include the asker's."""
        group = ASKER_GROUP.get(asker or "")
        return group is None or not self.target_groups or group in self.target_groups


@dataclass(frozen=True)
class Document:
    """One responsibility of one actor, or of every actor of a local kind (`actor` None)."""

    key: str
    actor: ActorRef | None
    kind: str
    topic: str
    topic_name: str
    role: str
    description: str
    topic_description: str = ""
    target_groups: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    services: tuple[Service, ...] = ()
    mandate: str = ""
    basis: str = ""
    names: tuple[str, ...] = ()
    topic_name_en: str = ""  # shown to English speakers; never indexed, so it changes no ranking


@dataclass(frozen=True)
class NextStep:
    """Where the asker can go next. A link named after a service goes to that service's own page; without
    one the step is the actor's website (`website`), and its text names the actor, not a service."""

    label: str  # the service's name, or the actor's name when the step is its website
    url: str = ""
    website: bool = False

    @property
    def host(self) -> str:
        """The destination's site, shown next to the link text: "arbetsformedlingen.se"."""
        return host(self.url)


@dataclass(frozen=True)
class Reason:
    """Why an actor was chosen: the topics and the asker's words that scored for it. The sentence that says so
    is written by the page or the API in the reader's language (krokarm.wayin.answers.reason_text)."""

    topics: tuple[str, ...]
    words: tuple[str, ...]
    needs_place: str | None = None  # "municipality" or "county" when a place would name the actor
    topics_en: tuple[str, ...] = ()  # the same topics' English names, where they have one ("" where not)


@dataclass(frozen=True)
class Responsibility:
    topic: str
    topic_name: str
    role: str
    description: str
    topic_name_en: str = ""


@dataclass(frozen=True)
class Result:
    actor: ActorRef
    score: float
    responsibility: Responsibility
    next_step: NextStep | None
    reason: Reason


@dataclass(frozen=True)
class TopicMatch:
    slug: str
    name: str
    score: float
    name_en: str = ""


@dataclass(frozen=True)
class Answer:
    results: tuple[Result, ...]
    confidence: str  # "high", "medium" or "low"
    topics: tuple[TopicMatch, ...]  # the closest topics, best first
    place: Place | None
    asker: str | None
    asker_inferred: bool = False
    coverage: float = 0.0  # how much of the question (by informativeness) the best answer matched
    terms: tuple[Term, ...] = field(default=(), repr=False)
    language: Language = "sv"  # the question's language (krokarm.lib.language): "en" gets its answer in English

    @property
    def low_confidence(self) -> bool:
        return self.confidence == "low"


@dataclass(frozen=True)
class _Context:
    """What a question says besides its words: where, who asks, what kind of actor it asks for."""

    place: Place | None
    asker: str | None
    inferred: bool
    intents: frozenset[str]
    informing: bool
    # Authorities whose licence the question asks about, with the weight of the profession's words.
    licensing: Mapping[str, float] = field(default_factory=dict)


class Router:
    """An index over the catalogue's responsibilities. Build once, route many times."""

    def __init__(
        self, documents: Sequence[Document], places: Places, professions: Sequence[tuple[str, str]] = ()
    ) -> None:
        """`professions`: (profession, actor slug of the authority that grants its licence) pairs."""
        self.documents = tuple(documents)
        self.places = places
        texts = [text for doc in self.documents for text in _field_texts(doc).values()]
        synonyms = lexicon.synonyms()
        lexicon_words = [
            w for text in [*synonyms, *synonyms.values(), *lexicon.ENGLISH.values()] for w in tokenize(text)
        ]
        place_names = [name for county in places.counties for name in (county.base, *county.aliases)]
        place_names += [alias for aliases in COUNTY_ALIASES.values() for alias in aliases]
        place_names += [m.name for m in places.municipalities]
        known = [*lexicon.SEED_WORDS, *lexicon_words, *place_names]
        self.vocabulary = Vocabulary.build(texts, known)
        # Words only the catalogue's texts have, that no analysis splits ("Hybritverket"), are found by their pieces.
        dictionary = {stem(w) for text in known for w in tokenize(text)}
        text_words = {w for text in texts for w in tokenize(text) if stem(w) not in dictionary}
        self.analyzer = Analyzer(
            self.vocabulary,
            synonyms=synonyms,
            english=lexicon.ENGLISH,
            unsplit=place_names,
            fragments=Fragments(text_words, self.vocabulary),
        )
        self._postings: dict[str, list[tuple[int, float]]] = {}
        self._name_keys: list[frozenset[str]] = []
        self._intent_keys: dict[str, str] = {}
        self._place_keys: frozenset[str] = frozenset()
        self._service_keys: list[list[set[str]]] = []
        self._idf: dict[str, float] = {}
        self._employers: dict[tuple[str, ...], str] = {}
        self._professions: dict[frozenset[str], set[str]] = defaultdict(set)
        for profession, authority in professions:
            keys = frozenset(self.analyzer.key(w) for w in tokenize(profession) if w not in SWEDISH_STOPWORDS)
            if keys:
                self._professions[keys].add(authority)
        self._licence_keys = frozenset(self.analyzer.key(w) for w in LICENCE_WORDS)
        for doc in self.documents:
            if doc.actor is not None and doc.kind in EMPLOYER_WORDS:
                for name in doc.names:
                    self._employers[tuple(tokenize(name))] = EMPLOYER_WORDS[doc.kind]
        self._build()

    # Index ---------------------------------------------------------------------------------------

    def _build(self) -> None:
        templates = _templates(self.documents)
        fields = [
            {name: self.analyzer.index_terms(text) for name, text in _field_texts(doc, templates).items()}
            for doc in self.documents
        ]
        lengths: dict[str, list[float]] = defaultdict(list)
        for doc_fields in fields:
            for name, counts in doc_fields.items():
                if counts:
                    lengths[name].append(sum(counts.values()))
        average = {name: sum(values) / len(values) for name, values in lengths.items()}
        weighted: list[dict[str, float]] = []
        for doc_fields in fields:
            tf: dict[str, float] = defaultdict(float)
            for name, counts in doc_fields.items():
                if not counts:
                    continue
                norm = 1 - B + B * sum(counts.values()) / average[name]
                for key, count in counts.items():
                    tf[key] += FIELD_WEIGHTS[name] * count / norm
            weighted.append(tf)
        df: Counter[str] = Counter(key for tf in weighted for key in tf)
        n = len(self.documents)
        self._idf = {key: math.log(1 + (n - d + 0.5) / (d + 0.5)) for key, d in df.items()}
        for index, tf in enumerate(weighted):
            for key, value in tf.items():
                impact = self._idf[key] * value * (K1 + 1) / (value + K1)
                self._postings.setdefault(key, []).append((index, impact))
        key_of = self.analyzer.key
        self._name_keys = _distinctive_names(self.documents, key_of)
        self._intent_keys = {key_of(w): kind for kind, words in KIND_INTENT.items() for w in words.split()}
        self._place_keys = frozenset(
            key_of(w)
            for name in [*(c.base for c in self.places.counties), *(m.name for m in self.places.municipalities)]
            for w in tokenize(name)
        )
        self._service_keys = [
            [set(self.analyzer.index_terms(f"{s.name} {s.description}")) for s in doc.services]
            for doc in self.documents
        ]

    def knows(self, key: str) -> bool:
        """Whether an index key occurs anywhere in the catalogue."""
        return key in self._postings

    # Routing -------------------------------------------------------------------------------------

    def route(self, text: str, county_code: str | None = None, asker: str | None = None, limit: int = 5) -> Answer:
        """Rank the actors responsible for the matter in `text`.

        `county_code` is a county (län) code or a municipality code the asker chose; `asker` one of
        ASKERS or None. Unknown values are ignored rather than refused: the caller validates input.
        """
        folded = " ".join(tokenize(text))
        terms = self._terms(text)
        asker_used, inferred = (asker, False) if asker in ASKER_GROUP else (_infer_asker(text), True)
        place = self._place(text, county_code)
        context = _Context(
            place=place,
            asker=asker_used,
            inferred=inferred,
            intents=self._intents(terms, folded) | _named_kind(folded, place),
            informing=bool(INFORMATION_SEEKING.search(folded)),
            licensing=self._licensing(terms),
        )
        evidence = self._evidence(terms)
        scored = sorted(
            ((self._score(index, groups, context), index) for index, groups in evidence.items()),
            key=lambda item: (-item[0], self.documents[item[1]].key),
        )
        coverage = self._coverage(terms, evidence[scored[0][1]] if scored else {})
        return Answer(
            results=tuple(self._results(scored, evidence, context.place, limit, context.asker)),
            confidence=_confidence(scored, self.documents, coverage),
            coverage=round(coverage, 3),
            topics=self._topics(scored),
            place=context.place,
            asker=asker_used,
            asker_inferred=inferred and asker_used is not None,
            terms=tuple(terms),
            language=question_language(text),
        )

    def _terms(self, text: str) -> list[Term]:
        """The question's terms, with place names counting less and an employer replaced."""
        terms = [
            replace(t, weight=t.weight * PLACE_WORD_WEIGHT) if t.key in self._place_keys else t
            for t in self.analyzer.query_terms(text)
        ]
        return self._employer_terms(text, terms)

    def _licensing(self, terms: Sequence[Term]) -> dict[str, float]:
        """The authorities granting the licence of a regulated profession the question names, when it also
        speaks of a licence or a foreign qualification; each with the weight of the profession's words."""
        weight: dict[str, float] = {}
        for term in terms:
            weight[term.key] = max(weight.get(term.key, 0.0), term.weight)
        # The asker's own words must speak of the licence: "psykolog" alone brings "legitimation" as a synonym.
        if not self._professions or not any(t.key in self._licence_keys and t.how != "synonym" for t in terms):
            return {}
        found: dict[str, float] = {}
        for keys, authorities in self._professions.items():
            if keys <= weight.keys():
                value = min(weight[key] for key in keys)
                for authority in authorities:
                    found[authority] = max(found.get(authority, 0.0), value)
        return found

    def _intents(self, terms: Iterable[Term], folded: str) -> frozenset[str]:
        """The kinds of actor the question asks for ("Vilket departement…")."""
        kinds = {self._intent_keys[t.key] for t in terms if t.key in self._intent_keys}
        kinds.update(kind for kind, pattern in INTENT_PHRASES.items() if pattern.search(folded))
        if len(kinds) > 1:  # "Vilket departement styr myndigheten?": the agency is what is asked about
            kinds.discard("agency")
        return frozenset(kinds)

    def _score(self, index: int, groups: Mapping[int, tuple[float, Term]], context: _Context) -> float:
        doc = self.documents[index]
        text_score = sum(value for value, _ in groups.values())
        # Asking for another kind of actor ("Vilket departement styr Migrationsverket?") makes a
        # named actor the object of the question, not its answer.
        if not context.intents or doc.kind in context.intents:
            names = self._name_keys[index]
            text_score += MENTION * max((t.weight for _, t in groups.values() if t.key in names), default=0)
        authority = doc.actor.slug if doc.actor is not None and doc.topic == LICENCE_TOPIC else None
        if authority is not None and authority in context.licensing:
            text_score += PROFESSION_MENTION * context.licensing[authority]
        elif authority is not None and context.licensing:
            # A licence authority for other professions ("my foreign nursing degree": Transportstyrelsen's foreign
            # licences share every word but the profession) is not the door for the one the asker names.
            text_score *= OTHER_LICENCE
        return text_score * self._prior(doc, context)

    def _coverage(self, terms: Sequence[Term], matched: Mapping[int, tuple[float, Term]]) -> float:
        """The share of the question's words, weighted by how much each says (its rarest key's idf;
        a word the catalogue does not know at all says as much as the rarest), that the best
        responsibility matched. A question about something else leaves most of it unmatched."""
        rarest = max(self._idf.values(), default=1.0)
        said: dict[str, float] = {}
        for term in terms:
            value = term.weight * self._idf.get(term.key, rarest)
            said[term.source] = max(said.get(term.source, 0.0), value)
        hit = {term.source for _, term in matched.values()}
        total = sum(said.values())
        return sum(v for source, v in said.items() if source in hit) / total if total else 0.0

    def _employer_terms(self, text: str, terms: list[Term]) -> list[Term]:
        """Replace an employer's name ("anställd på Försäkringskassan") by what it says about the asker,
        and add what a local employer says ("jobbar som undersköterska i kommunen")."""
        words = tokenize(text)
        local = _local_employer(words)
        if local is not None:  # the municipality or the region is the employer, not what is asked about
            source, noun = local
            group = max((t.group for t in terms), default=0) + 1
            kept = [t for t in terms if t.key != self.analyzer.key(noun)]
            terms = [*kept, Term(self.analyzer.key(LOCAL_EMPLOYER_WORD), 1.0, source, "employer", group)]
        longest = max((len(k) for k in self._employers), default=0)
        for i in range(len(words) - 2):
            if words[i] not in EMPLOYED or words[i + 1] not in AT:
                continue
            for length in range(min(longest, len(words) - i - 2), 0, -1):
                name = tuple(words[i + 2 : i + 2 + length])
                if name in self._employers:
                    named = {self.analyzer.key(w) for w in name}
                    kept = [t for t in terms if t.key not in named]
                    group = max((t.group for t in terms), default=0) + 1
                    source = " ".join(name)
                    extra = [
                        Term(self.analyzer.key(w), 1.0, source, "employer", group)
                        for w in self._employers[name].split("|")
                    ]
                    return [*kept, *extra]
        return terms

    def _place(self, text: str, county_code: str | None) -> Place | None:
        chosen = self.places.resolve(county_code, source="form") if county_code else None
        found = self.places.find(text)
        if chosen is None:
            return found
        if (
            found
            and found.municipality_code
            and found.county_code == chosen.county_code
            and not chosen.municipality_code
        ):
            return found
        return chosen

    def _evidence(self, terms: Iterable[Term]) -> dict[int, dict[int, tuple[float, Term]]]:
        """Per document and per group of the question, the best contribution and its term."""
        evidence: dict[int, dict[int, tuple[float, Term]]] = defaultdict(dict)
        for term in terms:
            for index, impact in self._postings.get(term.key, ()):
                value = term.weight * impact
                groups = evidence[index]
                best = groups.get(term.group)
                if best is None or value > best[0]:
                    groups[term.group] = (value, term)
        return evidence

    def _prior(self, doc: Document, context: _Context) -> float:
        """What the role, the asker, the place and the kind asked for make of a text score."""
        place, asker = context.place, context.asker
        informing = context.informing and doc.role == "informerar"
        prior = 1.0 if informing else ROLE_PRIOR.get(doc.role, ROLE_PRIOR[""])
        if doc.kind in context.intents:
            prior *= KIND_INTENT_PRIOR
        group = ASKER_GROUP.get(asker or "")
        if group and doc.target_groups:
            hit, miss = INFERRED_ASKER_PRIOR if context.inferred else ASKER_PRIOR
            prior *= hit if group in doc.target_groups else miss
        if doc.actor is not None and doc.actor.region_code and doc.kind in LOCAL_KINDS:
            own, other, unknown = OWN_PLACE_PRIOR
            if place is None:
                prior *= unknown
            else:
                prior *= own if place.county_code == doc.actor.region_code else other
        named = place is not None and (doc.kind != "municipality" or place.municipality_code)
        if doc.actor is None and named and doc.kind in LOCAL_PRIOR:
            prior *= LOCAL_PRIOR[doc.kind]
        prior *= OWN_KIND_PRIOR.get((asker or "", doc.kind), 1.0)
        return prior

    def _resolve(self, doc: Document, place: Place | None) -> tuple[ActorRef, str | None]:
        """The concrete actor for a document and, if it stays a placeholder, what place it needs."""
        if doc.actor is not None:
            return doc.actor, None
        county = self.places.county(place.county_code) if place else None
        if doc.kind == "municipality":
            municipality = self.places.municipality(place.municipality_code) if place else None
            if municipality and municipality.actor:
                return municipality.actor, None
            return _placeholder(doc.kind, place), "municipality"
        actor = None
        if county is not None:
            actor = (
                county.region if doc.kind == "region" else county.county_board if doc.kind == "county_board" else None
            )
        if actor is not None:
            return actor, None
        return _placeholder(doc.kind, place), "county"

    def _results(
        self,
        scored: list[tuple[float, int]],
        evidence: Mapping[int, Mapping[int, tuple[float, Term]]],
        place: Place | None,
        limit: int,
        asker: str | None = None,
    ) -> list[Result]:
        by_actor: dict[str, list[tuple[float, int, ActorRef, str | None]]] = {}
        for score, index in scored:
            if score <= 0:
                continue
            actor, needs = self._resolve(self.documents[index], place)
            key = actor.slug or f"kind:{actor.kind}"
            by_actor.setdefault(key, []).append((score, index, actor, needs))
        ranked = sorted(
            by_actor.values(),
            key=lambda hits: (
                -(hits[0][0] + SECOND_RESPONSIBILITY * (hits[1][0] if len(hits) > 1 else 0)),
                hits[0][2].name,
            ),
        )
        results = []
        for hits in ranked[:limit]:
            score, index, actor, needs = hits[0]
            total = score + SECOND_RESPONSIBILITY * (hits[1][0] if len(hits) > 1 else 0)
            doc = self.documents[index]
            groups = evidence[index]
            topics = [doc.topic_name]
            topics_en = [doc.topic_name_en]
            for other_score, other_index, _, _ in hits[1:3]:
                other = self.documents[other_index]
                if other_score >= 0.6 * score and other.topic_name not in topics:
                    topics.append(other.topic_name)
                    topics_en.append(other.topic_name_en)
            results.append(
                Result(
                    actor=actor,
                    score=round(total, 3),
                    responsibility=Responsibility(
                        doc.topic, doc.topic_name, doc.role, doc.description, topic_name_en=doc.topic_name_en
                    ),
                    next_step=self._next_step(index, groups, actor, asker),
                    reason=Reason(
                        topics=tuple(topics), words=_words(groups), needs_place=needs, topics_en=tuple(topics_en)
                    ),
                )
            )
        return results

    def _next_step(
        self, index: int, groups: Mapping[int, tuple[float, Term]], actor: ActorRef, asker: str | None = None
    ) -> NextStep | None:
        """The service of this responsibility that is for the asker (given or inferred) and shares the most
        with the question; the actor's website when none shares anything (or there is none); the only service
        when there is no site. A service for other target groups than the asker's is never offered, and a
        service without a page of its own is named only when the actor has no website to link to instead."""
        doc = self.documents[index]
        keys = {term.key: value for value, term in groups.values()}
        overlap = [sum(v for k, v in keys.items() if k in service_keys) for service_keys in self._service_keys[index]]
        fitting = [i for i, service in enumerate(doc.services) if service.fits(asker)]
        if fitting and (max(overlap[i] for i in fitting) > 0 or not actor.website):
            group = ASKER_GROUP.get(asker or "")
            best = max(
                fitting,
                key=lambda i: (
                    overlap[i],
                    bool(doc.services[i].url),
                    group is not None and group in doc.services[i].target_groups,
                    -i,
                ),
            )
            service = doc.services[best]
            if service.url:
                return NextStep(service.name, service.url)
            if not actor.website:
                return NextStep(service.name)
        if actor.website:
            return NextStep(actor.name, actor.website, website=True)
        return None

    def _topics(self, scored: list[tuple[float, int]], count: int = 3) -> tuple[TopicMatch, ...]:
        best: dict[str, tuple[float, str, str]] = {}
        for score, index in scored:
            doc = self.documents[index]
            if doc.topic not in best:
                best[doc.topic] = (score, doc.topic_name, doc.topic_name_en)
            if len(best) >= count:
                break
        return tuple(TopicMatch(slug, name, round(score, 3), name_en) for slug, (score, name, name_en) in best.items())


def _field_texts(doc: Document, templates: frozenset[tuple[str, ...]] = frozenset()) -> dict[str, str]:
    """The texts of a document by field. Questions and descriptions that many actors share word for
    word but for their own names (see `_templates`) go to fields that weigh less: text every actor
    has cannot tell them apart."""
    own = [q for q in doc.questions if _template_key(q, doc) not in templates]
    shared = [q for q in doc.questions if _template_key(q, doc) in templates]
    description = f"{doc.description} {doc.basis}"
    common = _template_key(doc.description, doc) in templates
    return {
        "topic": doc.topic_name,
        "topic_text": doc.topic_description,
        "names": " ".join(doc.names),
        "kind": KIND_WORDS.get(doc.kind, ""),
        "questions": " ".join(own),
        "template_questions": " ".join(shared),
        "description": "" if common else description,
        "template_description": description if common else "",
        "service_names": ". ".join(s.name for s in doc.services),
        "services": " ".join(s.description for s in doc.services),
        "mandate": doc.mandate,
    }


def _distinctive_names(documents: Sequence[Document], key: Callable[[str], str]) -> list[frozenset[str]]:
    """Per document, the stems of its actor's names that no other actor's names have: "Skolverket"
    names Skolverket, but "Statens" or "Sveriges" name no one in particular."""
    stems = {
        doc.actor.slug: {key(w) for w in tokenize(" ".join(doc.names)) if w not in SWEDISH_STOPWORDS}
        for doc in documents
        if doc.actor and doc.actor.slug and doc.kind not in LOCAL_KINDS
    }
    owners = Counter(key for keys in stems.values() for key in keys)
    return [frozenset(k for k in stems.get(_slug(doc), ()) if owners[k] == 1) for doc in documents]


def _slug(doc: Document) -> str:
    return doc.actor.slug or "" if doc.actor else ""


def _template_key(text: str, doc: Document) -> tuple[str, ...]:
    names = {w for name in doc.names for w in tokenize(name)}
    return tuple(w for w in tokenize(text) if w not in names)


def _templates(documents: Sequence[Document], at_least: int = TEMPLATE_ACTORS) -> frozenset[tuple[str, ...]]:
    """Texts that at least `at_least` different actors share apart from their names."""
    actors: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for doc in documents:
        owner = doc.actor.slug if doc.actor and doc.actor.slug else f"kind:{doc.kind}"
        for text in (*doc.questions, doc.description):
            actors[_template_key(text, doc)].add(owner)
    return frozenset(key for key, owners in actors.items() if len(owners) >= at_least and key)


def _local_employer(words: Sequence[str]) -> tuple[str, str] | None:
    """(the words, the employer's noun) when the asker works for a municipality or a region:
    "jobbar som undersköterska i kommunen", "anställd på Västerås stad", "I work for the region"."""
    for i, word in enumerate(words):
        if word not in EMPLOYED and word not in EMPLOYED_EN:
            continue
        for j in range(i + 1, min(i + 1 + EMPLOYER_REACH, len(words))):
            if words[j] not in AT and words[j] not in AT_EN:
                continue
            for k in range(j + 1, min(j + 3, len(words))):
                if words[k] in LOCAL_EMPLOYERS:
                    return " ".join(words[i : k + 1]), words[k]
    return None


def _named_kind(folded: str, place: Place | None) -> frozenset[str]:
    """The region as the kind asked for, when the question names it ("Region Örebro län")."""
    if place is None or place.source != "text" or not place.text:
        return frozenset()
    first = " ".join(tokenize(place.text)[:1])
    at = folded.find(first)
    while at >= 0:
        if REGION_NAMED.search(folded[:at]):
            return frozenset(["region"])
        at = folded.find(first, at + 1)
    return frozenset()


def _placeholder(kind: str, place: Place | None) -> ActorRef:
    name, short = PLACEHOLDERS.get(kind, (kind, kind))
    return ActorRef(slug=None, name=name, short_name=short, kind=kind, region_code=place.county_code if place else None)


def _words(groups: Mapping[int, tuple[float, Term]], count: int = 6) -> tuple[str, ...]:
    words: list[str] = []
    for _, term in sorted(groups.values(), key=lambda item: -item[0]):
        if term.source not in words:
            words.append(term.source)
        if len(words) >= count:
            break
    return tuple(words)


def _confidence(scored: list[tuple[float, int]], documents: Sequence[Document], coverage: float) -> str:
    if not scored or scored[0][0] < LOW or (coverage < LOW_COVERAGE and scored[0][0] < STRONG):
        return "low"
    top, top_doc = scored[0][0], documents[scored[0][1]]
    runner_up = next((s for s, i in scored[1:] if documents[i].topic != top_doc.topic), 0.0)
    if top < MEDIUM or coverage < MEDIUM_COVERAGE or (runner_up and top / runner_up < AMBIGUOUS_MARGIN):
        return "medium"
    return "high"


_WE = re.compile(r"\b(vi|vår|vårt|våra|oss|we|our|us)\b")
_I = re.compile(r"\b(jag|mig|min|mitt|mina|my|me|im)\b")
_ASKER_CUES: Mapping[str, re.Pattern[str]] = {
    "kommun": re.compile(r"\b(vår kommun|kommunen vi|vi är en kommun|our municipality|kommuner)\b"),
    "region": re.compile(r"\b(vår region|regionen vi|vi är en region|our region)\b"),
    "myndighet": re.compile(r"\b(vår myndighet|vi är en myndighet|our agency|myndigheten vi)\b"),
    "utbildningsanordnare": re.compile(
        r"\b(folkhögskola|studieförbund|utbildningsanordnare|utbildningsföretag|lärosäte|vår skola|"
        r"vårt universitet|vår högskola|our school|our college|our university)\b"
    ),
    "arbetsgivare": re.compile(
        r"\b(företag|företaget|arbetsgivare|anställa|anställda|personal|rekrytera|company|employer|hire|staff)\w*"
    ),
}


def _infer_asker(text: str) -> str | None:
    """Who seems to be asking, from how the question speaks: "vår kommun", "vi är ett företag", "jag"."""
    folded = " ".join(tokenize(text))
    if _WE.search(folded):
        for asker, cue in _ASKER_CUES.items():
            if cue.search(folded):
                return asker
        return None
    if _I.search(folded):
        return "individ"
    return None
