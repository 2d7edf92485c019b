"""Recognising Swedish places in a question: the 21 counties (län) and 290 municipalities.

Plain data in (`County`, `Municipality`, from the database via krokarm.wayin.catalogue or from
data/counties.csv and data/municipalities.csv via `Places.from_csv`), a `Place` out. Names are
recognised in the forms people write them: "i Skellefteå", "Skellefteås", "Skellefteå kommun",
"Norrbottens län", "Norrbotten", "Region Norrbotten", "Västra Götaland", "VG",
"Göteborgs stad", "Stockholmsregionen", without diacritics ("Goteborg") and by some
well-known localities ("Visby", "Bålsta").

Municipality names that are also ordinary words ("Mark", "Vara", "Ale", "Berg", "Boden")
only count where they cannot be the word: capitalised inside a sentence, after a preposition
of place ("i", "från"…) or before "kommun"/"stad".
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from krokarm.lib.swedish import Token, deaccent, normalize, tokens, words


@dataclass(frozen=True)
class ActorRef:
    """An actor as a routing answer shows it. `slug` is None for a kind-level placeholder
    ("Din kommun") when the place is not known precisely enough."""

    slug: str | None
    name: str
    short_name: str
    kind: str
    region_code: str | None = None  # the county (län) code, for actors that belong to one
    website: str = ""
    summary_en: str = ""  # a few sentences in English from the actor's own English page, when it has one
    english_url: str = ""  # that page


@dataclass(frozen=True)
class County:
    code: str
    name: str  # "Norrbottens län"
    region: ActorRef | None = None
    county_board: ActorRef | None = None
    aliases: tuple[str, ...] = ()

    @property
    def base(self) -> str:
        """The name without "län" and genitive: "Norrbottens län" → "Norrbotten"."""
        name = self.name.removesuffix(" län")
        return name.removesuffix("s")


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str  # "Skellefteå"
    county_code: str
    actor: ActorRef | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    """Where a question is about: a county, and a municipality in it when one is known."""

    county_code: str
    county_name: str
    municipality_code: str | None = None
    municipality_name: str | None = None
    text: str = ""  # the words that named it, as written
    source: str = "text"  # "text" (found in the question) or "form" (chosen by the asker)

    @property
    def name(self) -> str:
        return self.municipality_name or self.county_name


# Names that are also ordinary words (or first names) in Swedish or English.
AMBIGUOUS = frozenset(
    words(
        """
        mark ale vara berg boden kil lund sala nora salem säter trosa grums klippan sandviken köping
        älvdalen kinda dorotea vilhelmina falkenberg bro ed vindeln älvsbyn ånge åre eda orsa mora
        hjo tanum bjuv habo heby malå sunne flen hylte laxå skara gnesta arboga torsby nybro osby
        höör tibro kista
        """
    )
)
# Ambiguous names so common as words that a preposition before them is not enough.
VERY_COMMON = frozenset(["mark", "vara", "berg", "bro", "ed", "boden", "klippan", "sandviken", "köping"])
PREPOSITIONS = frozenset(
    words(
        """
        i från till på vid kring runt utanför nära norr söder öster väster inom mot in from near at
        around
        """
    )
)
AFTER_NAME = frozenset(["kommun", "kommuns", "kommunen", "stad", "stads", "municipality", "city"])
COUNTY_WORDS = frozenset(["län", "läns", "länet", "lan", "county", "region", "regionen"])
COUNTY_BEFORE = frozenset(["region", "regionen", "länsstyrelsen", "länsstyrelse"])
# A place name glued to one of these is still the place: "Stockholmsregionen", "Umeåområdet".
MIN_REST = 4  # what follows a place name in a compound is a word of its own
SUFFIXES = ("regionen", "region", "området", "trakten", "länet", "län", "kommun", "kommunen", "stad")

# Other names for counties: landskap that lie in one county, abbreviations, English names.
COUNTY_ALIASES: dict[str, tuple[str, ...]] = {
    "01": ("stockholm county", "storstockholm", "stockholmsregionen"),
    "04": ("sörmland",),
    "08": ("öland",),
    "12": ("scania",),
    "14": (
        "vg",
        "vgr",
        "västra götalandsregionen",
        "bohuslän",
        "dalsland",
        "västergötland",
        "west sweden",
        # The county's four parts, in which its municipalities work together.
        "skaraborg",
        "sjuhärad",
        "fyrbodal",
    ),
    "18": ("närke",),
    "20": ("dalecarlia", "dala"),
    "21": ("hälsingland", "gästrikland"),
    "22": ("medelpad", "ångermanland", "höga kusten"),
    "23": ("jämtland härjedalen", "jämtland-härjedalen"),
}

# Localities that are not municipality names, and the short forms people write for the larger
# towns ("sthlm", "gbg", "jkpg"), by municipality code.
LOCALITIES: dict[str, tuple[str, ...]] = {
    "0180": ("sthlm", "kista", "rinkeby", "skärholmen", "farsta", "vällingby", "bromma", "södermalm", "kungsholmen"),
    "1480": ("gbg", "götet", "gothenburg", "angered", "hisingen", "frölunda", "västra frölunda"),
    "0680": ("jkpg",),
    "0580": ("lkpg",),
    "0581": ("nkpg",),
    "1283": ("hbg",),
    "0980": ("visby",),
    "0305": ("bålsta",),
    "0117": ("åkersberga",),
    "0191": ("märsta",),
    "0127": ("tumba",),
    "0123": ("jakobsberg",),
    "0120": ("gustavsberg",),
    "0139": ("kungsängen",),
    "1401": ("mölnlycke",),
    "1481": ("kållered",),
    "2523": ("malmberget",),
    "2023": ("malung", "sälen"),
    "2321": ("järpen", "duved", "storlien"),
    "2361": ("sveg", "funäsdalen"),
    "1280": ("rosengård", "limhamn"),
    "1233": ("höllviken", "skanör", "falsterbo"),
    "1281": ("dalby",),
    "0182": ("saltsjöbaden", "fisksätra"),
    "0138": ("brandbergen",),
    "2584": ("abisko", "jukkasjärvi"),
    "2482": ("skelleftehamn",),
    "2281": ("njurunda",),
}


@dataclass(frozen=True)
class _Target:
    kind: str  # "municipality" or "county"
    code: str
    ambiguous: bool = False


@dataclass(frozen=True)
class _Match:
    start: int  # token index
    end: int
    target: _Target
    surface: str


@dataclass
class Places:
    """The counties and municipalities, indexed for recognising them in text."""

    counties: Sequence[County]
    municipalities: Sequence[Municipality]
    _county: dict[str, County] = field(default_factory=dict, repr=False)
    _municipality: dict[str, Municipality] = field(default_factory=dict, repr=False)
    _keys: dict[tuple[str, ...], list[_Target]] = field(default_factory=dict, repr=False)
    _longest: int = 1

    def __post_init__(self) -> None:
        self._county = {c.code: c for c in self.counties}
        self._municipality = {m.code: m for m in self.municipalities}
        names: dict[tuple[str, ...], list[_Target]] = {}
        for county in self.counties:
            target = _Target("county", county.code)
            for name in (county.name, county.base, *county.aliases, *COUNTY_ALIASES.get(county.code, ())):
                _add_name(names, name, target)
        for municipality in self.municipalities:
            for name in (municipality.name, *municipality.aliases, *LOCALITIES.get(municipality.code, ())):
                lowered = normalize(name)
                ambiguous = lowered in AMBIGUOUS or any(part in AMBIGUOUS for part in lowered.split("-"))
                _add_name(names, name, _Target("municipality", municipality.code, ambiguous))
            if "-" in municipality.name:  # "Upplands-Bro" is also written "Upplands Bro"
                _add_name(names, municipality.name.replace("-", " "), _Target("municipality", municipality.code))
        # Forms without diacritics, where they point at one place only ("Habo" is not "Håbo").
        for key, targets in list(names.items()):
            ascii_key = tuple(deaccent(word) for word in key)
            if ascii_key != key and ascii_key not in names:
                names.setdefault(ascii_key, []).extend(targets)
        self._keys = {}
        for key, targets in names.items():
            chosen = self._unique(targets)
            if chosen:
                self._keys[key] = [chosen]
        self._longest = max((len(key) for key in self._keys), default=1)

    def _unique(self, targets: Iterable[_Target]) -> _Target | None:
        """The one place a name names. A municipality named like its county ("Uppsala", "Gotland")
        is the municipality (see `_county_reading` for "Uppsala län"); other clashes name nothing."""
        distinct = list(dict.fromkeys(targets))
        places = {(t.kind, t.code) for t in distinct}
        if len(places) == 1:
            return distinct[0]
        municipalities = [t for t in distinct if t.kind == "municipality"]
        counties = {t.code for t in distinct if t.kind == "county"}
        one_each = len({t.code for t in municipalities}) == 1 and len(counties) == 1
        if one_each and self._municipality[municipalities[0].code].county_code in counties:
            return municipalities[0]
        return None

    @classmethod
    def from_csv(cls, data_dir: Path) -> Places:
        """Places from the reference data files, without actors (for tests and tools)."""
        with (data_dir / "counties.csv").open(encoding="utf-8") as handle:
            counties = [County(code=row["code"], name=row["name"]) for row in csv.DictReader(handle)]
        with (data_dir / "municipalities.csv").open(encoding="utf-8") as handle:
            municipalities = [
                Municipality(code=row["kommunkod"], name=row["name"], county_code=row["lanskod"])
                for row in csv.DictReader(handle)
            ]
        return cls(counties, municipalities)

    # Look-ups ------------------------------------------------------------------------------------

    def county(self, code: str | None) -> County | None:
        return self._county.get(code or "")

    def municipality(self, code: str | None) -> Municipality | None:
        return self._municipality.get(code or "")

    def resolve(self, code: str | None, *, source: str = "form") -> Place | None:
        """The place for a county code ("25") or a municipality code ("2482"), or None."""
        municipality = self.municipality(code)
        if municipality:
            home = self._county[municipality.county_code]
            return Place(home.code, home.name, municipality.code, municipality.name, municipality.name, source)
        county = self.county(code)
        if county:
            return Place(county.code, county.name, text=county.name, source=source)
        return None

    # Recognition ---------------------------------------------------------------------------------

    def find(self, text: str) -> Place | None:
        """The place a text is about, or None. A municipality wins over a county (it is more
        precise); of several municipalities, the first one named in a county the text also names,
        else the first one named."""
        matches = self.find_all(text)
        if not matches:
            return None
        counties = {m.target.code for m in matches if m.target.kind == "county"}
        municipalities = [m for m in matches if m.target.kind == "municipality"]
        if municipalities:
            in_named = [m for m in municipalities if self._municipality[m.target.code].county_code in counties]
            chosen = (in_named or municipalities)[0]
            return self._place(chosen)
        return self._place(matches[0])

    def find_all(self, text: str) -> list[_Match]:
        words = tokens(text)
        found: list[_Match] = []
        i = 0
        while i < len(words):
            match = self._match_at(text, words, i)
            if match:
                found.append(match)
                i = match.end
            else:
                i += 1
        return found

    def _place(self, match: _Match) -> Place:
        place = self.resolve(match.target.code, source="text")
        assert place is not None
        return Place(
            place.county_code, place.county_name, place.municipality_code, place.municipality_name, match.surface
        )

    def _match_at(self, text: str, words: list[Token], i: int) -> _Match | None:
        for length in range(min(self._longest, len(words) - i), 0, -1):
            window = words[i : i + length]
            for key in _candidate_keys([w.text for w in window]):
                for target in self._keys.get(key, ()):
                    if target.ambiguous and not _plainly_a_place(text, words, i, i + length):
                        continue
                    surface = text[window[0].start : window[-1].end]
                    return _Match(i, i + length, self._county_reading(target, words, i, i + length), surface)
        prefix = self._compound_prefix(words[i].text)
        if prefix:
            return _Match(i, i + 1, prefix, words[i].surface)
        return None

    def _compound_prefix(self, word: str) -> _Target | None:
        """A place that begins a compound: "Sörmlandsstrategin", "Dalastrategin", "Skellefteåföretag".
        Only unambiguous names of at least four letters (five for a municipality) count."""
        for i in range(len(word) - MIN_REST, 3, -1):
            rest = word[i:]
            if not rest.isalpha():
                return None
            for key in (word[:i], word[: i - 1] if word[i - 1] == "s" else ""):
                for target in self._keys.get((key,), ()) if key else ():
                    if not target.ambiguous and (target.kind == "county" or len(key) >= 5):
                        return target
        return None

    def _county_reading(self, target: _Target, words: list[Token], start: int, end: int) -> _Target:
        """ "Region Jönköpings län", "Uppsala län", "Länsstyrelsen i Kalmar": the county, not the
        municipality of the same name."""
        if target.kind != "municipality":
            return target
        municipality = self._municipality[target.code]
        county = self._county[municipality.county_code]
        if normalize(county.base) != normalize(municipality.name):
            return target
        after = words[end].text if end < len(words) else ""
        before = [w.text for w in words[max(0, start - 2) : start]]
        if after in COUNTY_WORDS or (before and before[-1] in COUNTY_BEFORE) or before[:1] == ["länsstyrelsen"]:
            return _Target("county", county.code)
        return target


def _add_name(names: dict[tuple[str, ...], list[_Target]], name: str, target: _Target) -> None:
    key = tuple(t.text for t in tokens(name))
    if not key:
        return
    names.setdefault(key, []).append(target)
    last = key[-1]
    if not last.endswith(("s", "x", "z")):
        names.setdefault((*key[:-1], last + "s"), []).append(target)


def _candidate_keys(words: list[str]) -> list[tuple[str, ...]]:
    """The window as written, and with a place suffix taken off its last word ("umeåområdet")."""
    keys = [tuple(words)]
    last = words[-1]
    for suffix in SUFFIXES:
        if last.endswith(suffix) and len(last) > len(suffix) + 2:
            stem = last[: -len(suffix)]
            keys.append((*words[:-1], stem))
            if stem.endswith("s"):
                keys.append((*words[:-1], stem[:-1]))
    return keys


def _plainly_a_place(text: str, words: list[Token], start: int, end: int) -> bool:
    """Whether an ambiguous name at words[start:end] is used as a place name."""
    word = words[start]
    after = words[end].text if end < len(words) else ""
    before = words[start - 1].text if start > 0 else ""
    if after in AFTER_NAME:
        return True
    if word.capitalised and not _sentence_start(text, word):
        return True
    return before in PREPOSITIONS and (word.capitalised or word.text.rstrip("s") not in VERY_COMMON)


def _sentence_start(text: str, word: Token) -> bool:
    preceding = text[: word.start].rstrip()
    return not preceding or preceding[-1] in ".!?:;\n\"'–-•*("
