"""Time the build as whole processes on the real data and on synthetic data of growing size.

For each data set: a cold build (no chart cache, no output), a no-op rebuild (nothing changed), a
one-fact rebuild (one value and its quote edited), all as `python build.py` processes, and the
one-fact rebuild inside a running `build.py serve` (the time the server reports for its rebuild).
In the same run, Pelican (the `bench` extra) builds as many plain Markdown pages as the site
has HTML pages, cold, as a process, so each step's time is also given as a ratio to Pelican's.
Each figure is the median of several runs; memory is the peak resident size of the largest
process. Usage: python bench/run.py [--runs 3] [--sizes 100 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import copy_project, edit_one_fact, generate  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
# Issue 12's targets: benchmarks to watch, not tests.
RATIO_TARGETS = {  # the step's wall time over Pelican's for as many pages, at most
    ("real", "cold"): 2.5,
    ("real", "no-op"): 1.0,
    ("1000", "cold"): 0.5,
}
SECONDS_TARGETS = {("real", "serve one fact"): 0.1, ("1000", "serve one fact"): 0.5}
MEMORY_TARGETS_MIB = {("1000", "cold"): 300, ("1000", "serve one fact"): 400}
SCALING_TARGET = ("100", "1000", "cold", 11.0)  # 10x the sources: at most 11x the wall time
PELICAN_SETTINGS = """AUTHOR = "Bench"
SITENAME = "Bench"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PATH = "content"
"""
STEPS = ("cold", "no-op", "one fact", "serve first build", "serve one fact")


@dataclass
class Timing:
    """The runs of one step on one data set."""

    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)

    def add(self, seconds: float, cpu_seconds: float, peak_kib: int | None = None) -> None:
        """Keep one run's figures."""
        self.seconds.append(seconds)
        self.cpu_seconds.append(cpu_seconds)
        if peak_kib is not None:
            self.peak_kib.append(peak_kib)

    @property
    def median(self) -> float:
        """Return the median wall time in seconds."""
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        """Return the median processor time in seconds, all processes of the run together."""
        return statistics.median(self.cpu_seconds)


