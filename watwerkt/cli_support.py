"""Shared behaviour of every ``watwerkt`` command: one-line errors, tracebacks only with --debug.

Command modules (``cli_*.py``) decorate their commands with
:func:`handle_errors` so that every command maps errors the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from watwerkt.errors import WatwerktError
from watwerkt.messages import message

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn WatwerktError into a one-line message and exit 1 (traceback with --debug)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        debug = bool(ctx.find_root().params.get("debug"))
        try:
            return func(*args, **kwargs)
        except WatwerktError as exc:
            if debug:
                raise
            click.echo(message("cli.error", None, detail=exc.render()), err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except Exception as exc:  # an unexpected failure: one line, traceback only with --debug
            if debug:
                raise
            detail = f"{type(exc).__name__}: {exc}".splitlines()[0]
            click.echo(message("cli.error", None, detail=detail), err=True)
            click.echo(message("cli.debug_hint"), err=True)
            ctx.exit(2)

    return wrapper  # type: ignore[return-value]
