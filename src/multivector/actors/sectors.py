"""The canonical sector vocabulary (PLOVER agents) and the one mapping from our old codes.

Why one module: sector codes travel far (mentions, events' source/target sector, relations,
web filters). Every producer normalises through :func:`canonical` so the old codes (MED for
media, OPP, ACT, HLH ...) never leak out, and :func:`composite` builds the CAMEO-style code
(``RUSMIL``, ``---REB``) the exports carry next to ``sector``.

PLOVER codes (PLOVER_agents.txt): GOV government, MIL military, COP police/security, JUD
judiciary, LEG legislature, PTY party, REB rebels/insurgents, CVL civilians/civil society/
protesters, SPY intelligence, BUS business, MED medical, JRN journalists/media, EDU education/
academia/think tanks, REL religion, CRM criminals, UAF unaligned armed forces (militias), PRE
breakaway or unrecognised state, PRM paramilitary, REF refugees/displaced, NGO
non-governmental organisations, LAB labour, AGR agriculture, ELI elites (former officials,
royals), UNK unknown, IGO intergovernmental (our addition for IGO staff), SOC social movements.
"""

from __future__ import annotations

PLOVER = ("GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "CVL", "SPY", "BUS", "MED", "JRN",
          "EDU", "REL", "CRM", "UAF", "PRE", "PRM", "REF", "NGO", "LAB", "AGR", "ELI", "UNK",
          "SOC", "IGO")

# old multivector / Phoenix (CAMEO) codes -> PLOVER
OLD_TO_PLOVER = {
    "OPP": "CVL",  # opposition, protesters
    "ACT": "CVL",  # activists
    "HLH": "MED",  # health (CAMEO) -> medical (PLOVER)
    "HRI": "NGO",  # human-rights organisations
    "DEV": "GOV",  # development agencies (CAMEO GOVDEV)
    "ENV": "SOC",
    "INS": "REB",  # insurgents
    "SEP": "REB",  # separatists
    "MOD": "UNK",
    "RAD": "UNK",
    "NON": "UNK",
    "JNK": "UNK",
    "MNC": "BUS",
    "IGO": "IGO",
    "KID": "NGO",
    "MUS": "REL", "CHR": "REL", "JEW": "REL", "HIN": "REL", "BUD": "REL", "CTH": "REL",
    "SHI": "REL", "SUN": "REL", "ORT": "REL", "PRO": "REL", "SIK": "REL",
}
# our old code MED meant media: callers that know they hold an OLD code map it with old=True
OLD_MEDIA = "MED"


def canonical(code: str | None, old: bool = False) -> str | None:
    """The PLOVER sector for a code. ``old=True``: the code comes from our pre-PLOVER
    vocabulary (or Phoenix/CAMEO), where MED meant media (now JRN) and HLH health (now MED)."""
    if not code:
        return None
    c = code.strip().upper().lstrip("~")
    if old and c == OLD_MEDIA:
        return "JRN"
    if c in PLOVER:
        return c
    return OLD_TO_PLOVER.get(c, c if len(c) == 3 else None)


def from_cameo(code: str, old: bool = True) -> str | None:
    """The first sector found in a CAMEO-style code after its 3-letter country/IGO prefix:
    'AFGGOV' -> GOV, 'RUSGOVMED' -> GOV, 'PSEREBHMS' -> REB, 'IGOUNO' -> IGO."""
    c = code.strip().upper()
    if c.startswith("IGO"):
        return "IGO"
    if len(c) <= 3:
        return canonical(c) if c in PLOVER else None
    rest = c[3:]
    for i in range(0, len(rest) - 2, 3):
        s = canonical(rest[i:i + 3], old=old)
        if s in PLOVER:
            return s
    return None


def composite(country: str | None, sector: str | None) -> str | None:
    """CAMEO-style composite code: ``RUSMIL``; no country -> ``---REB``; a state alone -> ``RUS``."""
    if not sector:
        return country
    return f"{country or '---'}{sector}"
