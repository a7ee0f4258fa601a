"""The ``policykg`` command: a thin click layer over the library.

Every library error becomes one line on stderr and exit status 1 (2 for usage errors); a traceback
appears only with ``--debug``. Command modules are imported lazily so ``policykg --help`` stays fast.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

COMMANDS = {
    "build": "policykg.cmd_build",
    "queries": "policykg.cmd_queries",
    "query": "policykg.cmd_query",
    "view": "policykg.cmd_view",
    "export": "policykg.cmd_export",
    "validate": "policykg.cmd_validate",
    "ontology": "policykg.cmd_ontology",
    "serve": "policykg.cmd_serve",
    "push": "policykg.cmd_push",
}
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (or its help is asked for)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[name])
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from policykg.summaries import SUMMARIES

        with formatter.section("Commands"):
            formatter.write_dl([(n, SUMMARIES.get(n, "")) for n in self.list_commands(ctx)])

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except (KeyboardInterrupt, BrokenPipeError):
            sys.exit(130)
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            if _is_user_error(exc):
                click.echo(f"policykg: error: {exc}", err=True)
                sys.exit(1)
            if isinstance(exc, OSError) and exc.filename is None and exc.strerror:
                click.echo(f"policykg: error: cannot write the output: {exc.strerror}", err=True)
                sys.exit(1)  # stdout on a full disk or a closed terminal: no file of ours is named
            click.echo(
                f"policykg: internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
                " (run with --debug for details)",
                err=True,
            )
            sys.exit(1)


def _is_user_error(exc: Exception) -> bool:
    """Every layer's error for input a user must fix derives from :class:`PolicykgError`."""
    from policykg.ontology.errors import PolicykgError

    return isinstance(exc, PolicykgError)


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """Print the version; read from the package metadata only when asked (a fifth of startup otherwise)."""
    if value and not ctx.resilient_parsing:
        from policykg import __version__

        click.echo(f"policykg, version {__version__}")
        ctx.exit()


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Show the version and exit.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build, query and explore a knowledge graph of the policies and outcomes in government work reports.

    \b
    Example:
      policykg build                       # the bundled Shanxi 2024 report -> policykg-out/graph.ttl
      policykg query observations --format csv > observations.csv
      policykg view -o policykg-out/overview.html
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
