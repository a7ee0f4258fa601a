"""``policykg queries``: the named query library at a glance."""

from __future__ import annotations

import click


@click.command("queries", context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="Language of the summaries."
)
def command(lang: str) -> None:
    """List the named queries with their one-line summaries and parameters.

    \b
    Example:
      policykg queries --lang zh
    """
    from policykg.queries import list_queries

    items = list_queries()
    width = max(len(q.name) for q in items)
    for q in items:
        summary = q.summary_zh if lang == "zh" and q.summary_zh else q.summary_en
        params = " ".join(f"[{p.name}={p.default or '…'}]" for p in q.params)
        click.echo(f"{q.name:<{width}}  {summary}" + (f"  {params}" if params else ""))
