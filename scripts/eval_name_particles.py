#!/usr/bin/env python
# usage: PYTHONPATH=src .venv/bin/python scripts/eval_name_particles.py
"""Recognition of KB people whose names hold lower-case particles (da, van, al-, bin ...), in a
neutral sentence written for this check. Deterministic sample: every 7th such name, max 200."""
import re

from multivector.actors.api import load_kb
from multivector.pipeline import Pipeline

kb = load_kb()
P = r"\b(?:al|ad|as|ash|ben|bin|bint|da|das|de|del|della|den|der|di|do|dos|du|el|ibn|la|le|ter|van|von|y|zu)\b"
names = sorted({a.name for a in kb.actors.values() if a.type == "person" and not a.discovered
                and re.search(P + r"[\s-]", a.name) and a.name[:1].isupper() and a.name.isascii()
                and len(a.name.split()) >= 3})
sample = names[::7][:200]
p = Pipeline()
ok = 0
for n in sample:
    d = p.analyze_text(f"Officials said {n} arrived in the capital on Monday.", source="x.txt")
    ids = {m.actor_id for m in d.mentions if m.actor_id}
    want = {e.actor_id for e in kb.lookup(n)}
    ok += bool(ids & want)
print(f"{len(names)} particle names in the KB; sample {len(sample)}: resolved {ok} = {ok/len(sample):.3f}")
