"""How fast is ``modelsunset check``? A scan benchmark against ripgrep (and llm-sunset).

    python benchmarks/scan.py                 # build a ~300 MB tree once, then time
    python benchmarks/scan.py --size 600      # a bigger tree (MB)
    python benchmarks/scan.py --runs 5        # more timed runs per tool (median shown)

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

Each tool runs once to warm up, then ``--runs`` times; the median wall time is printed in
seconds and as a ratio to ripgrep's. Output goes to a pipe for every tool alike.
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
import time
from pathlib import Path

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


def timed(command: list[str], runs: int) -> tuple[float, str]:
    subprocess.run(command, capture_output=True)  # warm-up (file cache, imports)
    times = []
    output = ""
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        output = done.stdout
        if done.returncode not in (0, 1):
            raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return statistics.median(times), output


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
    options = parser.parse_args()
    rg = shutil.which("rg")
    if rg is None:
        raise SystemExit("ripgrep is needed as the baseline: apt-get install -y ripgrep")
    names, hot = catalogue_names(options.catalogue)
    out = Path(options.out)
    tree = out / f"tree-{options.size}mb"
    build(tree, options.size, names, hot)
    ids = out / "ids.txt"
    ids.write_text("\n".join(names) + "\n", encoding="utf-8")
    files = [f for f in tree.rglob("*") if f.is_file() and ".git" not in f.parts]
    size = sum(f.stat().st_size for f in files)
    count = len(files)
    print(f"tree: {tree} ({size / 1e6:.0f} MB, {count} files); {len(names)} ids and aliases")
    print(f"machine: {os.cpu_count()} cores; median of {options.runs} runs after a warm-up\n")

    catalogue = ["--catalogue", options.catalogue] if options.catalogue else []
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
            DATE,
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
    results: dict[str, tuple[float, str]] = {}
    for label, command in commands.items():
        results[label] = timed(command, options.runs)
    baseline = results["rg -F -w -f ids.txt"][0]
    print(f"{'tool':<30}{'seconds':>9}{'x ripgrep':>11}  output")
    for label, (seconds, output) in results.items():
        print(f"{label:<30}{seconds:>9.2f}{seconds / baseline:>11.2f}  {describe(label, output)}")


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
