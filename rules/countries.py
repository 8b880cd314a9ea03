"""Country rules from rules/countries.toml, and area-code cities from phonenumbers' geocoder."""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

COUNTRIES_FILE = Path(__file__).resolve().parent / "countries.toml"
DEFAULT_LOA_MAX_AGE_DAYS = 90
# Same city, other spelling: the geocoder writes German names, customers write either.
_CITY_ALIASES = {"munich": "munchen", "cologne": "koln", "nuremberg": "nurnberg"}


@dataclass(frozen=True, slots=True)
class CountryRules:
    loa_max_age_days: int = DEFAULT_LOA_MAX_AGE_DAYS
    # A toll-free number's LOA (a RespOrg change) where it has a limit of its own.
    toll_free_loa_max_age_days: int | None = None
    identifiers: tuple[str, ...] = ()
    local_area_address: bool = False
    # What the carriers there ask of a customer porting in (keys of [country_documents]).
    port_in_documents: tuple[str, ...] = ()
    # How long a port in takes there, in business days: (least, most), most None for "at
    # least"; None where not known. Told to a customer who asks how long it takes.
    lead_time_business_days: tuple[int, int | None] | None = None


@dataclass(frozen=True, slots=True)
class CountryTable:
    supported_by_default: frozenset[str]
    countries: dict[str, CountryRules]


@lru_cache(maxsize=1)
def country_table(path: Path = COUNTRIES_FILE) -> CountryTable:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    countries = {
        code: CountryRules(
            loa_max_age_days=int(values.get("loa_max_age_days", DEFAULT_LOA_MAX_AGE_DAYS)),
            toll_free_loa_max_age_days=(
                int(values["toll_free_loa_max_age_days"])
                if "toll_free_loa_max_age_days" in values
                else None
            ),
            identifiers=tuple(values.get("identifiers", ())),
            local_area_address=bool(values.get("local_area_address", False)),
            port_in_documents=tuple(values.get("port_in_documents", ())),
            lead_time_business_days=_lead_time(values.get("lead_time_business_days")),
        )
        for code, values in data.get("country", {}).items()
    }
    return CountryTable(frozenset(data.get("supported_by_default", ["US", "CA"])), countries)


def _lead_time(value: object) -> tuple[int, int | None] | None:
    """[least, most] or [least] ("at least") as written in countries.toml."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) not in (1, 2):
        raise ValueError(f"lead_time_business_days: [least, most] or [least], not {value!r}")
    least, most = int(value[0]), int(value[1]) if len(value) == 2 else None
    return least, most


def country_rules(code: str) -> CountryRules:
    return country_table().countries.get(code, CountryRules())


def area_city(e164: str) -> str:
    """The city of a number's area code ('München' for +49 89 ...), '' when not a city."""
    import phonenumbers
    from phonenumbers import geocoder

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return ""
    return str(geocoder.description_for_number(number, "de" if e164.startswith("+49") else "en"))


def country_code_region(written: str) -> str:
    """The main country of the country code a number is written with ("+32 …" is 'BE'), ''
    when it has none or an unknown one; the number itself need not be valid."""
    import phonenumbers

    try:
        number = phonenumbers.parse(written, None)
    except phonenumbers.NumberParseException:
        return ""
    region = phonenumbers.region_code_for_country_code(number.country_code or 0)
    return "" if region == "ZZ" else str(region)


def city_matches(written: str, expected: str) -> bool:
    folded, wanted = _fold(written), _fold(expected)
    return bool(wanted) and (folded == wanted or wanted in folded)


def _fold(city: str) -> str:
    plain = unicodedata.normalize("NFKD", city).encode("ascii", "ignore").decode().lower()
    plain = "".join(ch for ch in plain if ch.isalpha())
    return _CITY_ALIASES.get(plain, plain)
