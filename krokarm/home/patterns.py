"""The pattern page (/monster/): every control krokarm uses, shown live next to its markup (issue 18, point 3).

The markup here is what the templates write; a test checks that every button class and input type the templates
use has an example, so a new kind of control cannot appear without being documented.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Pattern:
    slug: str
    name: str | Promise  # translated when shown
    use: str | Promise
    markup: str


PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "primary-button",
        _("Huvudknapp"),
        _("Sidans huvudsakliga handling, en per formulär: skicka, spara, publicera."),
        '<button type="submit" class="primary">Spara</button>',
    ),
    Pattern(
        "secondary-button",
        _("Knapp"),
        _("Andra handlingar bredvid huvudknappen och handlingar i listor: följ, markera som läst, skicka vidare."),
        '<button type="submit">Följ</button>',
    ),
    Pattern(
        "warning-button",
        _("Varningsknapp"),
        _(
            "Handlingar som tar bort, stänger eller ställer in något. Skriv vad som händer, "
            "till exempel ”Stäng behovet”."
        ),
        '<button type="submit" class="warning">Ta bort</button>',
    ),
    Pattern(
        "link-button",
        _("Knapp som ser ut som en länk"),
        _("En handling som skickar ett formulär men står i löpande text eller i en lista med länkar."),
        '<button type="submit" class="link">Logga ut</button>',
    ),
    Pattern(
        "button-link",
        _("Länk som ser ut som en knapp"),
        _("En länk till nästa steg som är sidans huvudsakliga handling, till exempel ”Skicka frågan”."),
        '<a class="button" href="#">Skicka frågan</a>',
    ),
    Pattern(
        "secondary-button-link",
        _("Länk som ser ut som en vanlig knapp"),
        _("En länk till ett steg bredvid huvudhandlingen."),
        '<a class="button secondary" href="#">Avbryt</a>',
    ),
    Pattern(
        "text-input",
        _("Textfält"),
        _("Kort text. Etiketten står ovanför fältet, en hjälptext under etiketten när den behövs."),
        '<label for="m-name">Namn</label>\n<input type="text" id="m-name" name="name">',
    ),
    Pattern(
        "search-input",
        _("Sökfält"),
        _("Fritext att söka på, med knappen direkt efter fältet."),
        '<label for="m-q">Sök</label>\n<input type="search" id="m-q" name="q">\n<button type="submit">Sök</button>',
    ),
    Pattern(
        "email-input",
        _("E-postfält"),
        _("En e-postadress. Säg varför adressen behövs och vad den används till."),
        '<label for="m-email">E-postadress (frivillig)</label>\n'
        '<input type="email" id="m-email" name="email" autocomplete="email">',
    ),
    Pattern(
        "date-input",
        _("Datumfält"),
        _("Ett datum. Webbläsaren visar sin egen datumväljare."),
        '<label for="m-date">Datum</label>\n<input type="date" id="m-date" name="date">',
    ),
    Pattern(
        "textarea",
        _("Textruta"),
        _("Längre text, till exempel en fråga, ett svar eller en kommentar."),
        '<label for="m-text">Din fråga</label>\n<textarea id="m-text" name="text" rows="4"></textarea>',
    ),
    Pattern(
        "select",
        _("Rullgardinsmeny"),
        _("Ett val bland många, till exempel län eller tema. Första alternativet säger vad som gäller utan val."),
        '<label for="m-county">Län</label>\n<select id="m-county" name="county">\n'
        '  <option value="">Alla län</option>\n  <option value="25">Norrbottens län</option>\n</select>',
    ),
    Pattern(
        "checkboxes",
        _("Kryssrutor"),
        _("Flera val ur en kort lista. Varje ruta och dess etikett är ett mål på minst 44 × 44 pixlar."),
        '<fieldset class="field">\n  <legend>Målgrupper</legend>\n  <ul class="choices">\n'
        '    <li><input type="checkbox" id="m-g1" name="g" value="individer">\n'
        '      <label for="m-g1">Individer</label></li>\n'
        '    <li><input type="checkbox" id="m-g2" name="g" value="arbetsgivare">\n'
        '      <label for="m-g2">Arbetsgivare</label></li>\n'
        "  </ul>\n</fieldset>",
    ),
    Pattern(
        "radios",
        _("Radioknappar"),
        _("Ett val ur en kort lista."),
        '<fieldset class="field">\n  <legend>Vem är du?</legend>\n  <ul class="choices">\n'
        '    <li><input type="radio" id="m-a1" name="a" value="individ">\n'
        '      <label for="m-a1">Privatperson</label></li>\n'
        '    <li><input type="radio" id="m-a2" name="a" value="arbetsgivare">\n'
        '      <label for="m-a2">Arbetsgivare</label></li>\n'
        "  </ul>\n</fieldset>",
    ),
    Pattern(
        "success-banner",
        _("Bekräftelse"),
        _(
            "Visas överst på sidan efter varje handling som ändrar något. Den läses upp av skärmläsare och får "
            "fokus när sidan laddas."
        ),
        '<div class="messages" role="alert" tabindex="-1">\n'
        '  <p class="message message-success">Behovet är publicerat.</p>\n</div>',
    ),
    Pattern(
        "info-banner",
        _("Upplysning"),
        _("Något personen behöver veta om det som hände, som att ett formulär redan var skickat."),
        '<div class="messages" role="alert" tabindex="-1">\n'
        '  <p class="message message-info">Frågan var redan skickad.</p>\n</div>',
    ),
    Pattern(
        "error-banner",
        _("Felmeddelande"),
        _("En handling som inte kunde göras. Säg vad som hände och vad personen kan göra nu."),
        '<div class="messages" role="alert" tabindex="-1">\n'
        '  <p class="message message-error">Ärendet har ändrats av någon annan. Det du skrev finns kvar.</p>\n</div>',
    ),
    Pattern(
        "error-summary",
        _("Felsammanfattning"),
        _("Överst i ett formulär som inte gick igenom, med en länk till varje fält som behöver rättas."),
        '<div class="error-summary" role="alert" tabindex="-1">\n  <h2>Det finns ett problem</h2>\n'
        '  <ul><li><a href="#m-email">Skriv en e-postadress i formatet namn@exempel.se</a></li></ul>\n</div>',
    ),
)
