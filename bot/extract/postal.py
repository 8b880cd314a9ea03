"""A postal address when the customer writes one in the mail: found by where it ends (a US
state and ZIP, a UK or Canadian postcode, a European postcode and city), then read back word
by word to its street, so that the words before it ("please change it to …") stay out.

libpostal would parse addresses more widely, but it needs a 2 GB model and a C library; the
forms customers write here are few enough to read directly (tests/test_postal_address.py).
"""

from __future__ import annotations

import re

from bot.model import PostalAddress


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ADDRESS_LABEL = re.compile(
    r"\b(?:service\s+)?(?:address|adresse|anschrift|indirizzo|endereço|morada|dirección|direccion)"
    r"\s*(?:is|:|=)?\s*([^\n]{6,120})",
    re.IGNORECASE,
)
# Where an address ends: a US state and ZIP, a Canadian or UK postcode, or a European postcode
# and city after a comma. Only the text just before an ending is read, word by word. The pattern
# matches no text, so that an ending which turns out not to be one ("3. OG, 80469 München" is no
# US state and ZIP) does not hide the one that overlaps it.
_CITY = r"[^\W\d_][\w'\u2019-]*(?:[ ][^\W\d_][\w'\u2019-]*){0,3}"
_ENDING = re.compile(
    r"(?=\b(?P<state>[A-Z]{2}),?[ \t]+(?P<zip>\d{5}(?:-\d{4})?)\b"
    r"|\b(?P<ca>[A-Z]\d[A-Z][ \t]?\d[A-Z]\d)\b"
    r"|\b(?P<uk>[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2})\b"
    rf"|,[ \t]*(?P<eu>\d{{4}}-\d{{3}}|\d{{4,5}})[ \t]+(?P<city>{_CITY}))"
)
# What every ending has, in a pattern that begins with a character class or a literal (which
# the regex engine skips ahead to, unlike a word boundary): most messages have none, and for
# them nothing more is read. Line breaks count as spaces, for addresses written on two lines.
_POSTCODE_SHAPE = re.compile(
    r"[A-Z](?:[A-Z],?\s+\d{5}|\d[A-Z]\s?\d[A-Z]\d|[A-Z]?\d[A-Z\d]?\s*\d[A-Z]{2})"
    r"|[,\n][ \t]*\d{4}(?:\d|-\d{3})?[ \t]+[^\W\d_a-z]"
)
# An address written on two or three lines, read as one: only when a line begins the way an
# address's last line does (city, state and ZIP; postcode and city; city and UK postcode).
_LINE_BREAK = re.compile(r"[ \t]*(?<!\n)\n(?!\n)[ \t]*")
_LAST_LINE = re.compile(
    r"\n[ \t]*(?:[A-Za-z .'-]{2,40},?\s+[A-Z]{2}\s+\d{5}|\d{4,5}(?:-\d{3})?\s+[^\W\d_]"
    r"|[A-Za-z .'-]{2,40}\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})"
)
# How far before its postcode an address may begin.
_REACH = 200

_US_STATES = _words(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP"
)
_PROVINCES = _words("AB BC MB NB NL NS NT NU ON PE QC SK YT")

