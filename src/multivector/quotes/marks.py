"""Find quoted passages from quotation marks alone (no parse needed).

Handles straight and typographic marks of several traditions (" “ ” ‘ ’ ' « » „ 「 」 『 』),
nesting, quotes that run over several paragraphs (the opening mark repeated at each new
paragraph, no closing mark until the last one), and an odd number of marks: an opening mark
that is never closed runs to the end of its paragraph, and a closing mark without an opening
one can start at its paragraph's beginning when the paragraph before leads into it. Those
recovered spans are flagged so the caller can lower its confidence.

Why by hand and not a regex: apostrophes, possessives and mis-typed marks ("”" used to open)
make regexes either miss quotes or pair the wrong marks across a whole article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# opening mark -> closing marks it accepts
OPENERS: dict[str, tuple[str, ...]] = {
    "“": ("”", "“", '"'),
    '"': ('"', "”", "“"),
    "”": ("”", "“", '"'),  # ” typed as an opening mark
    "„": ("“", "”", '"'),
    "«": ("»",),
    "»": ("«",),  # Danish/Swedish reversed guillemets; only used when no « opened
    "「": ("」",),
    "『": ("』",),
    "‘": ("’", "'"),
    "'": ("'", "’"),
    "‹": ("›",),
}
DOUBLE = set("“”\"„«»「」『』")
SINGLE = set("‘’'‹›")
ALL_MARKS = DOUBLE | SINGLE
OPEN_CONTEXT = set(" \t\n([{—–―-/:;,“\"„«‘'「『\u00a0")  # characters that may precede an opening mark
DASHES = "—–―-•·*"


@dataclass
class MarkSpan:
    """A quoted passage: marks at ``open_at`` and ``close_at`` (the latter may be None when
    recovered), content in ``[start, end)`` with surrounding blanks stripped."""

    start: int
    end: int
    open_at: int | None
    close_at: int | None
    open_char: str
    close_char: str | None
    depth: int = 0  # 0 = outermost
    paragraphs: list[int] = field(default_factory=list)  # paragraph indexes it covers
    recovered: str | None = None  # 'unclosed', 'unopened' or None

    @property
    def outer_start(self) -> int:
        return self.open_at if self.open_at is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


def _is_word(ch: str) -> bool:
    return ch.isalnum()


SENTENCE_END = ".?!…"


def _reopens(text: str, i: int, lo: int, stack: list) -> bool:
    """A double opening mark at a sentence start while a double quote of the same kind is open
    and unclosed: the quote's next paragraph, run into this one (BBC and agency copy repeat the
    opening mark at each quoted paragraph and close only the last; cleaned text often joins
    those paragraphs). The same mark does not nest inside itself, so this mark continues the
    open quote instead of opening a second one that would swallow the rest of the paragraph."""
    ch = text[i]
    if ch not in ('"', "“") or not stack or stack[-1][0] not in ('"', "“", "”"):
        return False
    j = i - 1
    if j < lo or not text[j].isspace():
        return False
    while j >= lo and text[j].isspace():
        j -= 1
    while j >= lo and text[j] in ")]’'":
        j -= 1
    return j >= lo and text[j] in SENTENCE_END and i + 1 < len(text) and _is_word(text[i + 1])


def _classify(text: str, i: int, lo: int, hi: int, stack: list) -> str | None:
    """'open', 'close', 'reopen' (see ``_reopens``) or None (an apostrophe or a mark that
    cannot be placed)."""
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    open_chars = [s[0] for s in stack]
    if _reopens(text, i, lo, stack):
        return "reopen"
    if ch in ("«", "„", "「", "『", "‹"):
        return "open"
    if ch in ("」", "』", "›"):
        return "close"
    if ch == "»":
        return "close" if "«" in open_chars or not (prev in OPEN_CONTEXT and not nxt.isspace()) else "open"
    if ch == "“":
        if any(o == "„" for o in open_chars):
            return "close"
        # a “ after a word and before a blank closes an open “ (typesetting slip)
        if open_chars and open_chars[-1] in ("“", '"') and not prev.isspace() and (
            nxt.isspace() or nxt in ",.;:!?)" or i + 1 >= hi
        ):
            return "close"
        return "open"
    if ch == "”":
        if any(o in ("“", '"', "„", "”") for o in open_chars):
            return "close"
        if prev in OPEN_CONTEXT and _is_word(nxt):
            return "open"  # ” used as an opening mark
        return "close"
    if ch == '"':
        if open_chars and open_chars[-1] in ('"', "“", "„", "”"):
            if not prev.isspace() or not _is_word(nxt):
                return "close"
        elif any(o in ('"', "“", "„", "”") for o in open_chars) and not prev.isspace() and not _is_word(nxt):
            return "close"  # ',’"' / ",'"': closes the double quote around an unclosed single one
        if prev in OPEN_CONTEXT or i == lo:
            return "open"
        return "close"
    # single marks: only when they look like quotation marks, never inside a word
    if ch in ("‘", "'"):
        if ch == "'" and open_chars and open_chars[-1] in ("'", "‘") and not _is_word(nxt) and not prev.isspace():
            return "close"  # "… here,'" closes the single quote it ends
        if _is_word(prev):
            # "don't" / "Russia's": apostrophe; a closing ' after a word with an open single
            if ch == "'" and open_chars and open_chars[-1] in ("'", "‘") and not _is_word(nxt):
                return "close"
            return None
        if (prev in OPEN_CONTEXT or i == lo) and not nxt.isspace():
            return "open"
        if ch == "'" and open_chars and open_chars[-1] in ("'", "‘"):
            return "close"
        return None
    if ch == "’":
        if _is_word(nxt) and _is_word(prev):
            return None  # apostrophe inside a word
        if open_chars and open_chars[-1] in ("‘", "'") or any(o in ("‘", "'") for o in open_chars):
            return "close" if not _is_word(nxt) else None
        return None
    return None


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def find_marks(text: str, paragraphs: list[tuple[int, int]]) -> list[MarkSpan]:
    """All quoted passages in ``text`` whose paragraphs are ``[(start, end), ...]``.

    Returned sorted by opening position; nested quotes are included with ``depth > 0``."""
    # typewriter doubles (''...'' and ``...'') act as one double mark: scan a same-length copy
    # where the pair is '"' plus a blank, so offsets stay valid
    if "''" in text or "``" in text:
        text = text.replace("''", '" ').replace("``", '" ')
    spans: list[MarkSpan] = []
    carry: tuple[str, int, int] | None = None  # unclosed outer double open continued from before
    carry_paras: list[int] = []
    stray_closes: list[tuple[int, int, str]] = []  # (paragraph idx, position, char)
    n = len(paragraphs)
    for pi, (lo, hi) in enumerate(paragraphs):
        stack: list[tuple[str, int, int]] = []  # (char, position, paragraph)
        first = lo
        while first < hi and (text[first].isspace() or text[first] in DASHES):
            first += 1
        if carry is not None:
            if first < hi and text[first] in DOUBLE and text[first] in (carry[0], "“", '"', "«", "„"):
                # the repeated opening mark of a multi-paragraph quote: skip it
                stack.append(carry)
                carry_paras.append(pi)
                i = first + 1
            else:
                stack.append(carry)
                carry_paras.append(pi)
                i = lo
            carry = None
        else:
            i = lo
        while i < hi:
            ch = text[i]
            if ch not in ALL_MARKS:
                i += 1
                continue
            role = _classify(text, i, lo, hi, stack)
            if role == "reopen":
                pass
            elif role == "open":
                stack.append((ch, i, pi))
            elif role == "close":
                match = None
                for k in range(len(stack) - 1, -1, -1):
                    if ch in OPENERS.get(stack[k][0], ()):
                        match = k
                        break
                if match is None:
                    if ch in DOUBLE:
                        stray_closes.append((pi, i, ch))
                else:
                    och, opos, opara = stack[match]
                    del stack[match:]
                    a, b = _strip(text, opos + 1, i)
                    paras = list(range(opara, pi + 1))
                    if b > a:
                        spans.append(MarkSpan(a, b, opos, i, och, ch, depth=match, paragraphs=paras))
            i += 1
        # paragraph end: single marks never run past a paragraph
        doubles = [s for s in stack if s[0] in DOUBLE]
        if doubles:
            outer = doubles[0]
            nxt_first = None
            if pi + 1 < n:
                a2, b2 = paragraphs[pi + 1]
                j = a2
                while j < b2 and (text[j].isspace() or text[j] in DASHES):
                    j += 1
                nxt_first = text[j] if j < b2 else None
            # inner unclosed opens: drop them (a stray mark inside a quote)
            if nxt_first is not None and nxt_first in DOUBLE and nxt_first in ("“", '"', "«", "„", outer[0]):
                carry = outer
            else:
                a, b = _strip(text, outer[1] + 1, hi)
                if b > a:
                    spans.append(
                        MarkSpan(a, b, outer[1], None, outer[0], None, depth=0,
                                 paragraphs=list(range(outer[2], pi + 1)), recovered="unclosed")
                    )
    # stray closing marks: a quote that opens at its paragraph start when the paragraph before
    # runs into it (ends with a comma, a colon or no sentence-final punctuation)
    covered = [(s.outer_start, s.outer_end) for s in spans]
    for pi, pos, ch in stray_closes:
        lo, hi = paragraphs[pi]
        if any(a <= pos < b for a, b in covered):
            continue
        if pi == 0:
            continue
        plo, phi = paragraphs[pi - 1]
        prev_text = text[plo:phi].rstrip()
        if not prev_text or prev_text[-1] in ".!?…»”\"":
            continue
        a, b = _strip(text, lo, pos)
        while a < b and text[a] in DASHES:
            a += 1
        a, b = _strip(text, a, b)
        if b > a and not any(a <= s.start < pos for s in spans if s.depth == 0):
            spans.append(MarkSpan(a, b, None, pos, ch, ch, depth=0, paragraphs=[pi], recovered="unopened"))
    spans.sort(key=lambda s: (s.outer_start, s.depth))
    return spans
