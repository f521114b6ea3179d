"""multivector.actors: the actor knowledge base, recognition and linking of actor mentions.

Public API for other stages (see docs/actors.md): :func:`actor_at`, :func:`mentions_in`,
:func:`actor_ref`, :func:`resolve_phrase`, :func:`load_kb` (``KnowledgeBase.get(id)``).
"""

from .api import actor_at, actor_ref, load_kb, mentions_in, resolve_phrase

__all__ = ["actor_at", "actor_ref", "load_kb", "mentions_in", "resolve_phrase"]
