"""Swedish text analysis for matching questions against our own texts.

What the way in (krokarm.wayin.routing) and site search share: normalisation, tokens,
Snowball stems (Swedish, and English for English words), compound splitting, expansion of
abbreviations and colloquial spellings, and typo tolerance. Everything runs locally: the
Snowball stemmers and rapidfuzz edit distances against a `Vocabulary` built from the texts
being searched, so a word is only "corrected" into a word that can actually match.

The functions are pure; `Vocabulary` and `Analyzer` are immutable apart from memo caches.
Index keys are Swedish stems (`stem`), so a document and a query analysed here meet on the
same keys whatever inflection, compound or spelling either of them used.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from krokarm.lib.text import fold


def words(text: str) -> tuple[str, ...]:
    """The white-space separated words of a literal: for word lists that stay readable in code."""
    return tuple(text.split())


# Words that carry no topic: the Snowball Swedish list plus the glue of questions
# ("vart vänder jag mig", "finns det någon") that every question to the way in has.
SWEDISH_STOPWORDS = frozenset(
    words(
        """
        och det att i en jag hon som han på den med var sig för så till är men ett om hade de av
        icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något
        från ut när efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller
        allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din
        dessa några deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför
        varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas ska skall
        vill ville måste bör får fick finns fanns gäller gör göra gjort gjorde också även hej hallå
        tack undrar fråga frågor bara just redan nog väl dessutom sen sedan ens någon några något
        någonting någonstans man mitt mina vårt våra oss jag vi ni kommer kom kunna kan går gå annan
        andra annat hos dit där här nu då idag där vänder vända vänd ta tar tog se ser sett eftersom
        därför alltså liksom typ asså okej ok osv etc eller antingen både samt t ex bl a dvs pga iaf
        tex mfl få innan medan ännu igen alltid aldrig mer mest mindre lite många flera fler olika
        egen eget egna själva snart nästa förra sista första varken fast dock trots mm exempel
        exempelvis visst vissa vidare enligt prata pratar pratat hitta hittar hittade hittat bor bodde bott fram
        kontakta kontaktar kontaktade noll ett två tre fyra fem sex sju åtta nio tio elva tolv
        femton tjugo hundra år året åren års månad månader dag dagar vecka veckor timme timmar gång
        gånger
        """
    )
)

ENGLISH_STOPWORDS = frozenset(
    words(
        """
        i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
        she her hers herself it its itself they them their theirs themselves what which who whom
        this that these those am is are was were be been being have has had having do does did doing
        a an the and but if or because as until while of at by for with about against between into
        through during before after above below to from up down in out on off over under again
        further then once here there when where why how all any both each few more most other some
        such no nor not only own same so than too very s t can will just don should now would could
        get got want wanted need needs needed please hi hello thanks thank anyone someone something
        anything know tell us whom whose which also any one ask asking question wonder wondering
        shall may might must let lets i'm im it's its there's dont can't cant who's whats what's go
        going
        """
    )
)

# Words that occur in questions about anything ("behöver", "hjälpa", "snabbt"): they count, but
# little, so that a catalogue text that happens to use them does not win on them alone.
LIGHT_WORDS = frozenset(
    words(
        """
        behöva behöver behövde behövs hjälpa hjälper hjälpte hjälp snabbt fort gärna bra möjligt
        möjlighet möjligheter information info fungerar fungera funkar gäller bestämma svara svar
        ställe plats börja börjar tid tiden lång länge längre ny nya nytt stor stora liten små
        mycket mer veta vet vill tänkt tänker undrar tips råd ordna komma kommit ge ger gett tar
        möjligt finnas sätt enkelt krävs kräva kräver kostar kosta required requires need needs help quickly fast
        information possible know start new big small time
        """
    )
)
LIGHT = 0.35

# Spoken and texted forms of ordinary words ("plugga" → studera). General Swedish, not our domain.
COLLOQUIAL: Mapping[str, str] = {
    "e": "är",
    "ä": "är",
    "va": "vad",
    "ja": "jag",
    "mej": "mig",
    "dej": "dig",
    "sej": "sig",
    "nån": "någon",
    "nåt": "något",
    "nåra": "några",
    "nånting": "någonting",
    "nånstans": "någonstans",
    "sån": "sådan",
    "såna": "sådana",
    "sånt": "sådant",
    "dom": "de",
    "o": "och",
    "å": "och",
    "mkt": "mycket",
    "ngn": "någon",
    "ngt": "något",
    "ev": "eventuellt",
    "plugga": "studera",
    "pluggar": "studerar",
    "pluggade": "studerade",
    "pluggat": "studerat",
    "pluggande": "studier",
    "pluggis": "studier",
    "jobba": "arbeta",
    "jobbar": "arbetar",
    "jobbade": "arbetade",
    "jobbat": "arbetat",
    "jobbande": "arbetande",
    "funka": "fungera",
    "funkar": "fungerar",
    "fixa": "ordna",
    "fixar": "ordnar",
    "kolla": "undersöka",
    "kollar": "undersöker",
    "snacka": "prata",
    "snackar": "pratar",
    "stålar": "pengar",
    "uni": "universitet",
    "dagis": "förskola",
    "gymnasie": "gymnasiet",
    "matte": "matematik",
    "leg": "legitimation",
}

# Abbreviations of Swedish public life → what they stand for, written as expansion groups
# (see `Analyzer`). A key in capitals only counts when written in capitals ("AGE" but not "age").
ABBREVIATIONS: Mapping[str, str] = {
    "af": "arbetsförmedlingen",
    "fk": "försäkringskassan",
    "skv": "skatteverket",
    "yh": "yrkeshögskola",
    "ky": "yrkeshögskola",
    "sfi": "svenska, invandrare",
    "komvux": "kommunal, vuxenutbildning",
    "vux": "vuxenutbildning",
    "yrkesvux": "yrkesutbildning, vuxna",
    "lärlingsvux": "yrkesvux, vuxenutbildning",
    "syv": "studie, yrkesvägledning",
    "csn": "studiestöd",
    "esf": "socialfonden",
    "uhr": "universitets, högskolerådet",
    "ukä": "universitetskanslersämbetet",
    "uka": "universitetskanslersämbetet",
    "myh": "yrkeshögskolan",
    "trr": "trygghetsrådet",
    "tsl": "trygghetsfonden",
    "trs": "trygghetsrådet",
    "tsn": "trygghetsstiftelsen",
    "scb": "statistiska, centralbyrån",
    "skr": "sveriges, kommuner, regioner",
    "pts": "post, telestyrelsen",
    "digg": "digital, förvaltning",
    "mucf": "ungdoms, civilsamhällesfrågor",
    "slu": "lantbruksuniversitet",
    "rus": "utvecklingsstrategi, regional",
    "RUFS": "regional, utvecklingsplan",
    "FRO": "fonden, rättvis, omställning",
    "JTF": "fonden, rättvis, omställning",
    "eruf": "regionalfonden",
    "erdf": "regionalfonden",
    "AGE": "avgångsersättning",
    "LO": "kollektivavtal, arbetarjobb",
    "PTK": "tjänstemän",
    "f-skatt": "skatteverket|skatt, företag",
    "fou": "forskning, utveckling",
    "eqf": "referensramar, kvalifikationer",
    "seqf": "referensramar, kvalifikationer",
    "eu": "eu",
    "ees": "ees",
    "put": "uppehållstillstånd",
    "tut": "uppehållstillstånd",
}

_SPACE_LIKE = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
_WORD = re.compile(r"[^\W_]+(?:\.(?:se|nu|com|org|net|eu)\b|(?:-[^\W_]+)*(?:[:'’][^\W_]+)?)")
_DOMAIN = re.compile(r"^[^\W_]+\.(?:se|nu|com|org|net|eu)$")
_DOUBLE_END = re.compile(r"([bcdfghjklmnpqrstvwxz])\1$")
_VOWELS = set("aeiouyåäöéü")
_SV = snowballstemmer.stemmer("swedish")
# Nouns ending in -ens (of Latin origin), whose -ens Snowball removes as if it were a genitive,
# so that "kompetens" and "kompetensen" would not meet; with the endings of their inflections.
_ENS_NOUNS = words(
    "kompetens konferens licens tendens konkurrens referens existens konsekvens frekvens evidens "
    "differens sekvens intelligens prevalens"
)
_ENS_ENDINGS = frozenset(["", "en", "er", "erna", "ens", "ers", "ernas", "s"])
_EN = snowballstemmer.stemmer("english")

MIN_PART = 3  # a compound part is at least this long: "län", "lön", "bygg"
MIN_TYPO = 5  # shorter words are never "corrected": too many real words are one edit apart
SHORT_WORD = 5  # up to this length, a correction must add, drop or swap a letter, not replace one


@dataclass(frozen=True)
class Token:
    """A word in a text: its normalised form, its form as written, and where it was written."""

    text: str
    surface: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.surface[:1].isupper()

    @property
    def upper(self) -> bool:
        return len(self.surface) > 1 and self.surface.isupper()


def normalize(text: str) -> str:
    """Case-fold, NFKC-normalise and unify dashes; repeated application changes nothing."""
    previous = None
    text = text or ""
    # NFKC and case folding can each undo the other's normal form (ﬁ, ß with accents), so repeat
    # until stable; it settles after one or two rounds for any real text.
    for _ in range(4):
        if text == previous:
            break
        previous = text
        text = fold(unicodedata.normalize("NFKC", text).translate(_SPACE_LIKE))
    return text


def tokens(text: str) -> list[Token]:
    """The words of `text` in order. Hyphenated words stay whole ("yh-utbildning", "malung-sälen");
    a genitive or clitic after a colon or apostrophe is dropped ("MYH:s" → "myh")."""
    return list(_tokens(text or ""))


# Routing one question reads its words several times (terms, places, intents, employers): remembered.
@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[Token, ...]:
    written = unicodedata.normalize("NFC", text)
    source = written.translate(_SPACE_LIKE)  # one character for one, so positions agree
    found = []
    for match in _WORD.finditer(source):
        surface = written[match.start() : match.end()]
        cut = re.search(r"[:'’]", surface)
        if cut:
            surface = surface[: cut.start()]
        word = _normalize_word(surface)
        if word:
            found.append(Token(word, surface, match.start(), match.start() + len(surface)))
    return tuple(found)


def forget_texts() -> None:
    """Empty the memory of whole texts (not of single words): benchmarks call it so that a question
    asked again costs what a new question costs."""
    _tokens.cache_clear()


@lru_cache(maxsize=100_000)
def _normalize_word(surface: str) -> str:
    return normalize(surface)


def tokenize(text: str) -> list[str]:
    """The normalised words of `text`."""
    return [token.text for token in tokens(text)]


def deaccent(word: str) -> str:
    """Drop diacritics, as people do on foreign keyboards: "Göteborg" → "goteborg"."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Swedish Snowball stem, with endings Snowball leaves that keep forms of a word apart.

    Definite -an of -a nouns ("skolan", "ansökan" → like "skola", "ansöka"), definite -n of -i nouns
    ("strategin" → like "strategi"), neuter definite -et after a consonant ("jobbet", "programmet"),
    -ing/-ning of nouns of action ("validering" → like "validera") and a final double consonant
    ("programm" → "program"). The result is always a prefix of `word`.
    """
    if "-" in word:
        head, _, last = word.rpartition("-")
        return f"{head}-{stem(last)}"
    if not word.isalpha():
        return word
    for noun in _ENS_NOUNS:  # Snowball takes "-ens" in "kompetens" for a genitive ending
        end = word.rfind(noun)
        if end >= 0 and word[end + len(noun) :] in _ENS_ENDINGS:
            return word[: end + len(noun)]
    result: str = _SV.stemWord(word)
    # Applied to Snowball's result whatever it removed, so that every form of a word ends alike:
    # "universitet" and "universitetet" (→ "universitet" by Snowball) both become "universit".
    if len(result) >= 6 and result.endswith("an"):
        result = result[:-2]
    elif len(result) >= 6 and result.endswith("in") and result[-3] not in _VOWELS:
        result = result[:-1]
    elif len(result) >= 5 and result.endswith("et") and result[-3] not in _VOWELS:
        result = result[:-2]
    # Nouns of action meet their verbs: "validering" → "valider" as "validera", "utbildning" → "utbild"
    # as "utbilda", "ersättning" → "ersätt" as "ersätta".
    if len(result) >= 8 and result.endswith("ering"):
        result = result[:-3]
    elif len(result) >= 8 and result.endswith("ning"):
        result = result[:-4]
    if len(result) >= 4:
        result = _DOUBLE_END.sub(r"\1", result)
    return result


@lru_cache(maxsize=20_000)
def stem_english(word: str) -> str:
    """The English Snowball (Porter 2) stem."""
    return str(_EN.stemWord(word))


def is_stopword(word: str) -> bool:
    return word in SWEDISH_STOPWORDS


def looks_english(text_words: Iterable[str]) -> bool:
    """Whether a text is more English than Swedish, judged by its function words."""
    english = swedish = 0
    for word in text_words:
        if any(c in "åäö" for c in word):
            swedish += 1
        elif word in ENGLISH_STOPWORDS and word not in SWEDISH_STOPWORDS:
            english += 1
        elif word in SWEDISH_STOPWORDS and word not in ENGLISH_STOPWORDS:
            swedish += 1
    return english > swedish


def expand_colloquial(word: str, table: Mapping[str, str] = COLLOQUIAL) -> str:
    """The standard form of a spoken or texted spelling ("plugga" → "studera")."""
    return table.get(word, word)


def expand_abbreviation(token: Token, table: Mapping[str, str] = ABBREVIATIONS) -> str | None:
    """What an abbreviation stands for, as expansion groups, or None.

    Capitalised keys (AGE, RUS, LO) only match when written in capitals: lower-case they are words.
    """
    if token.upper and token.surface in table:
        return table[token.surface]
    if token.text in table:
        return table[token.text]
    return None


def parse_groups(expansion: str) -> list[tuple[str, ...]]:
    """'arbetslös|arbetssökande, jobb' → [("arbetslös", "arbetssökande"), ("jobb",)].

    Commas separate groups: each group is one piece of evidence, and the words in a group,
    separated by "|", are alternatives for it (the best matching one counts).
    """
    groups = []
    for part in expansion.lstrip("=").split(","):
        words = tuple(w for alt in part.split("|") for w in tokenize(alt) if w not in SWEDISH_STOPWORDS)
        if words:
            groups.append(words)
    return groups


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The words a body of text uses, with what compound splitting and typo correction need.

    Build it with `Vocabulary.build`; memo caches make repeated look-ups of one word cheap.
    """

    words: frozenset[str]
    stems: frozenset[str]
    frequency: Mapping[str, int]
    heads: Mapping[str, str]  # how a word starts a compound ("skol", "svetsar", "undersköterske") → the word
    by_ascii: Mapping[str, str]  # "goteborg" → "göteborg", only where that is unambiguous
    by_length: Mapping[int, tuple[str, ...]]
    canonical: Mapping[str, str] = field(default_factory=dict)  # stems of one word's forms → one key
    _splits: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _corrections: dict[str, str | None] = field(default_factory=dict, repr=False)
    _parts: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _keys: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, texts: Iterable[str], extra_words: Iterable[str] = ()) -> Vocabulary:
        counts: Counter[str] = Counter()
        for text in [*texts, " ".join(extra_words)]:
            for word in tokenize(text):
                for part in {word, *word.split("-")}:
                    if len(part) >= 2 and part.isalpha():
                        counts[part] += 1
        words = frozenset(counts)
        heads: dict[str, str] = {}
        for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            if len(word) < MIN_PART or word in SWEDISH_STOPWORDS:
                continue
            for form in _head_forms(word):
                # A three-letter part must be a word as it stands ("län", "lön"), not a cut-down one.
                if (len(form) > MIN_PART or form == word) and (form not in heads or form == word):
                    heads[form] = word
        ascii_forms: dict[str, set[str]] = {}
        for word in words:
            ascii_forms.setdefault(deaccent(word), set()).add(word)
        by_ascii = {a: next(iter(ws)) for a, ws in ascii_forms.items() if len(ws) == 1 and a not in words}
        by_length: dict[int, list[str]] = {}
        for word in sorted(words):
            if len(word) >= MIN_TYPO - 1 and word not in SWEDISH_STOPWORDS:
                by_length.setdefault(len(word), []).append(word)
        return cls(
            words=words,
            stems=frozenset(stem(w) for w in words),
            frequency=dict(counts),
            heads=heads,
            by_ascii=by_ascii,
            by_length={n: tuple(ws) for n, ws in by_length.items()},
            canonical=_canonical_stems(words),
        )

    def known(self, word: str) -> bool:
        """Whether `word`, or another form of it, occurs in the vocabulary."""
        return word in self.words or stem(word) in self.stems

    def key(self, word: str) -> str:
        """The index key of `word`: its stem, made the same for every form of the word.

        Snowball stems some base forms apart from their inflections ("kurs" → "kur" but "kursen" →
        "kurs", "prognos" → "progno" but "prognoser" → "prognos"). Forms that both occur in the
        vocabulary share one key (`canonical`); a word the vocabulary lacks takes the key of the
        first of its likely other forms that it has.
        """
        if word in self._keys:
            return self._keys[word]
        own = stem(word)
        result = self.canonical.get(own, own)
        if own not in self.stems and word.isalpha():
            for other in _other_forms(word):
                candidate = stem(other)
                if candidate in self.stems:
                    result = self.canonical.get(candidate, candidate)
                    break
        if len(self._keys) < 100_000:
            self._keys[word] = result
        return result

    def split(self, word: str) -> tuple[str, ...]:
        return split_compound(word, self)

    def parts(self, word: str) -> tuple[str, ...]:
        if word not in self._parts:
            self._parts[word] = compound_parts(word, self)
        return self._parts[word]

    def correct(self, word: str) -> str | None:
        return correct_typo(word, self)


