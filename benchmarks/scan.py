"""How fast is ``modelsunset check``? A scan benchmark against ripgrep (and llm-sunset).

    python benchmarks/scan.py                 # build a ~300 MB tree once, then time
    python benchmarks/scan.py --size 600      # a bigger tree (MB)
    python benchmarks/scan.py --runs 5        # more timed runs per tool (median shown)
    python benchmarks/scan.py --long-lines    # only the files of one long line each
    python benchmarks/scan.py --repos A B C   # real checkouts instead: each, then all together

It builds a tree of real-looking code under ``benchmarks/out/`` (git-ignored): copies of
this repository's own files and of the Python standard library's sources (public code
that every Python installation carries), each copy a variant with model ids of the
catalogue written into some of its lines, plus ``.gitignore`` rules, git-ignored
folders, binary files and a few large files; it is made a git repository of its own so
that every tool reads its ignore files alike. The tree is built once and reused.

Then it times, in the same run and on the same warm file cache:

* ``rg -F -w -f ids.txt`` (ripgrep: ``apt-get install ripgrep``), where ``ids.txt`` holds
  every id and alias of the catalogue: the baseline every ratio is measured against;
* ``modelsunset check TREE --format json --no-fail``, with its default worker processes
  (one per core) and with ``--jobs 1`` (everything in one process);
* ``llm-sunset scan TREE --format json --no-fail --offline`` when it is installed
  (``pip install llm-sunset``, or give its path with ``--llm-sunset``).

Each tool runs once to warm up, then ``--runs`` times, the tools by turns (a round of
each, then the next round, so that a machine whose speed drifts moves them alike); the
median wall time is printed in seconds and as a ratio to ripgrep's, with the peak memory
of the process (its largest resident set) and the size of what it printed. Output goes to
a file for every tool alike.

Then the same for files of one long line each, as minified code is: a line of about
180 KB and one of about 1.8 MB holding an id 10,000 and 100,000 times. They measure that
the work on a line grows with its length and its hits, and memory with the hits only.

With ``--repos DIR...`` it builds nothing and times real checkouts instead: ripgrep and
``modelsunset check`` (default jobs and ``--jobs 1``) on each DIR, then on all of them
together (copies of them side by side under ``OUT/repos-all``, a git repository of its
own; ``check`` does not follow symbolic links, so a folder of links would be empty to
it). The DIRs are only read. ``check`` judges on today unless ``--date`` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TEXT = (".py", ".txt", ".rst", ".json", ".toml", ".cfg", ".html", ".xml", ".c", ".h", ".md")
SKIP = {"__pycache__", "site-packages", ".git", ".venv", "out", "node_modules"}
DATE = "2026-02-14"


def catalogue_names(catalogue: str | None) -> tuple[list[str], list[str]]:
    """Every id and alias of the catalogue, and the ids that are retired or retiring."""
    sys.path.insert(0, str(REPO))
    from modelsunset import resolver
    from modelsunset.loading import bundled_path, load

    catalogue_file = catalogue or os.environ.get("MODELSUNSET_CATALOGUE") or str(bundled_path())
    loaded = load([catalogue_file])
    names: list[str] = []
    retiring: list[str] = []
    on = time.strptime(DATE, "%Y-%m-%d")
    from datetime import date

    day = date(on.tm_year, on.tm_mon, on.tm_mday)
    for model in loaded.models.values():
        names.append(model.id)
        names.extend(model.aliases)
        if any(resolver.state_on(entry, day).value != "active" for entry in model.entries.values()):
            retiring.append(model.id)
    return sorted(set(names)), sorted(retiring)


def sources() -> list[Path]:
    roots = [REPO, Path(sysconfig.get_paths()["stdlib"])]
    found: list[Path] = []
    for root in roots:
        for folder, folders, files in os.walk(root):
            folders[:] = sorted(name for name in folders if name not in SKIP)
            for name in sorted(files):
                if name.endswith(TEXT):
                    found.append(Path(folder) / name)
    return found


def variant(text: str, rng: random.Random, names: list[str], hot: list[str]) -> str:
    """The file with a few lines that name models, as code and config would."""
    lines = text.split("\n")
    for _ in range(rng.choice((0, 0, 0, 1, 1, 2, 3))):
        name = rng.choice(hot if hot and rng.random() < 0.5 else names)
        shape = rng.choice(
            (
                'MODEL = "{}"',
                "    model: {}",
                '    client.chat.completions.create(model="{}", messages=messages)',
                "# we moved off {} last year",
                'DEFAULTS = {{"model": "{}-2099-01-01"}}',
                '{{"engine": "x{}", "note": "not an id"}}',
            )
        )
        lines.insert(rng.randrange(len(lines) + 1), shape.format(name))
    return "\n".join(lines)


def build(tree: Path, size_mb: int, names: list[str], hot: list[str]) -> None:
    marker = tree / ".complete"
    if marker.exists() and marker.read_text() == str(size_mb):
        return
    if tree.exists():
        shutil.rmtree(tree)
    files = sources()
    contents = []
    for path in files:
        try:
            contents.append((path, path.read_text(encoding="utf-8")))
        except (UnicodeDecodeError, OSError):
            continue
    rng = random.Random(20260214)
    total = 0
    copy = 0
    target = size_mb * 1_000_000
    print(f"building a {size_mb} MB tree in {tree} ...", file=sys.stderr)
    while total < target:
        base = tree / f"project-{copy:03d}"
        for number, (path, text) in enumerate(contents):
            rel = f"f{number:05d}-{path.name}"
            folder = base / f"pkg{number % 37:02d}" / f"mod{number % 11:02d}"
            if number % 53 == 0:
                folder = base / "build" / "generated"  # ignored by .gitignore
            folder.mkdir(parents=True, exist_ok=True)
            data = variant(text, rng, names, hot).encode("utf-8")
            (folder / rel).write_bytes(data)
            total += len(data)
            if total >= target:
                break
        (base / ".gitignore").write_text("build/\n*.log\n", encoding="utf-8")
        (base / "assets").mkdir(exist_ok=True)
        blob = bytes(rng.randrange(256) for _ in range(1 << 16))
        (base / "assets" / "model.bin").write_bytes(b"\x00" + blob + b"gpt-4o" + blob)
        if copy % 4 == 0:
            big = "\n".join(text for _, text in contents[:400])
            (base / "big.sql").write_text(variant(big, rng, names, hot) * 2, encoding="utf-8")
            total += 2 * len(big)
        copy += 1
    if shutil.which("git"):
        # A repository of its own, so that every tool reads its .gitignore files alike
        # (and none sees the rule of this repository that ignores benchmarks/out/).
        subprocess.run(["git", "init", "-q", str(tree)], check=True)
    marker.write_text(str(size_mb))
    print(f"built: {total / 1e6:.0f} MB in {copy} project copies", file=sys.stderr)


class Timing(NamedTuple):
    """The median wall time of the runs, the largest peak memory, the last output."""

    seconds: float
    peak_mb: float
    output: str


# The timed commands run as an installed command does: from compiled bytecode. With
# PYTHONDONTWRITEBYTECODE set, an editable install has none, and every run would compile
# modelsunset's modules from source again (about 50 ms, a third of a small tree's time):
# the warm-up run writes it instead.
_TIMED_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def _measure(command: list[str]) -> tuple[float, float, int, str, str]:
    """Wall seconds, peak resident megabytes, exit code, the file holding stdout and the
    end of stderr of one run."""
    with tempfile.NamedTemporaryFile(delete=False) as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=_TIMED_ENV)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
        scale = 1 if sys.platform == "darwin" else 1024
        tail = err.read().decode(errors="replace")[-2000:]
        return seconds, usage.ru_maxrss * scale / 1e6, process.returncode, out.name, tail


class Runner:
    """Starts the timed commands from a small helper process.

    A child's peak memory (``ru_maxrss``) counts the memory of the process that started
    it (Linux carries the high-water mark across fork and exec), so commands started by
    this script, which holds catalogues and outputs, would all seem to need as much as it
    does. The helper is forked before anything is loaded, and stays small."""

    def __init__(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        self.pool.submit(int).result()  # start the helper now, while this process is small

    def once(self, command: list[str]) -> tuple[float, float, str]:
        try:
            seconds, peak_mb, code, out_name, tail = self.pool.submit(_measure, command).result()
        except OSError as exc:
            raise SystemExit(f"cannot run {command[0]}: {exc.strerror or exc}") from None
        try:
            output = Path(out_name).read_text(encoding="utf-8", errors="replace")
        finally:
            os.unlink(out_name)
        if code not in (0, 1):
            raise SystemExit(f"{command[0]} failed ({code}): {tail}")
        return seconds, peak_mb, output

    def by_turns(self, commands: dict[str, list[str]], runs: int) -> dict[str, Timing]:
        """Each command once to warm up (file cache, imports), then ``runs`` rounds of every
        command in turn: a machine whose speed drifts (other work starting, a clock
        changing) moves every tool of a round alike, not the ones timed at a bad moment."""
        for command in commands.values():
            self.once(command)
        times: dict[str, list[float]] = {label: [] for label in commands}
        peaks = dict.fromkeys(commands, 0.0)
        outputs = dict.fromkeys(commands, "")
        for _ in range(runs):
            for label, command in commands.items():
                seconds, peak_mb, outputs[label] = self.once(command)
                times[label].append(seconds)
                peaks[label] = max(peaks[label], peak_mb)
        return {
            label: Timing(statistics.median(times[label]), peaks[label], outputs[label])
            for label in commands
        }


def long_lines(out: Path, name: str) -> list[tuple[str, Path]]:
    """Files of one long line each: an id 10,000 and 100,000 times (about 180 KB, 1.8 MB)."""
    cases = []
    for count in (10_000, 100_000):
        folder = out / f"long-line-{count}"
        folder.mkdir(parents=True, exist_ok=True)
        text = "var models=[" + f'"{name}",' * count + "];\n"
        target = folder / "models.min.js"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        cases.append((f"one {len(text) / 1e6:.2f} MB line, {count:,} ids", folder))
    return cases


def dense_file(out: Path, names: list[str]) -> Path:
    """A 10 MB file of calls, each naming three ids of the catalogue and an unknown one."""
    folder = out / "dense-10mb"
    target = folder / "dense.py"
    if target.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(5)
    lines = []
    size = 0
    while size < 10_000_000:
        first, second, third = rng.choice(names), rng.choice(names), rng.choice(names)
        line = f'client.create(model="{first}", fallback="{second}")  # {third} gpt-9-{size % 97}\n'
        lines.append(line)
        size += len(line)
    target.write_text("".join(lines), encoding="utf-8")
    return folder


def time_aliases() -> None:
    """The matcher of a hostile catalogue: aliases a1 .. aN, each a prefix of others (one
    automaton for them all was built in time that grows faster than N)."""
    sys.path.insert(0, str(REPO))
    from modelsunset.check.match import Matcher
    from modelsunset.check.scan import scan

    one = str(REPO / "modelsunset" / "check" / "match.py")
    print(f"{'aliases':>10}{'build s':>9}{'one file s':>12}{'automata':>10}")
    for count in (100_000, 1_000_000):
        names = {f"a{number}": "m" for number in range(1, count + 1)}
        started = time.perf_counter()
        matcher = Matcher.for_names(names)
        built = time.perf_counter() - started
        started = time.perf_counter()
        scan([one], matcher, [], True, lambda text: None, jobs=1)
        scanned = time.perf_counter() - started
        print(f"{count:>10,}{built:>9.2f}{scanned:>12.3f}{len(matcher._automata):>10}")


def report(results: dict[str, Timing], baseline: float) -> None:
    print(f"{'tool':<30}{'seconds':>9}{'x ripgrep':>11}{'peak MB':>9}{'out MB':>8}  output")
    for label, timing in results.items():
        print(
            f"{label:<30}{timing.seconds:>9.2f}{timing.seconds / baseline:>11.2f}"
            f"{timing.peak_mb:>9.0f}{len(timing.output) / 1e6:>8.1f}  "
            f"{describe(label, timing.output)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=300, help="tree size in MB (default 300)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool (default 3)")
    parser.add_argument("--out", default=str(HERE / "out"), help="where to build the tree")
    parser.add_argument("--catalogue", help="catalogue file (default: the one in use)")
    parser.add_argument("--llm-sunset", default=shutil.which("llm-sunset"), help="its path")
    parser.add_argument(
        "--modelsunset",
        default=str(Path(sys.executable).parent / "modelsunset"),
        help="the modelsunset command to time (default: the one beside this Python)",
    )
    parser.add_argument(
        "--long-lines", action="store_true", help="time only the files of one long line each"
    )
    parser.add_argument(
        "--repos",
        nargs="+",
        metavar="DIR",
        help="time these real checkouts (each, then all together) instead of the built tree",
    )
    parser.add_argument(
        "--copies",
        type=int,
        default=1,
        metavar="N",
        help="with --repos: also time a tree of N copies of them all (5 copies of five "
        "checkouts of 180 MB make about 900 MB)",
    )
    parser.add_argument(
        "--only-copies",
        action="store_true",
        help="with --repos and --copies: time only the tree of copies",
    )
    parser.add_argument(
        "--date", help=f"the date check judges on (default: {DATE}; with --repos, today)"
    )
    parser.add_argument(
        "--aliases",
        action="store_true",
        help="time only the matcher of 100,000 and 1,000,000 aliases a1, a2, ... on one file",
    )
    parser.add_argument(
        "--dense",
        action="store_true",
        help="time only check --format json on a 10 MB file dense with ids",
    )
    options = parser.parse_args()
    runner = Runner()
    try:
        run(runner, options)
    finally:
        runner.pool.shutdown()  # now, not in an exit handler racing the helper's pipe


def run(runner: Runner, options: argparse.Namespace) -> None:
    if options.aliases:
        time_aliases()
        return
    rg = shutil.which("rg")
    if rg is None:
        raise SystemExit("ripgrep is needed as the baseline: apt-get install -y ripgrep")
    names, hot = catalogue_names(options.catalogue)
    out = Path(options.out)
    ids = out / "ids.txt"
    out.mkdir(parents=True, exist_ok=True)
    ids.write_text("\n".join(names) + "\n", encoding="utf-8")
    catalogue = ["--catalogue", options.catalogue] if options.catalogue else []
    if options.dense:
        folder = dense_file(out, names)
        print(f"a 10 MB file dense with ids ({folder})")
        check = [options.modelsunset, "check", str(folder), "--format", "json", "--no-fail"]
        commands = {
            "rg -F -w -f ids.txt": [
                rg,
                "--no-require-git",
                "-F",
                "-w",
                "-f",
                str(ids),
                str(folder),
            ],
            "modelsunset check": [*check, "--date", options.date or DATE, *catalogue],
        }
        results = runner.by_turns(commands, options.runs)
        report(results, results["rg -F -w -f ids.txt"].seconds)
        return
    if options.repos:
        date = ["--date", options.date] if options.date else []
        time_repos(runner, options, out, ids, rg, [*date, *catalogue])
        return
    if not options.long_lines:
        time_tree(runner, options, out, ids, names, hot, rg, catalogue)
    name = "gpt-4.5-preview" if "gpt-4.5-preview" in names else (hot or names)[0]
    for label, folder in long_lines(out, name):
        print(f"\n{label} ({folder})")
        check = [options.modelsunset, "check", str(folder), "--format", "json", "--no-fail"]
        grep = [rg, "--no-require-git", "-F", "-w", "-f", str(ids), str(folder)]
        commands = {
            "rg -F -w -f ids.txt": grep,
            "modelsunset check": [*check, "--date", options.date or DATE, *catalogue],
        }
        results = runner.by_turns(commands, options.runs)
        report(results, results["rg -F -w -f ids.txt"].seconds)


def time_tree(
    runner: Runner,
    options: argparse.Namespace,
    out: Path,
    ids: Path,
    names: list[str],
    hot: list[str],
    rg: str,
    catalogue: list[str],
) -> None:
    tree = out / f"tree-{options.size}mb"
    build(tree, options.size, names, hot)
    files = [f for f in tree.rglob("*") if f.is_file() and ".git" not in f.parts]
    size = sum(f.stat().st_size for f in files)
    count = len(files)
    print(f"tree: {tree} ({size / 1e6:.0f} MB, {count} files); {len(names)} ids and aliases")
    print(f"machine: {os.cpu_count()} cores; median of {options.runs} runs after a warm-up\n")

    commands = {
        "rg -F -w -f ids.txt": [rg, "--no-require-git", "-F", "-w", "-f", str(ids), str(tree)],
        "modelsunset check": [
            options.modelsunset,
            "check",
            str(tree),
            "--format",
            "json",
            "--no-fail",
            "--date",
            options.date or DATE,
            *catalogue,
        ],
    }
    commands["modelsunset check --jobs 1"] = [*commands["modelsunset check"], "--jobs", "1"]
    if options.llm_sunset:
        commands["llm-sunset scan"] = [
            options.llm_sunset,
            "scan",
            str(tree),
            "--format",
            "json",
            "--no-fail",
            "--offline",
        ]
    else:
        print("llm-sunset not found (pip install llm-sunset, or --llm-sunset PATH): skipped\n")
    results = runner.by_turns(commands, options.runs)
    report(results, results["rg -F -w -f ids.txt"].seconds)


def together(out: Path, repos: list[Path], copies: int = 1) -> Path:
    """Copies of the checkouts side by side, each ``copies`` times (made again when the
    list, a size or the number of copies changed)."""
    folder = out / ("repos-all" if copies == 1 else f"repos-all-x{copies}")
    marker = folder / ".complete"
    stamp = "\n".join(f"{repo}\t{tree_size(repo)[0]}" for repo in repos) + f"\n{copies}"
    if marker.exists() and marker.read_text(encoding="utf-8") == stamp:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    names: set[str] = set()
    for copy in range(copies):
        for repo in repos:
            name = repo.name if copies == 1 else f"{repo.name}-{copy}"
            while name in names:
                name += "_"
            names.add(name)
            shutil.copytree(repo, folder / name, symlinks=True)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(folder)], check=True)
    marker.write_text(stamp, encoding="utf-8")
    return folder


def tree_size(tree: Path) -> tuple[int, int]:
    """Bytes and files under a tree (its .git folder aside)."""
    size = count = 0
    for folder, folders, files in os.walk(tree):
        folders[:] = [name for name in folders if name != ".git"]
        for name in files:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                size += path.stat().st_size
                count += 1
    return size, count


def time_repos(
    runner: Runner,
    options: argparse.Namespace,
    out: Path,
    ids: Path,
    rg: str,
    extra: list[str],
) -> None:
    repos = [Path(repo).resolve() for repo in options.repos]
    for repo in repos:
        if not repo.is_dir():
            raise SystemExit(f"not a folder: {repo}")
    targets = [] if options.only_copies else [(repo.name, repo) for repo in repos]
    if len(repos) > 1 and not options.only_copies:
        targets.append((f"all {len(repos)} together", together(out, repos)))
    if options.copies > 1:
        label = f"all {len(repos)} x{options.copies}"
        targets.append((label, together(out, repos, options.copies)))
    print(f"machine: {os.cpu_count()} cores; median of {options.runs} runs after a warm-up")
    summary = []
    for label, tree in targets:
        size, count = tree_size(tree)
        print(f"\n{label}: {tree} ({size / 1e6:.1f} MB, {count} files)")
        check = [options.modelsunset, "check", str(tree), "--format", "json", "--no-fail"]
        commands = {
            "rg -F -w -f ids.txt": [rg, "--no-require-git", "-F", "-w", "-f", str(ids), str(tree)],
            "modelsunset check": [*check, *extra],
            "modelsunset check --jobs 1": [*check, *extra, "--jobs", "1"],
        }
        results = runner.by_turns(commands, options.runs)
        report(results, results["rg -F -w -f ids.txt"].seconds)
        summary.append((label, size, count, results))
    print("\nsummary (seconds, x ripgrep, peak MB)")
    print(
        f"{'tree':<24}{'MB':>7}{'files':>7}{'rg s':>7}{'check s':>9}{'x':>6}{'MB':>5}"
        f"{'-j1 s':>8}{'x':>6}{'MB':>5}"
    )
    for label, size, count, results in summary:
        base = results["rg -F -w -f ids.txt"].seconds
        default = results["modelsunset check"]
        single = results["modelsunset check --jobs 1"]
        print(
            f"{label:<24}{size / 1e6:>7.1f}{count:>7}{base:>7.2f}"
            f"{default.seconds:>9.2f}{default.seconds / base:>6.2f}{default.peak_mb:>5.0f}"
            f"{single.seconds:>8.2f}{single.seconds / base:>6.2f}{single.peak_mb:>5.0f}"
        )


def describe(label: str, output: str) -> str:
    if label.startswith("rg"):
        return f"{output.count(chr(10))} matching lines"
    try:
        document = json.loads(output)
    except ValueError:
        return f"{len(output)} bytes"
    if label.startswith("modelsunset"):
        summary = document["summary"]
        return (
            f"{summary['errors']} errors, {summary['warnings']} warnings, "
            f"{summary['unknown']} unknown, {summary['files']} files scanned"
        )
    found = document.get("findings", document) if isinstance(document, dict) else document
    return f"{len(found)} findings"


if __name__ == "__main__":
    main()
