#!/usr/bin/env python3
"""Build the event ontology data files of ``multivector.events`` from the published sources.

The package never reads ``../shared`` at run time: this script turns the reference files into small
JSON files inside the package, so a release carries its ontology and a change of source is a
reviewed diff. Run it again when the sources change:

    python scripts/build_event_ontology.py [--source ../shared/eval/events] [--out src/multivector/events/data]

Inputs (all in ``--source``):
    PLOVER_MANUAL.tex                 event types, quad category, recipient rule, modes, contexts,
                                      PLOVER conflict-cooperation scores
    PLOVER_structured_codebook.csv    event and mode definitions
    cameo-codes.csv                   CAMEO codes, names, Goldstein scores
    CAMEO2PLOVER-2021.txt             CAMEO -> PLOVER event, mode, context

Outputs: plover.json, cameo.json, cameo2plover.json, plover_legacy.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "eval" / "events"
DEFAULT_OUT = ROOT / "src" / "multivector" / "events" / "data"

PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT"]

QUAD_NUMBERS = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3,
                "MATERIAL CONFLICT": 4}

# PLOVER 0.5b1 (the version of PLOVER_GSR_CAMEO.json) used CAMEO-like names for some types; the
# manual's "PLOVER equivalents to CAMEO cue categories" table gives the current name for each.
LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
          "FIGHT": "ASSAULT", "YIELD": "CONCEDE", "APPEAL": "REQUEST"}

# CAMEO 01 (statements) and 02 (appeals) are "dropped" in the PLOVER table. Our decision, kept
# here so it is documented and reproducible: appeals are requests, so 02x maps to REQUEST with the
# mode of the matching 10x demand; statements stay uncoded (None), except CAMEO 016 (deny
# responsibility: "rejected the accusation"), which is REJECT, the exception the PLOVER manual
# names ("a CAMEO 016: Deny responsibility might be considered REJECT", section on CAMEO
# conversion; 2026-12-03).
APPEAL_TO_DEMAND_PREFIX = ("02", "10")
STATEMENTS_CODED = {"016": "REJECT"}

# Where the 2021 conversion table and the manual disagree, the manual wins (our decision,
# 2026-12-03): the table maps CAMEO 163 (impose embargo, boycott or sanctions) to COERCE
# `restrict`, but the manual's SANCTION section says "International (political or economic)
# sanctions are coded as `discontinue'" (a reduction of relations, as WEIS and CAMEO's 16 and
# PLOVER 0.5b1, the version of PLOVER_GSR_CAMEO.json, code them); COERCE `restrict' is for
# restrictions on people's freedoms and movement.
MANUAL_OVERRIDES = {"163": {"plover": "SANCTION", "mode": "discontinue",
                            "contexts": ["diplomatic", "economic"],
                            "note": "Impose embargo, boycott, or sanctions (SANCTION `discontinue' "
                                    "per the PLOVER manual; the 2021 table says COERCE)"}}


def _tex_clean(s: str) -> str:
    s = re.sub(r"\\cellcolor\{[^}]*\}", "", s)
    s = re.sub(r"\\(?:txt|plcat|plcon|plmod|textit|emph|ti|texttt|hyperref\[[^\]]*\])\{([^}]*)\}",
               r"\1", s)
    s = s.replace("\\_", "_").replace("---", "—").replace("``", '"').replace("''", '"')
    s = s.replace("\\ldots", "...").replace("\\%", "%")
    s = re.sub(r"\\[a-zA-Z]+\*?", "", s)
    return re.sub(r"\s+", " ", s.replace("{", "").replace("}", "")).strip()


def parse_manual(tex: str) -> dict:
    """Event sections, their quad category, recipient rule, modes; the context table; scores."""
    chapter = tex.split("\\chapter{Event Categories}", 1)[1].split("\\chapter{Contexts}", 1)[0]
    parts = re.split(r"\\section\{([A-Z]+)\}", chapter)
    types: dict[str, dict] = {}
    for name, body in zip(parts[1::2], parts[2::2]):
        if name not in PLOVER_TYPES:
            continue
        first = body.split("\\subsection", 1)[0]
        quad = re.search(r"Quad category:\s*([A-Z ]+)\}", body)
        recip = re.search(r"Requires recipient:\s*(Yes|No)", body)
        modes = {}
        for table in re.findall(r"\\begin\{tabular\}(.*?)\\end\{tabular\}", body, re.S):
            for line in table.splitlines():
                line = line.strip()
                if not line or line.startswith(("%", "\\hline", "{", "Name")) or "&" not in line:
                    continue
                m, _, content = line.partition("&")
                m = _tex_clean(m).strip()
                if not m or " " in m and not m.replace(" ", "").isalpha():
                    continue
                if m.lower() != m:
                    continue
                modes[m] = _tex_clean(content.rstrip("\\ ").rstrip("\\"))
        qname = quad.group(1).strip() if quad else None
        types[name] = {
            "name": name,
            "definition": _tex_clean(first)[:600],
            "quad": qname,
            "quad_class": QUAD_NUMBERS.get(qname) if qname else None,
            "requires_recipient": (recip.group(1) == "Yes") if recip else None,
            "modes": modes,
        }
    contexts = {}
    ctab = tex.split("label{tab:general-contexts}", 1)[1].split("\\end{longtable}", 1)[0]
    for line in ctab.splitlines():
        m = re.match(r"\s*(?:\\hyperref\[[^\]]*\]\{([^}]*)\}|([a-z_\\]+))\s*&(.*)\\\\", line)
        if m:
            key = _tex_clean(m.group(1) or m.group(2))
            if key and key != "Name":
                contexts[key] = _tex_clean(m.group(3))
    scores = {}
    stab = tex.split("PLOVER conflict--cooperation scores")[-1].split("\\end{tabular}", 1)[0]
    for line in stab.splitlines():
        cells = [_tex_clean(c) for c in line.rstrip("\\ ").split("&")]
        for label, value in zip(cells[0::2], cells[1::2]):
            label = label.strip()
            try:
                v = float(value.strip().rstrip("\\").strip())
            except ValueError:
                continue
            if ":" in label:
                t, mo = (x.strip() for x in label.split(":", 1))
                scores.setdefault(t, {})[mo.lower()] = v
            elif label in PLOVER_TYPES:
                scores.setdefault(label, {})[""] = v
    for t, info in types.items():
        info["score"] = scores.get(t, {}).get("")
        info["mode_scores"] = {k: v for k, v in scores.get(t, {}).items() if k}
    return {"types": types, "contexts": contexts}


def add_codebook(types: dict, path: Path) -> None:
    with open(path, encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            t = types.get(row["event"].strip())
            if t is None:
                continue
            t.setdefault("examples", [])
            mode = row["mode"].strip()
            if mode and mode not in t["modes"]:
                t["modes"][mode] = row["mode_def"].strip()
            t["examples"].append({"mode": mode or None, "definition": row["mode_def"].strip(),
                                  "notes": row["extraction_notes"].strip() or None})
            if len(row["event_def"]) > len(t.get("codebook_definition", "")):
                t["codebook_definition"] = row["event_def"].strip()


def parse_cameo(path: Path) -> dict:
    out = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            code = row["code"].strip()
            root = code[:2]
            r = int(root)
            quad = 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4
            out[code] = {"name": row["name"].strip(), "goldstein": float(row["goldstein"]),
                         "root": root, "quad_class": quad}
    return out


def parse_cameo2plover(path: Path, cameo: dict) -> dict:
    out: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([^#]*)#?(.*)$", line)
        if not m or len(m.group(1)) == 2 and "," not in m.group(2):
            continue
        fields = [f.strip() for f in m.group(2).split(",")]
        if not fields[0]:
            continue
        plover = fields[0].upper()
        mode = fields[1].strip() if len(fields) > 1 and fields[1].strip() else None
        ctx = [c.strip() for c in fields[2].split(";")] if len(fields) > 2 else []
        out[m.group(1)] = {"plover": plover, "mode": mode, "contexts": [c for c in ctx if c],
                           "note": m.group(3).strip() or None}
    # appeals (02x) -> REQUEST, mode/context copied from the matching demand (10x)
    for code in cameo:
        if code.startswith("02"):
            demand = APPEAL_TO_DEMAND_PREFIX[1] + code[2:]
            base = out.get(demand) or out.get(demand[:3]) or {"mode": None, "contexts": []}
            out[code] = {"plover": "REQUEST", "mode": base["mode"], "contexts": base["contexts"],
                         "note": "appeal: mapped to REQUEST (multivector decision)"}
        elif code in STATEMENTS_CODED:
            out[code] = {"plover": STATEMENTS_CODED[code], "mode": None, "contexts": [],
                         "note": "deny responsibility: mapped to REJECT (multivector decision, "
                                 "the PLOVER manual's suggested exception)"}
        elif code in MANUAL_OVERRIDES:
            out[code] = dict(MANUAL_OVERRIDES[code])
        elif code.startswith("01"):
            out[code] = {"plover": None, "mode": None, "contexts": [],
                         "note": "statement: dropped in PLOVER"}
    return dict(sorted(out.items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    a = ap.parse_args(argv)
    need = ["PLOVER_MANUAL.tex", "PLOVER_structured_codebook.csv", "cameo-codes.csv",
            "CAMEO2PLOVER-2021.txt"]
    missing = [n for n in need if not (a.source / n).is_file()]
    if missing:
        print(f"{a.source}: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    manual = parse_manual((a.source / "PLOVER_MANUAL.tex").read_text(encoding="utf-8"))
    add_codebook(manual["types"], a.source / "PLOVER_structured_codebook.csv")
    missing_types = [t for t in PLOVER_TYPES if t not in manual["types"]]
    if missing_types:
        print(f"PLOVER_MANUAL.tex: no section for {missing_types}", file=sys.stderr)
        return 2
    cameo = parse_cameo(a.source / "cameo-codes.csv")
    c2p = parse_cameo2plover(a.source / "CAMEO2PLOVER-2021.txt", cameo)
    a.out.mkdir(parents=True, exist_ok=True)
    plover = {"version": "PLOVER manual draft 0.8 (2021)",
              "types": [manual["types"][t] for t in PLOVER_TYPES],
              "contexts": manual["contexts"]}

    def dump(name: str, obj) -> None:
        (a.out / name).write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n",
                                  encoding="utf-8")

    dump("plover.json", plover)
    dump("cameo.json", cameo)
    dump("cameo2plover.json", c2p)
    dump("plover_legacy.json", {"0.5b1": LEGACY})
    print(f"{len(plover['types'])} PLOVER types, {len(plover['contexts'])} contexts, "
          f"{len(cameo)} CAMEO codes, {len(c2p)} CAMEO->PLOVER rows -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