# A unit, floor or building between the street and the city: "Suite 400", "Building C",
# "2.º andar", "3e étage", "3. OG", "2º izquierda", "scala B", "4 floor".
_FLOOR = r"(?:floor|fl|étage|etage|og|stock|obergeschoss|piso|planta|andar|piano|pavimento)"
_SIDE = (
    r"(?:esq|esquerdo|esquerda|dto|dt|direito|direita|frente|izq|izda|izquierda|dcha|derecha"
    r"|centro|[a-z])"
)
_ORDINAL_MARK = r"(?:st|nd|rd|th|e|er|re|ère|ème|eme|[º°ª]|\.[ ]?[º°ª]?)"
_UNIT = re.compile(
    r"(?:suite|ste|unit|apt|apartment|apartamento|apto|app|appartement|building|bldg|bld|floor|"
    r"fl|flr|room|rm|office|dept|hangar|space|nave|local|oficina|despacho|planta|piso|puerta|"
    r"pta|escalera|esc|portal|bloque|bureau|bâtiment|bât|bat|étage|etage|porte|escalier|stock|"
    r"og|kiosk|haus|aufgang|gebäude|geb|zimmer|raum|büro|wohnung|whg|scala|interno|int|piano|"
    r"edificio|palazzina|sala|loja|andar|bloco|lote|fração|fracção|escritório)"
    r"\.?[ ]?(?:n[.º°o][ ]?)?(?:[\w-]{0,7}\d[\w-]{0,7}|[a-z])\.?"
    r"|\#[ ]?[\w-]{1,8}"
    rf"|\d{{1,3}}{_ORDINAL_MARK}(?:[ ]?(?:{_FLOOR}|{_SIDE}))?\.?"
    rf"|\d{{1,3}}[ ]?{_FLOOR}|r/c|eg|bajo|ground floor|rés-de-chaussée|rez-de-chaussée",
    re.IGNORECASE,
)
# Words that begin a street named after them ("Rua das Flores", "rue de la Gare", "Am Kai").
_LEADS = _words(
    "via viale vicolo corso piazza piazzale largo strada contrada località loc. borgo lungomare "
    "v.le p.zza c.so rua r. avenida av. av travessa tv. praça alameda estrada calçada beco "
    "praceta rotunda edifício urbanização quinta calle c/ avda. avda paseo plaza pza. camino "
    "carretera ctra. ronda travesía glorieta carrer passeig rambla vía rue avenue boulevard bd "
    "boul. bld place chemin ch. quai allée impasse route rte cours square passage rang montée "
    "voie sentier esplanade promenade faubourg parvis cité"
)
_DE_LEADS = _words("Am Im An Auf Zum Zur Unter Hinter Vor")
# German streets end in their kind ("Musterstraße", "Karl-Marx-Allee", "Landsberger Straße").
_DE_KIND = re.compile(
    r"(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|kai|chaussee|steig|pfad|"
    r"markt|graben|wall|zeile|stieg)$"
)
_DE_ADJECTIVES = _words("Alte Neue Lange Hohe Große Kleine Obere Untere Breite")
# Street kinds in any language, allowed anywhere in a street that begins with its number.
_STREET_KINDS = _words(
    "street st st. road rd rd. avenue ave ave. drive dr dr. lane ln way court ct place pl "
    "parkway pkwy highway hwy terrace circle square trail blvd blvd."
)
_KINDS = _LEADS | _STREET_KINDS
_PARTICLES = _words(
    "of the de del della delle dei degli dello di da do dos das du des la le les los las el "
    "von van der den dem y"
)
_CITY_PARTICLES = _words("am an der de del di do da dos das du des la le sur sous en im")
# Words never part of a street's or a city's name, even with a capital at the start of a
# sentence ("Neue Adresse ist Musterstraße 12"): the street begins after them.
_NOT_STREET = _words(
    "to at is in on for from and we our please ist es è é sind auf nach para per al au en "
    "na no em bitte danke unsere unser notre nossa nuestra nostra oder aber hier leider wieder "
    "später weiter tel telefon nummer number numero número ticket invoice order case ref "
    "account pin code rechnung konto kunde vertrag auftrag fattura factura fatura facture "
    "commande conta cuenta conto compte"
)
# A date before a comma and a year ("March 3, 2025 Update") is no street and city; a street
# with no word that says it is one must not be named after a month.
_MONTHS = _words(
    "january february march april may june july august september october november december "
    "januar februar märz mai juni juli oktober dezember janvier février mars avril juin "
    "juillet août septembre octobre novembre décembre gennaio febbraio marzo aprile maggio "
    "giugno luglio agosto settembre ottobre dicembre enero febrero abril mayo junio julio "
    "septiembre octubre noviembre diciembre janeiro fevereiro março maio junho julho setembro "
    "outubro novembro dezembro"
)
# Words that can be part of a street's name ("Via Nuova", "New Road") but more often come
# just before one ("neue Adresse ist …"): taken only after a word that begins a street.
_NEW = _words("new neue neuer nuova nueva nova nouvelle sede service standort")
_NAMING = ("adresse", "address", "anschrift", "indirizzo", "endereço", "morada", "dirección")
# Words that end in a full stop without ending a sentence ("Av.", "St."; single capitals too).
_ABBREVIATIONS = _words(
    "st rd ave av avda dr blvd bd boul ln ct pl pkwy hwy mt ft sr sra dra prof gen sta sto str "
    "tv pza ctra ch rte loc ne nw se sw"
)
# Quotes and brackets that open a word: the street begins with that word.
_OPENERS = "\"'“„«(["
# "l'avenue", "dell'Esempio": the word after the elided article.
_ELIDED = re.compile(r"(?:l|d|dell|dall|nell|sull|all|quell)['\u2019](.+)", re.IGNORECASE)
# A house number: after the street ("Musterstraße 12a", "Via Roma 5/B") or before it.
_NUMBER_AFTER = re.compile(r"[1-9]\d{0,4}(?:[a-zA-Z]|[-/][1-9]\d{0,4}[a-zA-Z]?|/[a-zA-Z])?")
_NUMBER_BEFORE = re.compile(r"[1-9]\d{0,5}[a-zA-Z]?")
_ORDINAL = re.compile(r"\d{1,4}(?:st|nd|rd|th|e|er|ème|º|ª)")
# A token of a phone number or a date: a house number never follows one.
_NUMERIC = re.compile(r"[(+]?\d(?:[\d().\-/]*[\d)])?")


