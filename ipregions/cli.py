"""Carry out the commands of build.py and turn editor mistakes into one-line messages.

Room: cli. Imports: errors, inputs, pipeline, preview.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from ipregions.errors import BuildError, EditorError
from ipregions.pipeline import Project, build_site


def print_problems(problems: Iterable[EditorError]) -> None:
    """Print errors and warnings one line each on stderr."""
    for problem in problems:
        print(str(problem), file=sys.stderr)


def summary(problems: list[EditorError]) -> str:
    """Return the closing line of a failed run: errors and warnings counted apart."""
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    text = f"{errors} error{'s' * (errors != 1)}"
    if warnings:
        text += f", {warnings} warning{'s' * (warnings != 1)}"
    return text + "; nothing was written"


def check(arguments: argparse.Namespace, project: Project) -> int:
    """Validate the data, site.yaml and content/, write nothing, and say what is wrong."""
    from ipregions.inputs.config import load_config
    from ipregions.inputs.content import load_content
    from ipregions.inputs.paths import static_files
    from ipregions.pipeline import check_data
    from ipregions.web.render import CONTENT_BLOCKS

    problems: list[EditorError] = []
    checked = None
    try:
        checked = check_data(project.data_dir)
        problems.extend(checked.warnings)
    except BuildError as failure:
        problems.extend(failure.errors)
    for step in (
        lambda: load_config(project.root, base_url=arguments.base_url),
        lambda: load_content(project.content_dir, block_names=CONTENT_BLOCKS),
        lambda: static_files(project.static_dir),
    ):
        try:
            step()
        except BuildError as failure:
            problems.extend(failure.errors)
    if arguments.sources is not None and checked is not None:
        from ipregions.inputs.article_texts import check_quotes_in_texts

        problems.extend(check_quotes_in_texts(checked.model, arguments.sources))
    problems.sort(key=lambda problem: problem.sort_key)
    print_problems(problems)
    if checked is None or any(problem.is_error for problem in problems):
        print(summary(problems), file=sys.stderr)
        return 1
    if not arguments.quiet:
        model = checked.model
        print(
            f"ok: {len(model.facts)} facts, {len(model.milestones)} milestones, "
            f"{len(model.sources)} sources, {len(model.regions)} regions, "
            f"{len(model.metrics)} metrics; {len(problems)} warnings"
        )
    return 0


def build(arguments: argparse.Namespace, project: Project) -> int:
    """Build the site and publish it in one swap."""
    started = time.monotonic()
    if not str(arguments.out).strip():
        hint = "name the folder to build into, such as site"
        raise BuildError([EditorError("--out", 1, 1, "--out is empty", hint)])
    out_dir = Path(arguments.out)
    result = build_site(project, out_dir, base_url=arguments.base_url, quiet=arguments.quiet)
    print_problems(result.warnings)
    if not arguments.quiet:
        pages = sum(1 for name in result.files if name.endswith(".html"))
        print(
            f"built {arguments.out}: {pages} pages, {result.chart_count} charts, "
            f"{len(result.files)} files in {time.monotonic() - started:.2f} s"
        )
    return 0


def serve(arguments: argparse.Namespace, project: Project) -> int:
    """Preview the site and rebuild it when an input changes."""
    from ipregions.preview.incremental import IncrementalBuilder
    from ipregions.preview.server import serve as run_server

    builder = IncrementalBuilder(project, base_url=f"http://{arguments.host}:{arguments.port}/")
    return run_server(builder, host=arguments.host, port=arguments.port, quiet=arguments.quiet)


def schemas(arguments: argparse.Namespace, project: Project) -> int:
    """Write the JSON Schemas that editors' YAML extensions read."""
    from ipregions.inputs.schemas import write_schemas

    written = write_schemas(project.root / "schemas")
    if not arguments.quiet:
        print(f"wrote {len(written)} schemas into schemas/")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Project], int]] = {
    "build": build,
    "check": check,
    "serve": serve,
    "schemas": schemas,
}


def run(arguments: argparse.Namespace) -> int:
    """Run the chosen command; editor mistakes print as lines, never as tracebacks."""
    project = Project(arguments.root.resolve())
    command = COMMANDS[arguments.command or "build"]
    try:
        return command(arguments, project)
    except BuildError as failure:
        print_problems(failure.errors)
        print(summary(failure.errors), file=sys.stderr)
        if arguments.debug:
            traceback.print_exc()
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug of ours, not the editor's: say so plainly
        if arguments.debug:
            raise
        print(f"internal error: {type(error).__name__}: {error}", file=sys.stderr)
        print("run again with --debug for the traceback; site/ was left as it was", file=sys.stderr)
        return 2
