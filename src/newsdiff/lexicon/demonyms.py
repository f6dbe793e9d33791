"""Countries and their demonyms ("Iran" <-> "Iranian"), general world knowledge only.

Used to treat "Iranian troops" and "Iran's troops" as being about the same country when
figures are aligned, and to word a claim ("Iranian troops sent to Iraq").
"""

from __future__ import annotations

from collections import Counter

#: "country:demonym" items, comma-separated (names may contain spaces).
_PAIRS = """
afghanistan:afghan, albania:albanian, algeria:algerian, america:american,
argentina:argentine, armenia:armenian, australia:australian, austria:austrian,
azerbaijan:azerbaijani, bahrain:bahraini, bangladesh:bangladeshi, belarus:belarusian,
belgium:belgian, bolivia:bolivian, bosnia:bosnian, brazil:brazilian, britain:british,
bulgaria:bulgarian, burma:burmese, cambodia:cambodian, canada:canadian, chile:chilean,
china:chinese, colombia:colombian, croatia:croatian, cuba:cuban, cyprus:cypriot,
czech republic:czech, denmark:danish, egypt:egyptian, england:english, eritrea:eritrean,
estonia:estonian, ethiopia:ethiopian, finland:finnish, france:french, georgia:georgian,
germany:german, greece:greek, haiti:haitian, hungary:hungarian, india:indian,
indonesia:indonesian, iran:iranian, iraq:iraqi, ireland:irish, israel:israeli,
italy:italian, jamaica:jamaican, japan:japanese, jordan:jordanian, kazakhstan:kazakh,
kenya:kenyan, kuwait:kuwaiti, lebanon:lebanese, libya:libyan, lithuania:lithuanian,
malaysia:malaysian, mali:malian, mexico:mexican, morocco:moroccan, nepal:nepalese,
netherlands:dutch, new zealand:new zealander, nigeria:nigerian, north korea:north korean,
norway:norwegian, oman:omani, pakistan:pakistani, palestine:palestinian, peru:peruvian,
philippines:filipino, poland:polish, portugal:portuguese, qatar:qatari,
romania:romanian, russia:russian, rwanda:rwandan, saudi arabia:saudi,
scotland:scottish, serbia:serbian, slovakia:slovak, somalia:somali,
south africa:south african, south korea:south korean, spain:spanish, sudan:sudanese,
sweden:swedish, switzerland:swiss, syria:syrian, taiwan:taiwanese, thailand:thai,
tunisia:tunisian, turkey:turkish, uganda:ugandan, ukraine:ukrainian,
united kingdom:british, uk:british, u.k.:british, united states:american, us:american,
usa:american, u.s.:american, u.s:american, venezuela:venezuelan, vietnam:vietnamese,
wales:welsh, yemen:yemeni, zimbabwe:zimbabwean
"""

#: lower-case country name -> demonym, capitalised ("iran" -> "Iranian").
DEMONYM_OF: dict[str, str] = {}
#: lower-case demonym (singular and plural) -> lower-case country ("iranians" -> "iran").
COUNTRY_OF: dict[str, str] = {}


def _add(country: str, demonym: str) -> None:
    """Record a lower-case country and demonym (and the demonym's plural); a name taken
    already keeps its first meaning."""
    DEMONYM_OF.setdefault(country, " ".join(w.capitalize() for w in demonym.split()))
    COUNTRY_OF.setdefault(demonym, country)
    if not demonym.endswith(("ese", "ish", "ch", "ss")):
        COUNTRY_OF.setdefault(demonym + "s", country)


for _item in _PAIRS.replace("\n", " ").split(","):
    _country, _, _demonym = _item.strip().partition(":")
    _add(_country, _demonym)


def _library_pairs() -> list[tuple[str, str]]:
    """(country, demonym) of every country countryinfo knows ("sri lanka", "sri lankan"),
    lower-case; a demonym it gives several countries ("guinean", "dominican") is left out,
    as is everything when the library cannot be read."""
    try:
        import countryinfo

        pairs = [(c.name().casefold().removeprefix("the "), c.demonym().casefold())
                 for c in countryinfo.all_countries() if c.demonym() and c.name()]
    except Exception:  # the hand list above still holds
        return []
    # one plain word or phrase for a people: not a list ("antiguan,barbudan"), not the
    # country's own name ("djibouti")
    pairs = [(c, d) for c, d in pairs if d != c and not any(ch in d for ch in ",/;")]
    shared = {d for d, n in Counter(d for _, d in pairs).items() if n > 1}
    return [(c, d) for c, d in pairs if d not in shared]


# The list above is what the rest reads first; the library adds the other countries.
for _country, _demonym in _library_pairs():
    if _country not in DEMONYM_OF and _demonym not in COUNTRY_OF:
        _add(_country, _demonym)
for _us in ("us", "u.s.", "u.s", "usa", "united states"):
    DEMONYM_OF[_us] = "US"
# Canonical country for the demonyms several names share.
COUNTRY_OF["american"] = COUNTRY_OF["americans"] = "united states"
COUNTRY_OF["british"] = "united kingdom"
_ALIASES = {"us": "united states", "u.s.": "united states", "u.s": "united states",
            "usa": "united states", "america": "united states", "uk": "united kingdom",
            "u.k.": "united kingdom", "britain": "united kingdom"}


def country_key(surface: str) -> str | None:
    """The lower-case country a country name or demonym names ("Iranians" -> "iran")."""
    low = surface.casefold().strip()
    if low.startswith("the "):
        low = low[4:]
    for suffix in ("'s", "’s"):
        if low.endswith(suffix):
            low = low[: -len(suffix)]
    if low in _ALIASES:
        return _ALIASES[low]
    if low in DEMONYM_OF:
        return low
    return COUNTRY_OF.get(low)


def demonym(country: str) -> str | None:
    """The demonym of a lower-case country name ("iran" -> "Iranian")."""
    return DEMONYM_OF.get(country.casefold())