def postal_address(text: str) -> PostalAddress | None:
    if not _POSTCODE_SHAPE.search(text):
        return None
    labelled = _ADDRESS_LABEL.search(text)
    candidates = [labelled.group(1)] if labelled else []
    candidates.append(text)
    if _LAST_LINE.search(text):
        candidates.append(_LINE_BREAK.sub(", ", text))
    for candidate in candidates:
        # A state and ZIP or a postcode is surer than four digits after a comma, which can be
        # a US house number ("Suite 210, 1400 Main St").
        endings = sorted(_ENDING.finditer(candidate), key=lambda ending: ending["eu"] is not None)
        for ending in endings:
            if address := _address_ending(candidate, ending):
                return address
    return None


def _address_ending(text: str, ending: re.Match[str]) -> PostalAddress | None:
    start = max(0, ending.start() - _REACH)
    before = text[start : ending.start()]
    if "\n" in before:
        before = before[before.rfind("\n") + 1 :]
    elif start:
        before = before.partition(" ")[2]  # the first word may be cut
    if ending["eu"]:
        city = _place(ending["city"], whole=False)
        if not city or city.split()[-1].lower() in _STREET_KINDS:
            return None
        street = _street(before, named=True)
        return PostalAddress(street, city, ending["eu"]) if street else None
    region, country = "", ""
    rest = before.rstrip(" \t,")
    if ending["state"]:
        if ending["state"] not in _US_STATES:
            return None
        region, postcode = ending["state"], ending["zip"]
    elif ending["uk"]:
        postcode, country = ending["uk"].upper(), "GB"
    else:
        postcode, country = ending["ca"], "CA"
        if rest.endswith(")") and "(" in rest:
            rest, _, region = rest[:-1].rpartition("(")
            rest, region = rest.rstrip(" \t,"), region.strip()
        elif rest[-2:] in _PROVINCES and rest[-3:-2] in (" ", ","):
            rest, region = rest[:-2].rstrip(" \t,"), rest[-2:]
    rest, _, city = rest.rpartition(",")
    city = _place(city, whole=True)
    street = _street(rest, named=False) if city else ""
    return PostalAddress(street, city, postcode, region, country) if street else None


def _place(text: str, *, whole: bool) -> str:
    """The city's name at the start of `text`; "" when there is none or, with `whole`, when
    `text` holds more than a name."""
    words: list[str] = []
    for word in text.split():
        lower = word.lower()
        if (_capitalised(word) and lower not in _NOT_STREET) or (
            words and lower in _CITY_PARTICLES
        ):
            words.append(word)
        elif whole:
            return ""
        else:
            break
    if words and words[-1].lower() in _CITY_PARTICLES:
        return ""
    return " ".join(words) if len(words) <= 4 else ""


def _street(text: str, *, named: bool) -> str:
    """The street at the end of `text` with the units after it ("Rua Exemplo 45, 3.º Esq."),
    and with `named` a building or estate after it ("Edifício Exemplo 3, Lagoas Park")."""
    parts = [part.strip() for part in text.split(",")]
    at = len(parts) - 1
    units: list[str] = []
    while at > 0 and len(units) < 3 and _UNIT.fullmatch(parts[at]):
        units.insert(0, parts[at])
        at -= 1
    street = _street_part(parts, at)
    if (
        not street
        and named
        and at > 0
        and len(parts[at].split()) <= 3
        and _place(parts[at], whole=True)
        and (street := _street_part(parts, at - 1))
    ):
        units.insert(0, parts[at])
    return ", ".join([street, *units]) if street else ""


def _street_part(parts: list[str], at: int) -> str:
    """The street in `parts[at]`, with its number from the part before or after when a comma
    comes between ("31, rue de la Gare", "Rua do Exemplo, 140")."""
    words = parts[at].split()
    number = words[-1] if words and _NUMBER_AFTER.fullmatch(words[-1]) else ""
    if number and len(words) == 1:
        named = _words_before(parts[at - 1].split(), kinded=False) if at > 0 else ""
        return f"{named}, {number}" if named else ""
    street = ""
    if number and (named := _words_before(words[:-1], kinded=True)):
        street = f"{named} {number}"
    elif found := _number_first(words):
        street = found
    elif at > 0 and words and _lead(words[0]) and all(_street_word(word) for word in words):
        before = parts[at - 1].split()
        if before and _house_number([*before, words[0]], len(before) - 1):
            street = f"{before[-1].lstrip(_OPENERS)}, {parts[at]}"
    elif number and (named := _words_before(words[:-1], kinded=False)):
        street = f"{named} {number}"
    # "Suite 210" before a comma is a unit, never a street.
    return "" if _UNIT.fullmatch(street) else street