# Endings that make one inflected form of a Swedish noun or verb from another.
_INFLECTIONS = ("en", "er", "ar", "or", "et", "n", "na", "erna", "arna", "orna", "ens", "ets", "s")


def _other_forms(word: str) -> list[str]:
    """Likely other forms of a word: with an inflection added, or one taken off."""
    added = [word + ending for ending in _INFLECTIONS[:5]]
    removed = [word[: -len(e)] for e in _INFLECTIONS if word.endswith(e) and len(word) - len(e) >= MIN_PART]
    return added + removed


def _canonical_stems(words: frozenset[str]) -> dict[str, str]:
    """Join the stems of words that are forms of one another ("kurs", "kursen") under one key, the
    longest of them, so that a text and a question meet whichever form each used."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for word in words:
        if not word.isalpha():
            continue
        for ending in _INFLECTIONS[:5]:
            other = word + ending
            if other in words and stem(other) != stem(word):
                a, b = root(stem(word)), root(stem(other))
                if a != b:
                    keep, drop = (a, b) if (len(a), a) >= (len(b), b) else (b, a)
                    parent[drop] = keep
    return {key: root(key) for key in parent}


def _head_forms(word: str) -> set[str]:
    """How `word` can begin a compound: whole, without its final vowel, or with -a as -u/-o/-e
    ("skola" → skol-, "gata" → gatu-, "kvinna" → kvinno-, "undersköterska" → undersköterske-)."""
    forms = {word}
    if len(word) > MIN_PART and word[-1] in "ae":
        forms.add(word[:-1])
    if len(word) > MIN_PART and word.endswith("a"):
        forms.update({word[:-1] + "u", word[:-1] + "o", word[:-1] + "e"})
    return forms


def _is_tail(part: str, vocabulary: Vocabulary) -> bool:
    if len(part) < MIN_PART or part in SWEDISH_STOPWORDS:
        return False
    return part in vocabulary.words if len(part) == MIN_PART else vocabulary.known(part)


def _segment(word: str, vocabulary: Vocabulary, memo: dict[str, list[str] | None]) -> list[str] | None:
    """The split of `word` into known parts with the fewest parts, each part optionally followed by
    the linking -s- ("omställning-s-studie-stöd"); None when there is none."""
    if word in memo:
        return memo[word]
    memo[word] = None  # guards against cycles while this word is being split
    best: list[str] | None = None
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        head = vocabulary.heads.get(word[:i])
        if head is None:
            continue
        rest = word[i:]
        options = [rest]
        if rest.startswith("s") and not word[:i].endswith("s") and len(rest) > MIN_PART:
            options.append(rest[1:])
        for tail in options:
            if _is_tail(tail, vocabulary):
                candidate: list[str] | None = [head, tail]
            else:
                sub = _segment(tail, vocabulary, memo)
                candidate = [head, *sub] if sub else None
            if candidate and (best is None or _better_split(candidate, best)):
                best = candidate
    memo[word] = best
    return best


def _better_split(candidate: list[str], best: list[str]) -> bool:
    if len(candidate) != len(best):
        return len(candidate) < len(best)
    return min(map(len, candidate)) > min(map(len, best))


def split_compound(word: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The parts of a Swedish compound down to words that are not compounds themselves, or () if
    `word` is not a compound of known words.

    "svetsarutbildning" → ("svetsare", "utbildning"); "omställningsstudiestöd" → ("omställning",
    "studie", "stöd"). Parts are the vocabulary's words (a compound-initial "svetsar" becomes
    "svetsare"); the last part keeps the inflection it had ("…utbildningen").
    """
    if word in vocabulary._splits:
        return vocabulary._splits[word]
    result: tuple[str, ...] = ()
    if len(word) >= 2 * MIN_PART and word.isalpha():
        parts = _segment(word, vocabulary, {})
        if parts:
            atoms: list[str] = []
            for part in parts:
                inner = split_compound(part, vocabulary) if part != word else ()
                atoms.extend(inner or (part,))
            result = tuple(atoms)
    vocabulary._splits[word] = result
    return result


