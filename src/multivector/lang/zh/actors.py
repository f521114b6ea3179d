"""Chinese paragraphs: longest-match of the knowledge base's zh aliases.

Chinese has no spaces and the news abbreviates countries to one character (俄 Russia, 美 the US,
哈 Kazakhstan, 乌 Ukraine). A one-character alias is accepted only where it is used as a country
abbreviation: next to another one (俄乌, 中美), or before 方/官/军/政/总/外/国内 ("哈官方").
"""

from __future__ import annotations

import re

from ...actors.candidates import Cand
from ...actors.kb import KnowledgeBase
from .. import lexicon as lang_lexicon

SINGLE_OK_AFTER = lang_lexicon("zh").words("single_ok_after")
STATE_AGENT_WORDS = lang_lexicon("zh").table("state_agent_words")
CJK = re.compile(r"[\u4e00-\u9fff]")


class ChineseRecognizer:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.table = kb.index.get("zh", {})
        keys = sorted((k for k in self.table if CJK.search(k)), key=len, reverse=True)
        self.singles = {k for k in keys if len(k) == 1}
        self.regex = re.compile("|".join(re.escape(k) for k in keys)) if keys else None

    def paragraph(self, text: str, base: int, date: str | None = None) -> list[Cand]:
        if self.regex is None or not CJK.search(text):
            return []
        out = []
        matches = list(self.regex.finditer(text))
        covered = 0
        for i, m in enumerate(matches):
            key = m.group(0)
            if m.start() < covered:
                continue  # inside a state + institution phrase already taken
            if key in self.singles:
                nxt = text[m.end():m.end() + 1]
                prev_adj = i > 0 and matches[i - 1].end() == m.start() and matches[i - 1].group(0) in self.singles
                next_adj = (i + 1 < len(matches) and matches[i + 1].start() == m.end()
                            and matches[i + 1].group(0) in self.singles)
                if not (nxt in SINGLE_OK_AFTER or prev_adj or next_adj):
                    continue
            entries = self.table[key]
            entry = sorted(entries, key=lambda e: {"name": 0, "metonym": 1, "capital": 2}.get(e.kind, 3))[0]
            actor = self.kb.actors[entry.actor_id]
            method = {"capital": "metonym", "metonym": "metonym"}.get(entry.kind, "gazetteer")
            if method == "gazetteer" and key != actor.name:
                method = "alias"
            agent = self._agent_after(text, m.end()) if actor.type == "state" else None
            if agent and any(n.start() == m.end() + len(agent[0]) and self._person(n.group(0))
                             for n in matches[i + 1:i + 3]):
                agent = None  # "哈萨克斯坦总统托卡耶夫": a title before a name is the person's
            derived = self.kb.derived(actor.id, agent[1]) if agent else None
            if agent and derived is not None:
                # "中国外交部发言人" (the Chinese foreign ministry's spokesperson) = CHNGOV
                end = m.end() + len(agent[0])
                covered = end
                out.append(Cand(base + m.start(), base + end, derived.id, "demonym", language="zh",
                                sector=agent[1], meta={"agent": agent[0], "country": actor.id}))
                continue
            out.append(Cand(base + m.start(), base + m.end(), actor.id, method, language="zh",
                            person=actor.type == "person",
                            kind="person" if actor.type == "person" else "name",
                            sector=actor.sector))
        return out

    @staticmethod
    def _agent_after(text: str, pos: int) -> tuple[str, str] | None:
        """(word, sector) of the longest institution or office word starting at ``pos``."""
        best = None
        for word, sector in STATE_AGENT_WORDS.items():
            if text.startswith(word, pos) and (best is None or len(word) > len(best[0])):
                best = (word, str(sector))
        return best

    def _person(self, key: str) -> bool:
        return any(self.kb.actors[e.actor_id].type == "person" for e in self.table.get(key, []))
