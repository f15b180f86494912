#!/usr/bin/env python3
"""Build, check or preview the China IP Regions site: the command line only."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ipregions import cli

ROOT = Path(__file__).resolve().parent


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """Read the command and its options."""
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--quiet", action="store_true", help="print errors and warnings only")
    parser.add_argument("--out", default=str(ROOT / "site"), help="output folder (site/)")
    parser.add_argument("--base-url", help="absolute URL the site is served from")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (this one)")
    commands_parser = parser.add_subparsers(dest="command")
    commands_parser.add_parser("build", help="build the site into --out (the default)")
    check = commands_parser.add_parser("check", help="validate the data; write nothing")
    check.add_argument("--sources", type=Path, help="folder of article texts to find quotes in")
    serve = commands_parser.add_parser("serve", help="build, serve and rebuild on changes")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    commands_parser.add_parser("schemas", help="write the JSON Schemas into schemas/")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Run one command and return its exit status."""
    arguments = parse_arguments(argv)
    return cli.run(arguments)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