def compound_parts(word: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """What to index a compound under besides itself: its parts at every level.

    "omställningsstudiestöd" → ("omställning", "studiestöd", "studie", "stöd"): a question about
    "studiestöd" then meets a text about "omställningsstudiestödet" on the whole word "studiestöd".
    """
    atoms = split_compound(word, vocabulary)
    if not atoms:
        return ()
    top = _segment(word, vocabulary, {}) or []
    return tuple(dict.fromkeys([*(p for p in top if split_compound(p, vocabulary)), *atoms]))


def _plausible_typo(word: str, candidate: str, distance: int) -> bool:
    if distance >= 2:
        return candidate[0] == word[0]
    substituted = len(candidate) == len(word) and Levenshtein.distance(word, candidate) == 1
    return not (substituted and len(word) <= SHORT_WORD)


def max_typo_distance(word: str) -> int:
    """How many edits a word of this length may be from the word it was meant to be."""
    if len(word) < MIN_TYPO:
        return 0
    return 1 if len(word) <= 7 else 2


def correct_typo(word: str, vocabulary: Vocabulary) -> str | None:
    """The vocabulary word `word` was most likely meant to be, or None.

    Only for unknown words of at least five letters, within one edit (two from eight letters, if
    the first letter agrees; a swap of neighbours is one edit; in five-letter words, replacing a letter
    does not count, since "väder" is a word and not a typo of "växer"). Ties go to a word with the same
    first letter, then to the more frequent word. Missing diacritics ("arbetsformedlingen") are
    always forgiven.
    """
    if word in vocabulary._corrections:
        return vocabulary._corrections[word]
    result: str | None = None
    if len(word) >= MIN_TYPO and word.isalpha() and not vocabulary.known(word):
        result = vocabulary.by_ascii.get(deaccent(word))
        limit = max_typo_distance(word)
        if result is None and limit:
            choices = [
                w for n in range(len(word) - limit, len(word) + limit + 1) for w in vocabulary.by_length.get(n, ())
            ]
            found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=None)
            # Two edits away is only believable when the first letter, which people rarely miss, agrees;
            # and a short word with one letter swapped for another is as likely another word ("väder").
            found = [hit for hit in found if _plausible_typo(word, hit[0], int(hit[1]))]
            if found:
                ranked = sorted(
                    found, key=lambda hit: (hit[1], hit[0][0] != word[0], -vocabulary.frequency.get(hit[0], 0), hit[0])
                )
                result = ranked[0][0]
    if len(vocabulary._corrections) < 50_000:
        vocabulary._corrections[word] = result
    return result


