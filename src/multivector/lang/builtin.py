"""The built-in languages, registered the way a plugin registers its own.

``register`` is the entry point named in ``pyproject.toml`` under ``multivector.languages``;
a plugin package declares its own function there and calls ``register_language`` the same way.
It walks ``languages.yaml`` in order: a language that is only data (name, script, detection)
is registered from its line; a language with code of its own is a package, ``lang/<code>/``
(``en``, ``ru``, ``zh``), whose ``register()`` calls ``register_language`` itself, exactly as a
plugin does, and whose modules (parser, recogniser, coders) sit beside its word lists.

Those packages import nothing heavy when registered (their coders import their modules on
first call): the stage packages import ``multivector.lang``, and natasha must not load for an
English-only run.
"""

from __future__ import annotations

import importlib
from importlib import resources

from .. import yamlload
from .registry import LanguageError, register_language

PACKAGE = "package"  # the languages.yaml value of a language that registers itself


def register() -> None:
    """Register every language of ``languages.yaml``, in its order."""
    text = resources.files(__package__).joinpath("languages.yaml").read_text("utf-8")
    for code, attrs in (yamlload.safe_load(text) or {}).items():
        if attrs == PACKAGE:
            module = importlib.import_module(f"{__package__}.{code}")
            if not callable(getattr(module, "register", None)):
                raise LanguageError(f"language {code!r}: {module.__name__} has no register()")
            module.register()
            continue
        register_language(code, name=attrs.get("name"), script=attrs["script"],
                          detect=bool(attrs.get("detect")),
                          kb_names=bool(attrs.get("kb_names")), replace=True, origin=__name__)
