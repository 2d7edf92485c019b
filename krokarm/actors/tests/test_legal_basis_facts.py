"""The legal bases krokarm states match the primary texts (GitHub issue 16, point 1).

The regions' duty to set goals and priorities for regional skills supply and to assess the county's skills needs
is stated in förordningen (2017:583) om regionalt tillväxtarbete, 7 § 2. Lagen (2010:630) gives the regions the
regional development responsibility but is not, on its own, the source of that duty.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

SKILLS = re.compile(r"kompetensförsörjning|kompetensbehov|kompetens som behövs", re.IGNORECASE)
# What the duty consists of, or words that present something as a legal duty.
DUTY_CONTENT = re.compile(
    r"mål och prioriteringar|bedöm\w*|kompetensförsörjningsansvar|lagändring\w*|lagstadgad\w*", re.IGNORECASE
)
DUTY_WORD = re.compile(r"\bska\b|uppgift|ansvar|lagstadgad|lagändring|kräver", re.IGNORECASE)
REGION = re.compile(r"region", re.IGNORECASE)
CITES_ORDINANCE = re.compile(r"2017:583\)?[^.;]*?7 §")
DATED_BY_2022_AMENDMENT = re.compile(r"(lagändring\w*|sedan)\s+(från\s+)?2022", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


@dataclass(frozen=True)
class Text:
    file: str
    text: str
    # The other strings of the mapping the text belongs to (its `basis`, its `description`…).
    siblings: str

    def __str__(self) -> str:
        return f"data/{self.file}: {self.text[:160]}"


def _walk(node: Any, siblings: str, file: str) -> Iterator[Text]:
    if isinstance(node, dict):
        own = " ".join(value for value in node.values() if isinstance(value, str))
        for value in node.values():
            yield from _walk(value, own, file)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item, siblings, file)
    elif isinstance(node, str):
        yield Text(file, " ".join(node.split()), siblings)


def _texts() -> list[Text]:
    data = Path(settings.DATA_DIR)
    texts: list[Text] = []
    for path in sorted(data.rglob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts.extend(_walk(document, "", str(path.relative_to(data))))
    return texts


def _states_the_skills_supply_duty(sentence: str) -> bool:
    return all(pattern.search(sentence) for pattern in (SKILLS, DUTY_CONTENT, DUTY_WORD, REGION))


def _duty_statements() -> list[Text]:
    return [
        text
        for text in _texts()
        if any(_states_the_skills_supply_duty(sentence) for sentence in SENTENCE_END.split(text.text))
    ]


def _report(texts: list[Text]) -> str:
    return "\n".join(str(text) for text in texts)


def test_the_check_finds_the_regions_skills_supply_duty_in_the_data():
    files = {text.file for text in _duty_statements()}
    assert {"actors/regions.yaml", "actors/organisations.yaml"} <= files


def test_every_text_on_the_regions_skills_supply_duty_cites_the_ordinance_7_paragraph():
    uncited = [
        text
        for text in _duty_statements()
        if not CITES_ORDINANCE.search(text.text) and not CITES_ORDINANCE.search(text.siblings)
    ]
    assert not uncited, (
        "The regions' skills-supply duty is förordning (2017:583) om regionalt tillväxtarbete, 7 § 2; "
        "cite it in the text or its basis:\n" + _report(uncited)
    )


def test_the_regions_skills_supply_responsibility_has_the_ordinance_as_its_basis():
    regions = yaml.safe_load((Path(settings.DATA_DIR) / "actors" / "regions.yaml").read_text(encoding="utf-8"))
    [skills] = [r for r in regions["common_responsibilities"] if r["topic"] == "regional-kompetensplanering"]
    assert "2017:583" in skills["basis"] and "7 § 2" in skills["basis"]
    assert "2010:630" in skills["basis"]
    # The current consolidated text (SFST in the Government Offices' legal database), not an old version.
    assert skills["source_url"] == "https://rkrattsbaser.gov.se/sfst?bet=2017:583"


def test_law_references_link_to_the_current_consolidated_text():
    """The 2017:583 page on riksdagen.se filed as "Kommittédirektiv" is an old version; commercial copies are not the
    law. Every link to 2010:630 or 2017:583 in data/ and the templates goes to the consolidated text."""
    old = re.compile(r"_H5B1583|lagboken\.se/[^\s]*2010630")
    places = [*Path(settings.DATA_DIR).rglob("*.yaml"), *(Path(settings.BASE_DIR) / "krokarm").rglob("*.html")]
    stale = [str(path) for path in places if old.search(path.read_text(encoding="utf-8"))]
    assert stale == []


def test_no_text_dates_the_skills_supply_duty_to_a_2022_amendment_of_the_law():
    dated = [text for text in _texts() if SKILLS.search(text.text) and DATED_BY_2022_AMENDMENT.search(text.text)]
    assert not dated, "The duty is cited to förordning (2017:583) 7 § 2, not to a 2022 amendment:\n" + _report(dated)


def test_no_text_says_the_regions_got_the_2010_2012_assignment():
    # In 2010–2012 the regional development actors were landsting, samverkansorgan and länsstyrelser.
    anachronistic = [text for text in _texts() if re.search(r"regionerna fick 2010", text.text, re.IGNORECASE)]
    assert not anachronistic, _report(anachronistic)


def _quotes_of_paragraph_20() -> list[tuple[str, str]]:
    data = [(str(text), text.text) for text in _texts() if "20 §" in text.text]
    templates = [
        (str(path), path.read_text(encoding="utf-8"))
        for path in sorted((Path(settings.BASE_DIR) / "krokarm").rglob("templates/**/*.html"))
        if "20 §" in path.read_text(encoding="utf-8")
    ]
    return data + templates


def test_quotes_of_paragraph_20_say_of_substantial_importance_not_important():
    quotes = _quotes_of_paragraph_20()
    assert quotes, "the duty box on the strategy pages quotes 20 §"
    wrong = [where for where, text in quotes if re.search(r"\bviktiga\b", text)]
    assert not wrong, "20 § says 'av väsentlig betydelse': " + ", ".join(wrong)
    assert any("av väsentlig betydelse" in text for _, text in quotes)


def test_soermlands_territorial_strategy_has_its_own_title_and_is_not_called_a_good_example():
    document = yaml.safe_load((Path(settings.DATA_DIR) / "knowledge" / "regioner.yaml").read_text(encoding="utf-8"))
    [item] = [item for item in document["items"] if item["slug"] == "region-sormland-territoriell-strategi"]
    assert item["title"] == "Ett livskraftigt Sörmland 2030 – territoriell strategi för Sörmlands hållbara utveckling"
    # The source says only that the strategy was submitted to Tillväxtverket's call (DOMAIN.md 7.1).
    assert item["kind"] != "gott-exempel"
    assert "exempel" not in item["summary"]