def timed_build(project: Path, out: Path) -> tuple[float, float, int]:
    """Run one build as a process; return wall time, processor time and peak size in KiB."""
    command = [sys.executable, str(REPO / "build.py"), "--quiet", "--root", str(project)]
    command += ["--out", str(out)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    errors = process.stderr.read().decode() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{errors}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def peak_kib(pid: int) -> int:
    """Return the peak resident size of a running process in KiB (Linux's VmHWM)."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1])


def free_port() -> int:
    """Return a TCP port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_status(port: int) -> dict | None:
    """Return the preview's status, or None while it is not answering yet."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__preview/status", timeout=5) as r:
            return json.load(r)
    except OSError:
        return None


def wait_for_build(port: int, after: int, deadline: float) -> dict:
    """Poll the preview until it has finished build number after + 1."""
    while time.monotonic() < deadline:
        status = server_status(port)
        if status is not None and status["builds"] > after:
            return status
        time.sleep(0.01)
    raise SystemExit("the preview did not rebuild in time")


def time_serve(project: Path, runs: int, edit) -> tuple[Timing, Timing]:
    """Start a preview, then edit one fact runs times; return its first build and rebuilds."""
    port = free_port()
    command = [sys.executable, str(REPO / "build.py"), "--quiet", "--root", str(project)]
    command += ["serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first, rebuilds = Timing(), Timing()
    try:
        status = wait_for_build(port, 0, time.monotonic() + 3600)
        first.add(status["seconds"], status["cpu_seconds"])
        for _ in range(runs):
            builds = status["builds"]
            edit(project)
            status = wait_for_build(port, builds, time.monotonic() + 900)
            if not status["ok"]:
                raise SystemExit(f"the edit broke the build: {status['errors'][:3]}")
            rebuilds.add(status["seconds"], status["cpu_seconds"])
        rebuilds.peak_kib.append(peak_kib(server.pid))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return first, rebuilds


def measure(project: Path, runs: int, edit) -> dict[str, Timing]:
    """Time every step on one project, runs times each."""
    timings = {step: Timing() for step in STEPS}
    out = project.parent / f"{project.name}-site"
    for _ in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        for step in ("cold", "no-op"):
            timings[step].add(*timed_build(project, out))
        edit(project)
        timings["one fact"].add(*timed_build(project, out))
    first, rebuilds = time_serve(project, max(runs, 5), edit)
    timings["serve first build"], timings["serve one fact"] = first, rebuilds
    pages = site_pages(out)
    timings["pelican"] = time_pelican(project.parent / f"{project.name}-pelican", pages, runs)
    timings["pelican"].pages = pages  # type: ignore[attr-defined]
    return timings


def site_pages(out: Path) -> int:
    """Return the number of HTML pages of a built site (the search index's own excluded)."""
    return sum(1 for path in out.rglob("*.html") if "pagefind" not in path.parts)


def time_pelican(folder: Path, pages: int, runs: int) -> Timing:
    """Time Pelican building pages plain Markdown articles from scratch, runs times."""
    content = folder / "content"
    content.mkdir(parents=True)
    for number in range(pages):
        (content / f"page-{number:05d}.md").write_text(
            f"Title: Page {number}\nDate: 2024-01-{number % 28 + 1:02d}\n\n"
            f"A plain page with *some* Markdown, number {number}.\n\n- one\n- two\n",
            encoding="utf-8",
        )
    (folder / "pelicanconf.py").write_text(PELICAN_SETTINGS, encoding="utf-8")
    timing = Timing()
    for _ in range(runs):
        out = folder / "output"
        shutil.rmtree(out, ignore_errors=True)
        command = [sys.executable, "-m", "pelican", str(content), "-o", str(out)]
        command += ["-s", str(folder / "pelicanconf.py"), "-q"]
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit("Pelican failed")
        seconds = time.perf_counter() - started
        timing.add(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
    return timing


def table_rows(name: str, size: int, timings: dict[str, Timing]) -> list[str]:
    """Return the table rows of one data set."""
    rows = []
    pelican = timings.get("pelican")
    for step in (*STEPS, "pelican") if pelican else STEPS:
        timing = timings[step]
        ratio = f"{timing.median / pelican.median:.2f}x" if pelican else "–"
        if step == "pelican":
            step = f"Pelican, {pelican.pages} plain pages, cold"  # type: ignore[attr-defined]
        memory = f"{max(timing.peak_kib) / 1024:.0f} MB" if timing.peak_kib else "–"
        rows.append(
            f"| {name} | {size} | {step} | {timing.median:.3f} s "
            f"| {ratio} | {timing.cpu_median:.3f} s | {memory} | {len(timing.seconds)} |"
        )
    return rows


TABLE_HEAD = [
    "| data set | sources | step | wall (median) | / Pelican | CPU, all processes | peak RSS "
    "| runs |",
    "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
]


def report_progress(name: str, size: int, timings: dict[str, Timing]) -> None:
    """Print a data set's rows on stderr as soon as they are measured."""
    print("\n".join(table_rows(name, size, timings)), file=sys.stderr, flush=True)


def print_table(results: dict[str, dict[str, Timing]], sizes: dict[str, int]) -> None:
    """Print medians per data set and step, with peak memory, the targets and the scaling."""
    print()
    print("\n".join(TABLE_HEAD))
    for name, timings in results.items():
        print("\n".join(table_rows(name, sizes[name], timings)))
    print()

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    for (name, step), limit in RATIO_TARGETS.items():
        if name in results:
            ratio = results[name][step].median / results[name]["pelican"].median
            print(
                f"target: {name} {step} {ratio:.2f}x Pelican (<= {limit}x): "
                f"{verdict(ratio <= limit)}"
            )
    for (name, step), limit in SECONDS_TARGETS.items():
        if name in results:
            got = results[name][step].median
            print(f"target: {name} {step} {got:.3f} s (<= {limit} s): {verdict(got <= limit)}")
    for (name, step), limit in MEMORY_TARGETS_MIB.items():
        if name in results and results[name][step].peak_kib:
            got = max(results[name][step].peak_kib) / 1024
            print(f"target: {name} {step} peak {got:.0f} MiB (<= {limit}): {verdict(got <= limit)}")
    smaller, larger, step, limit = SCALING_TARGET
    if smaller in results and larger in results:
        factor = results[larger][step].median / results[smaller][step].median
        print(
            f"target: {step} {smaller} -> {larger} {factor:.2f}x (<= {limit}x): "
            f"{verdict(factor <= limit)}"
        )
    names = list(results)
    for smaller, larger in zip(names, names[1:], strict=False):
        factor = sizes[larger] / sizes[smaller]
        for step in STEPS:
            wall = results[larger][step].median / results[smaller][step].median
            cpu = results[larger][step].cpu_median / results[smaller][step].cpu_median
            print(
                f"scaling: {step}, {smaller} -> {larger} sources ({factor:g}x the sources): "
                f"{wall:.2f}x the wall time, {cpu:.2f}x the CPU time"
            )


def main(argv: list[str]) -> int:
    """Generate the data sets, time them and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per step (median is shown)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument(
        "--large-runs", type=int, help="runs per step from 1,000 sources on (default: --runs)"
    )
    parser.add_argument("--no-real", action="store_true", help="skip the real data set")
    arguments = parser.parse_args(argv)
    results: dict[str, dict[str, Timing]] = {}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="ipregions-bench-") as scratch:
        if not arguments.no_real:
            project = copy_project(Path(scratch) / "real")
            sizes["real"] = len(list((project / "data" / "sources").glob("*.yaml")))
            print(f"timing the real data ({sizes['real']} sources)...", file=sys.stderr)
            results["real"] = measure(project, arguments.runs, edit_one_fact)
            report_progress("real", sizes["real"], results["real"])
        for size in arguments.sizes:
            project = generate(Path(scratch) / f"n{size}", size)
            sizes[str(size)] = size
            print(f"timing {size} synthetic sources...", file=sys.stderr)
            runs = arguments.large_runs if size >= 1000 and arguments.large_runs else arguments.runs
            results[str(size)] = measure(project, runs, edit_one_fact)
            report_progress(str(size), size, results[str(size)])
    print_table(results, sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
