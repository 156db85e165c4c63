"""The language the checks speak: English by default, Korean in the Korean edition.

Every message of `gru_course.checks` is an English `str.format` template passed through `tr()`
(translated when the message is made) or `tr_later()` (for messages made when a module is
imported, such as the hints of catalogued mistakes: translated when shown). The Korean templates
are in `messages_ko.MESSAGES`, keyed by the English template; a Korean notebook's first code cell
calls `gru_course.use_language("ko")`. A template without a translation falls back to English,
and a test (tests/test_messages.py) fails on it.
"""
from __future__ import annotations

LANGUAGES = ("en", "ko")
_language = "en"


def use_language(language: str) -> None:
    """Make the checks' messages speak `language`: "en" (English) or "ko" (Korean)."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    _language = language


def language() -> str:
    """The language chosen with use_language ("en" unless a notebook chose another)."""
    return _language


def tr(template: str) -> str:
    """`template` in the chosen language (a str.format template; the English is the key)."""
    if _language == "en":
        return template
    from .messages_ko import MESSAGES
    return MESSAGES.get(template, template)


class Deferred(str):
    """A message whose language is chosen when it is shown (str(), f-strings, .format()).

    As a str it holds the English text, so it compares and searches as before.
    """

    def __new__(cls, template: str, values: dict | None = None):
        self = super().__new__(cls, template.format(**values) if values else template)
        self.template, self.values = template, values or {}
        return self

    def format(self, **values) -> "Deferred":        # noqa: A003 - str.format, deferred
        return Deferred(self.template, values)

    def __str__(self) -> str:
        text = tr(self.template)
        return text.format(**self.values) if self.values else text

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def tr_later(template: str) -> Deferred:
    """`template`, translated into the chosen language when it is shown, not now."""
    return Deferred(template)
