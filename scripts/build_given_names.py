"""Build ``src/multivector/lang/en/given_names.tsv``: given names with the gender they
almost always have, for attributing "he"/"she" to the right person.

Sources (both free to redistribute):

* the 1990 US Census name frequency lists ``dist.male.first`` / ``dist.female.first`` (US
  government work, public domain) as shipped in the PyPI package ``names`` 0.3.0 (MIT);
* the first names and ``bio.gender`` of ``../shared/kb-sources/us-legislators-current.yaml`` and
  ``us-executive.yaml`` (unitedstates/congress-legislators, CC0).

A Census name goes in when at least 90% of the people with it (by the two lists' shares, which
cover populations of about equal size) have one gender; a legislator's name when all legislators
with it have one gender and the Census does not say the opposite. Names whose gender is mixed
("Jordan", "Leslie") are left out, so they give no evidence at all.

    python scripts/build_given_names.py --names-sdist names-0.3.0.tar.gz [--kb ../shared/kb-sources]
"""

from __future__ import annotations

import argparse
import tarfile
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parent.parent / "src" / "multivector" / "lang" / "en" / "given_names.tsv"


def census(sdist: Path) -> dict[str, dict[str, float]]:
    share: dict[str, dict[str, float]] = {}
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            for g, fname in (("m", "dist.male.first"), ("f", "dist.female.first")):
                if member.name.endswith("/" + fname):
                    fh = tar.extractfile(member)
                    assert fh is not None
                    for line in fh.read().decode("ascii").splitlines():
                        cols = line.split()
                        if len(cols) >= 2:
                            share.setdefault(cols[0].capitalize(), {"m": 0.0, "f": 0.0})[g] += float(cols[1])
    return share


def legislators(kb: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for fname in ("us-legislators-current.yaml", "us-executive.yaml"):
        p = kb / fname
        if not p.is_file():
            continue
        for person in yaml.safe_load(p.read_text(encoding="utf-8")) or []:
            first = ((person.get("name") or {}).get("first") or "").strip()
            gender = ((person.get("bio") or {}).get("gender") or "").lower()
            if first and gender in ("m", "f") and first.replace("-", "").isalpha():
                out.setdefault(first, set()).add(gender)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--names-sdist", type=Path, required=True)
    ap.add_argument("--kb", type=Path, default=Path("../shared/kb-sources"))
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    result: dict[str, str] = {}
    shares = census(a.names_sdist)
    for name, s in shares.items():
        total = s["m"] + s["f"]
        if total <= 0:
            continue
        if s["m"] / total >= 0.9:
            result[name] = "m"
        elif s["f"] / total >= 0.9:
            result[name] = "f"
    for name, genders in legislators(a.kb).items():
        if len(genders) != 1 or name in result:
            continue
        g = next(iter(genders))
        s = shares.get(name)
        if s and s["m" if g == "f" else "f"] > s[g]:
            continue
        result[name] = g
    lines = ["# given name<TAB>gender (m/f); built by scripts/build_given_names.py from the 1990 US Census",
             "# first-name lists (public domain, via the PyPI package names 0.3.0, MIT) and US legislators (CC0)"]
    lines += [f"{n}\t{g}" for n, g in sorted(result.items())]
    a.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{a.out}: {len(result)} names")


if __name__ == "__main__":
    main()
