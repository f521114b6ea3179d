"""``attributed_to`` of an event reported inside a quote: which quote, and who said it.

One place for every coder (English patterns, statements, Russian, Chinese): news attribution
keeps a factual clause asserted and records its reporter here (issue 12, modality)."""

from __future__ import annotations

from ..doc import ActorRef, Quote


def attributed_to(quote: Quote | None) -> dict | None:
    """The quote's id, its speaker's name and actor id (None without a quote)."""
    if quote is None:
        return None
    sp = ActorRef.coerce(quote.speaker) if quote.speaker is not None else None
    return {"quote_id": quote.id, "source": sp.name if sp else None,
            "actor_id": sp.id if sp else None}