def _number_first(words: list[str]) -> str:
    """The street ending `words` that begins with its number ("4370 La Jolla Village Dr",
    "27 boulevard de l'Exemple"), read back from the end while the words can be a street's."""
    first = -1
    for at in range(len(words) - 1, -1, -1):
        word = words[at].lstrip(_OPENERS)
        if at < len(words) - 1 and _ends_sentence(word):
            break
        if _house_number(words, at):
            first = at
        elif not (_street_word(word) or _NUMBER_BEFORE.fullmatch(word) or word.startswith("#")):
            break
        if word != words[at]:
            break
    return " ".join(words[first:]).lstrip(_OPENERS) if first >= 0 else ""


def _house_number(words: list[str], at: int) -> bool:
    """Whether `words[at]` is the number a street begins with: a street's word follows, and it
    does not go on a phone number or a date ("(858) 555-0137 4370 …" is no address)."""
    word = words[at].lstrip(_OPENERS)
    return (
        _NUMBER_BEFORE.fullmatch(word) is not None
        and at + 1 < len(words)
        and _street_word(words[at + 1])
        and (at == 0 or word != words[at] or not _NUMERIC.fullmatch(words[at - 1]))
    )


def _words_before(words: list[str], *, kinded: bool) -> str:
    """The name of the street whose number follows `words`: back to the word that begins it
    ("Via", "rue", "Am"), or from a German street's kind back to its adjective ("Mainzer
    Landstraße"); without `kinded`, also a name of up to three capitalised words ("Großer
    Burstah")."""
    name: list[str] = []
    kind = ""
    # Where "neue", "nuova", … was taken: cut there unless a word that begins a street follows.
    new_at = -1
    for at in range(len(words) - 1, -1, -1):
        word = words[at].lstrip(_OPENERS)
        lower = word.lower()
        if not word or _ends_sentence(word) or lower in _NOT_STREET or _naming(word):
            break
        if kind == "german":
            # One adjective at most: German nouns end in "-er" too ("Partner").
            adjective = _adjective(word) and not any(_adjective(taken) for taken in name[1:])
            taken = word in _DE_LEADS or lower in _PARTICLES or adjective
            kind = "lead" if word in _DE_LEADS else kind
        elif _lead(word):
            word, kind, taken = _unelided(word), "lead", True
        elif _DE_KIND.search(lower) and word[0].isupper():
            kind, taken = "german", True
        else:
            taken = lower in _PARTICLES or _capitalised(word)
            new_at = len(name) if lower in _NEW and new_at < 0 else new_at
        if taken:
            name.append(word)
        if not taken or kind == "lead" or words[at][0] in _OPENERS:
            break
    if kind != "lead" and new_at >= 0:
        del name[new_at:]
    while name and name[-1].lower() in _PARTICLES:
        name.pop()
    if not name or (
        not kind and (kinded or len(name) > 3 or any(w.lower() in _MONTHS for w in name))
    ):
        return ""
    return " ".join(reversed(name))


def _lead(word: str) -> bool:
    """Whether `word` begins a street named after it ("Via", "rue", "l'avenue", "Am")."""
    return word in _DE_LEADS or _unelided(word).lower() in _LEADS


def _adjective(word: str) -> bool:
    """Whether `word` can come before a German street's kind ("Mainzer", "Lange")."""
    return word[:1].isupper() and (word.endswith("er") or word in _DE_ADJECTIVES)


def _street_word(word: str) -> bool:
    lower = word.lower()
    return (
        (_capitalised(word) and lower not in _NOT_STREET and not _naming(word))
        or lower in _PARTICLES
        or lower in _KINDS
        or _ORDINAL.fullmatch(word) is not None
    )


def _capitalised(word: str) -> bool:
    return _unelided(word)[:1].isupper()


def _unelided(word: str) -> str:
    elided = _ELIDED.fullmatch(word)
    return elided[1] if elided else word


def _naming(word: str) -> bool:
    return word.lower().endswith(_NAMING)


def _ends_sentence(word: str) -> bool:
    if word[-1:] not in (".", ":", ";", "!", "?"):
        return False
    stem = word.rstrip(".:;!?")
    return word[-1] != "." or not (
        stem.lower() in _ABBREVIATIONS or (len(stem) == 1 and stem.isupper())
    )
