"""Templates to text: a message's subject and body, and the HTML of letters and statements.

Messages (``<name>.<lang>.txt``) are plain text, rendered without escaping
(no HTML reader sees them) and sent as the text part of an
:class:`email.message.EmailMessage`, whose headers are built by the library:
a subject is one line, a name cannot add a header. Paper (``*.html``) is
rendered with autoescaping on, so a client named ``<b>`` prints as text.
A template that does not compile or names an unknown field is refused with
its file and line before anything is sent (:func:`check`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)

from callcenter.domain.record import record
from callcenter.i18n import CodedError, Locale

LANGS = ("fr", "en")
#: The message templates shipped (``<name>.<lang>.txt``), each in both languages.
SHIPPED = (
    "pre_due",
    "reminder_1",
    "reminder_2",
    "formal_notice",
    "promise_confirmation",
    "statement",
    "invoice_copy",
)


class TemplateBroken(CodedError):
    """A template that cannot be used: its file, line and what is wrong."""

    def __init__(self, file: str, line: int | None, reason: str) -> None:
        super().__init__("funnel.template_broken", file=file, line=line or 1, reason=reason)
        self.file, self.line, self.reason = file, line, reason


@record(slots=False)
class Rendered:
    subject: str
    body: str


def environment(folder: str | Path = "") -> Environment:
    """The settings' folder first (when named), then the shipped templates."""
    loaders: list = []
    if folder:
        loaders.append(FileSystemLoader(str(folder)))
    loaders.append(PackageLoader("callcenter.letters", "templates"))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def message_file(name: str, lang: str) -> str:
    return f"{name}.{lang}.txt"


def check(env: Environment, names: Iterable[str], sample: Mapping[str, Any]) -> None:
    """Compile and try each message template in every language on ``sample`` fields."""
    for name in sorted(set(names)):
        for lang in LANGS:
            render_message(env, name, lang, {**sample, "lang": lang})


def render_message(env: Environment, name: str, lang: str, fields: Mapping[str, Any]) -> Rendered:
    """Subject (the template's ``{% set subject %}``) and body of one message."""
    file = message_file(name, lang)
    with _located(env, file):
        template = env.get_template(file)
        module = template.make_module(dict(fields))
        subject = " ".join(str(getattr(module, "subject", "")).split())
        body = str(module).strip() + "\n"
    if not subject:
        raise TemplateBroken(_where(env, file), None, "no {% set subject %} in the template")
    return Rendered(subject, body)


def render_page(env: Environment, file: str, fields: Mapping[str, Any], lang: str) -> str:
    """A letter or statement page (HTML, escaped), words from the catalogue via ``t``."""
    ui = Locale(lang)
    with _located(env, file):
        return env.get_template(file).render(dict(fields), t=ui.t)


@contextmanager
def _located(env: Environment, file: str) -> Iterator[None]:
    """Turn Jinja2's errors into :class:`TemplateBroken` naming the file and line."""
    try:
        yield
    except TemplateBroken:
        raise
    except TemplateNotFound as exc:
        raise TemplateBroken(file, None, "no such template") from exc
    except TemplateSyntaxError as exc:
        raise TemplateBroken(exc.filename or file, exc.lineno, exc.message or "") from exc
    except (TemplateError, TypeError, ValueError, AttributeError) as exc:
        try:  # Jinja2 maps the compiled code's frames back to template lines
            env.handle_exception()
        except Exception as rewritten:  # noqa: BLE001 - the same error, its traceback mapped
            where, line = _template_frame(rewritten.__traceback__, file)
        raise TemplateBroken(where or _where(env, file), line, str(exc)) from exc


def _where(env: Environment, file: str) -> str:
    try:
        source = env.loader.get_source(env, file) if env.loader else None
    except TemplateNotFound:
        return file
    return (source[1] or file) if source else file


def _template_frame(tb, file: str) -> tuple[str | None, int | None]:
    """The template's own file and line in a rendering traceback (Jinja2 rewrites it so)."""
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".txt")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


__all__ = ["SHIPPED", "Rendered", "TemplateBroken", "check", "environment", "render_message"]
