"""Languages as data: per-language word lists (``lexicon``) and the language registry.

* ``lexicon("en").words("reporting_verbs")``: word lists from ``lang/<code>/*.yaml``
  (see :mod:`multivector.lang.lexicon` for user folders via ``MULTIVECTOR_LEXICON_DIRS``);
* ``register_language(code, ...)``: a language's script, parser and actor recogniser
  (see :mod:`multivector.lang.registry`; built-ins in :mod:`multivector.lang.builtin`);
* ``languages()``: the one list of supported languages.

How to add a language: docs/languages.md.
"""

from .lexicon import ENV_DIRS, Lexicon, LexiconError, lexicon, user_dirs
from .registry import (
                       PUNCTUATION,
                       SPACY,
                       DocParser,
                       Language,
                       LanguageError,
                       Recogniser,
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
                       script_languages,
                       unregister_language,
)

__all__ = ["ENV_DIRS", "PUNCTUATION", "SPACY", "DocParser", "Language", "LanguageError",
           "Lexicon", "LexiconError", "Recogniser", "default_languages", "doc_parser",
           "fallback_order", "get_language", "kb_name_languages", "languages", "lexicon",
           "own_parser_languages", "parsed_languages", "parser_for", "register_language",
           "script_languages", "unregister_language", "user_dirs"]