MIN_FRAGMENT = 4  # a query word shorter than this is never looked for inside other words
MAX_FRAGMENT_WORDS = 30  # words one query word may find this way: a short piece found everywhere says little
_SCAN_LIMIT = 400


class Fragments:
    """Words no analysis can take apart, findable by their pieces.

    An editor writes "vätgasprojekten" or "Hybritverket": words of no vocabulary, so they are indexed whole
    and a search for "vätgas" or "hybrit" would not meet them. `containing(word)` gives the words of
    `words` that `word` begins ("vätgas" → "vätgasprojekten"), or that hold `word` as a later compound
    part: ending with it, with an inflection, or with a known word after it ("verket" → "hybritverket",
    "projekt" → "vätgasprojekten"). Only words the vocabulary cannot split are kept: a compound of known
    words is already indexed under its parts.
    """

    def __init__(self, words: Iterable[str], vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._words: frozenset[str] = frozenset()
        self._text = "\n"
        self._found: dict[str, tuple[str, ...]] = {}
        self.add(words)

    def __len__(self) -> int:
        return len(self._words)

    def add(self, words: Iterable[str]) -> None:
        """Keep some more words (a document was saved). Searches running meanwhile see the old or the new set."""
        vocabulary = self.vocabulary
        new = {
            w
            for w in words
            if w not in self._words
            and len(w) >= MIN_FRAGMENT + MIN_PART
            and w.isalpha()
            and not split_compound(w, vocabulary)
        }
        if not new:
            return
        self._words = self._words | new
        self._text = "\n" + "\n".join(sorted(self._words)) + "\n"
        self._found = {}

    def containing(self, word: str) -> tuple[str, ...]:
        """The kept words that `word` begins or is a later compound part of (never `word` itself)."""
        if len(word) < MIN_FRAGMENT or not word.isalpha() or word in SWEDISH_STOPWORDS:
            return ()
        cache, text = self._found, self._text
        if word in cache:
            return cache[word]
        found: list[str] = []
        position = text.find(word)
        scanned = 0
        while position >= 0 and len(found) < MAX_FRAGMENT_WORDS and scanned < _SCAN_LIMIT:
            scanned += 1
            start = text.rfind("\n", 0, position) + 1
            end = text.find("\n", position)
            whole = text[start:end]
            if whole != word and self._is_piece(whole, position - start, word):
                found.append(whole)
            position = text.find(word, position + 1)
        result = tuple(dict.fromkeys(found))
        if len(cache) < 50_000:
            cache[word] = result
        return result

    def _is_piece(self, whole: str, at: int, word: str) -> bool:
        if at == 0:
            return True  # "vätgas" begins "vätgasprojekten"
        if at < MIN_PART:
            return False
        rest = whole[at + len(word) :]
        if rest in _INFLECTIONS or not rest:
            return True
        if rest.startswith("s") and len(rest) > MIN_PART:
            rest = rest[1:]
        return self.vocabulary.known(rest) or bool(split_compound(rest, self.vocabulary))


@dataclass(frozen=True)
class Term:
    """One piece of evidence a query brings: an index key and how much it counts.

    Terms with the same `group` are alternatives for one word of the question (the best matching
    one counts); `source` is the word as the asker wrote it and `how` says how the key was found.
    """

    key: str
    weight: float
    source: str
    how: str
    group: int


# How much a term counts, by how it was derived from the asker's words.
WEIGHTS: Mapping[str, float] = {
    "word": 1.0,
    "colloquial": 1.0,
    "english": 1.0,
    "abbreviation": 0.9,
    "spelling": 0.9,
    "typo": 0.8,
    "compound": 0.8,
    "compound-part": 0.45,
    "fragment": 0.8,
    "fragment-part": 0.45,
    "synonym": 0.7,
}
PHRASE_LENGTH = 4


class Analyzer:
    """Turns documents into index keys and questions into weighted `Term`s over the same keys.

    `synonyms` maps Swedish words or phrases and `english` English words or phrases to expansion
    groups (see `parse_groups`); both are matched on stems, so any inflection of a key matches.
    A Swedish phrase adds its expansion to its own words, unless the expansion starts with "=":
    then it replaces them.
    """

    def __init__(
        self,
        vocabulary: Vocabulary,
        *,
        synonyms: Mapping[str, str] | None = None,
        english: Mapping[str, str] | None = None,
        abbreviations: Mapping[str, str] = ABBREVIATIONS,
        colloquial: Mapping[str, str] = COLLOQUIAL,
        unsplit: Iterable[str] = (),
        fragments: Fragments | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        # Words of the texts no analysis takes apart, found by their pieces (see `Fragments`).
        self.fragments = fragments
        # Names are not compounds: "Borlänge" is not "bor" + "länge".
        self.unsplit = frozenset(w for name in unsplit for w in tokenize(name))
        self._single = {stem(key): key for key in (synonyms or {}) if len(tokenize(key)) == 1}
        self.abbreviations = abbreviations
        self.colloquial = colloquial
        self.synonyms = _phrase_table(synonyms or {}, stem)
        self.english = _phrase_table(english or {}, stem_english)
        self.light = frozenset(vocabulary.key(w) for w in LIGHT_WORDS)

    # Documents ---------------------------------------------------------------------------------

    def index_terms(self, text: str) -> dict[str, float]:
        """Index keys of a document text with their weighted counts: stems of the words, and at
        half weight the stems of compound parts, so "studiestöd" also finds "omställningsstudiestöd"."""
        counts: dict[str, float] = defaultdict(float)
        for word in tokenize(text):
            if _DOMAIN.match(word):  # "studera.nu", "verksamt.se": the name, and its first word
                counts[word] += 1.0
                word = word.split(".")[0]
            parts = word.split("-")
            if len(parts) > 1:
                counts[self.key(word)] += 1.0
            for part in parts:
                if part in SWEDISH_STOPWORDS or not part.isalpha():
                    continue
                counts[self.key(part)] += 1.0
                for atom in self._parts(part):
                    counts[self.key(atom)] += 0.5
        return dict(counts)

    # Questions ---------------------------------------------------------------------------------

    def query_terms(self, text: str) -> list[Term]:
        """The weighted terms of a question, in the order of its words."""
        words = tokens(text)
        english = looks_english(t.text for t in words)
        terms: list[Term] = []
        groups = _GroupCounter()
        i = 0
        while i < len(words):
            length, expansion = self._phrase(self.english, words, i, stem_english, allow_single=english)
            if length:
                source = " ".join(t.surface for t in words[i : i + length])
                terms.extend(self._expand(expansion, source, "english", WEIGHTS["english"], groups))
                i += length
                continue
            length, expansion = self._phrase(self.synonyms, words, i, stem, allow_single=False)
            if length:
                source = " ".join(t.surface for t in words[i : i + length])
                replaces = expansion.startswith("=")
                terms.extend(self._expand(expansion.lstrip("="), source, "synonym", WEIGHTS["synonym"], groups))
                if replaces:  # "=…": the phrase means only this ("vem driver" is not about running a firm)
                    i += length
                    continue
            terms.extend(self._word_terms(words[i], english, groups))
            i += 1
        terms = [replace(t, weight=t.weight * LIGHT) if t.key in self.light else t for t in terms]
        return _dedupe(terms)

    def _phrase(
        self,
        table: Mapping[tuple[str, ...], str],
        words: list[Token],
        start: int,
        stemmer: Callable[[str], str],
        *,
        allow_single: bool,
    ) -> tuple[int, str]:
        """The longest phrase of `table` starting at `start`: (number of words, expansion).

        A single word is only looked up when `allow_single` or when it is not a Swedish word."""
        for length in range(min(PHRASE_LENGTH, len(words) - start), 0, -1):
            window = words[start : start + length]
            if length == 1 and not allow_single and (stemmer is stem or self.vocabulary.known(window[0].text)):
                continue
            key = tuple(stemmer(t.text) for t in window)
            if key in table:
                return length, table[key]
        return 0, ""

    def _expand(self, expansion: str, source: str, how: str, weight: float, groups: _GroupCounter) -> list[Term]:
        """Terms for an expansion: each comma-separated piece its own group (see `parse_groups`)."""
        terms: list[Term] = []
        for alternatives in parse_groups(expansion):
            group = groups.next()
            for word in alternatives:
                terms.append(Term(self.key(word), weight, source, how, group))
                if how == "english":  # "midwife" → "barnmorska", and on as a Swedish word would go
                    terms += self._synonyms(word, source, group, weight)
        return terms

    def _synonyms(self, word: str, source: str, group: int, weight: float) -> list[Term]:
        """Alternatives for one word from the synonym table, in that word's group: one word stays one
        piece of evidence, so all the words of its expansion are alternatives. An expansion starting
        with "=" stands for the word at the word's own weight."""
        expansion = self.synonyms.get((stem(word),))
        key = self._single.get(stem(word), word)
        # Stems can join words the table means apart ("arbetare" and "arbeta" both give "arb"): an
        # inflected form of a key adds endings to it, so a shorter word is another word.
        if not expansion or len(word) < len(key):
            return []
        pieces = parse_groups(expansion)
        alternatives = [alt for piece in pieces for alt in piece]
        if expansion.startswith("="):
            return [Term(self.key(alt), weight, source, "synonym", group) for alt in alternatives]
        return [Term(self.key(alt), weight * WEIGHTS["synonym"], source, "synonym", group) for alt in alternatives]

    def key(self, word: str) -> str:
        """The index key of a word (see `Vocabulary.key`)."""
        return self.vocabulary.key(word)

    def _parts(self, word: str) -> tuple[str, ...]:
        return () if word in self.unsplit else self.vocabulary.parts(word)

    def replaced(self, word: str) -> bool:
        """Whether the synonym table replaces `word` (its expansion starts with "=")."""
        return bool(self._synonyms(word, "", 0, 1.0)) and self.synonyms[(stem(word),)].startswith("=")

    def _word_terms(self, token: Token, english: bool, groups: _GroupCounter) -> list[Term]:
        word = token.text
        how = "word"
        if word in self.colloquial:
            word, how = self.colloquial[word], "colloquial"
        expansion = expand_abbreviation(token, self.abbreviations)
        if expansion is not None:
            # The abbreviation and the first piece of what it stands for are one piece of evidence;
            # each further piece is one more ("sfi" → svenska, invandrare).
            group = groups.next()
            terms = [Term(self.key(word), WEIGHTS["word"], token.surface, "word", group)]
            for position, alternatives in enumerate(parse_groups(expansion)):
                piece = group if position == 0 else groups.next()
                for alt in alternatives:
                    terms.append(Term(self.key(alt), WEIGHTS["abbreviation"], token.surface, "abbreviation", piece))
            return terms
        if not word or word in SWEDISH_STOPWORDS or (english and word in ENGLISH_STOPWORDS):
            return []
        if "-" in word:
            return [t for part in word.split("-") for t in self._word_terms(_part(token, part), english, groups)]
        if _DOMAIN.match(word):
            group = groups.next()
            first = word.split(".")[0]
            return [
                Term(word, WEIGHTS["word"], token.surface, "word", group),
                *self._word_terms(_part(token, first), english, groups),
            ]
        if not word.isalpha():
            return []
        return self._content_word(word, token.surface, how, groups, fuzzy=not english)

    def _content_word(self, word: str, source: str, how: str, groups: _GroupCounter, *, fuzzy: bool) -> list[Term]:
        """Terms for one word of the question: the word (respelt or corrected if unknown), its
        synonyms as alternatives, and its compound parts as further evidence."""
        vocabulary = self.vocabulary
        pieces = self.fragments.containing(word) if self.fragments is not None else ()
        if not vocabulary.known(word):
            respelled = vocabulary.by_ascii.get(deaccent(word))
            # A piece of a word in the texts is what the asker meant, not a typo of another word.
            unsure = respelled or pieces or vocabulary.split(word) or not fuzzy
            corrected = None if unsure else vocabulary.correct(word)
            if respelled:
                word, how = respelled, "spelling"
            elif corrected:
                word, how = corrected, "typo"
        known = vocabulary.known(word)
        atoms = self._parts(word) or (() if known or word in self.unsplit else _prefix_parts(word, vocabulary))
        part_weight = WEIGHTS["compound-part"] if known else WEIGHTS["compound"]
        if how == "typo":
            part_weight = min(part_weight, WEIGHTS["typo"] * WEIGHTS["compound-part"])
        group = groups.next()
        terms = [] if self.replaced(word) else [Term(self.key(word), WEIGHTS[how], source, how, group)]
        terms += self._synonyms(word, source, group, WEIGHTS[how])
        # Alternatives in the word's own group: the longer word counts for it, as its parts would if it split.
        piece_weight = WEIGHTS["fragment-part"] if known else WEIGHTS["fragment"]
        terms += [Term(self.key(whole), piece_weight, source, "fragment", group) for whole in pieces]
        for position, atom in enumerate(atoms):
            atom_group = groups.next()
            terms.append(Term(self.key(atom), part_weight, source, "compound", atom_group))
            if position == len(atoms) - 1:  # the last part says what a compound is: bostads|minister
                terms += self._synonyms(atom, source, atom_group, part_weight)
        return terms


def _prefix_parts(word: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """For an unknown word that begins with a long known word ("jämställdhetsintegrera"), that
    word and, if known, the rest: the first part of a Swedish compound says what it is about."""
    for i in range(len(word) - MIN_PART, 4, -1):
        head = vocabulary.heads.get(word[:i])
        if head is None or len(head) < 5:
            continue
        rest = word[i:]
        if rest.startswith("s") and not word[:i].endswith("s"):
            rest = rest[1:]
        tail = split_compound(rest, vocabulary) or ((rest,) if _is_tail(rest, vocabulary) else ())
        return (head, *tail)
    return ()


class _GroupCounter:
    def __init__(self) -> None:
        self.value = -1

    def next(self) -> int:
        self.value += 1
        return self.value


def _part(token: Token, part: str) -> Token:
    offset = token.text.find(part)
    surface = token.surface[offset : offset + len(part)] if offset >= 0 else part
    return Token(part, surface, token.start + max(offset, 0), token.start + max(offset, 0) + len(part))


def _phrase_table(table: Mapping[str, str], stemmer: Callable[[str], str]) -> dict[tuple[str, ...], str]:
    return {tuple(stemmer(w) for w in tokenize(phrase)): expansion for phrase, expansion in table.items()}


_EXPANDED = frozenset(["synonym", "abbreviation"])


def _dedupe(terms: list[Term]) -> list[Term]:
    """Keep one term per key, the one with the highest weight, so that a word repeated or brought
    twice (as itself and as an expansion) counts once. Of equals, a word the asker wrote wins over
    an expansion of another word: "psykolog … legitimationen" is two pieces of evidence, not one."""
    best: dict[str, int] = {}
    for index, term in enumerate(terms):
        kept = terms[best[term.key]] if term.key in best else None
        if (
            kept is None
            or kept.weight < term.weight
            or (kept.weight == term.weight and kept.how in _EXPANDED and term.how not in _EXPANDED)
        ):
            best[term.key] = index
    return [term for index, term in enumerate(terms) if best[term.key] == index]
