"""Languages as data: per-language word lists (``lexicon``) and the language registry.

* ``lexicon("en").words("reporting_verbs")``: word lists from ``lang/<code>/*.yaml``
  (see :mod:`multivector.lang.lexicon` for user folders via ``MULTIVECTOR_LEXICON_DIRS``);
* ``register_language(code, ...)``: a language's script, parser, actor recogniser and its own
  quote, event and stance coders (see :mod:`multivector.lang.registry`); a language with code
  of its own is one folder, ``lang/<code>/``, whose ``register()`` makes that call (``en``,
  ``ru``, ``zh``; :mod:`multivector.lang.builtin` walks ``languages.yaml``);
  ``routes(doc, layer)``: which coder reads which paragraphs;
* ``languages()``: the one list of supported languages.

How to add a language: docs/languages.md.
"""

from .lexicon import ENV_DIRS, Lexicon, LexiconError, lexicon, user_dirs
from .registry import (
                       CODED_LAYERS,
                       PUNCTUATION,
                       SPACY,
                       DocParser,
                       EventCoder,
                       Language,
                       LanguageError,
                       QuoteCoder,
                       Recogniser,
                       StanceCoder,
                       default_languages,
                       doc_parser,
                       fallback_order,
                       get_language,
                       kb_name_languages,
                       languages,
                       own_parser_languages,
                       parsed_languages,
                       parser_for,
                       register_language,
                       routes,
                       script_languages,
                       unregister_language,
)

__all__ = ["CODED_LAYERS", "ENV_DIRS", "PUNCTUATION", "SPACY", "DocParser", "EventCoder",
           "Language", "LanguageError", "Lexicon", "LexiconError", "QuoteCoder", "Recogniser",
           "StanceCoder", "default_languages", "doc_parser", "fallback_order", "get_language",
           "kb_name_languages", "languages", "lexicon", "own_parser_languages",
           "parsed_languages", "parser_for", "register_language", "routes", "script_languages",
           "unregister_language", "user_dirs"]
