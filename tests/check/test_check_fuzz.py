"""``modelsunset check`` under generated input: random PATHs, ``--model`` names, surfaces,
formats, dates, windows, excludes and catalogue files, in a project whose
``[tool.modelsunset]`` table holds odd contents. Never a traceback; exit codes 0 to 3
only; nothing on stdout with a usage or catalogue error; JSON that parses when JSON was
asked for and the command ran.

Most examples run in-process through ``modelsunset.cli.main`` (``sys.argv`` patched,
``SystemExit`` caught), a few through the installed command.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import command, examples, pinned_env, run_installed, write_tree
from support.check import APP, CATALOGUE

from modelsunset.cli import main

PINNED = "2026-02-14"

FILES: dict[str, str | bytes] = {
    "src/app.py": APP,
    "src/old.py": "MODEL = 'old-model'\n",
    "src/chat.py": 'CHAT = "gpt-4o"  # modelsunset: ignore[gpt-4o-mini]\nx = "gpt-9"\n',
    "src/legacy.py": "# modèle\nMODEL = 'gpt-4o-mini'\n".encode("latin-1"),
    "src/long.min.js": "var m=[" + '"chatgpt-4o-latest",' * 2_000 + "];\n",
    "config/models.yaml": "default: claude-3-opus-latest\nengine: davinci\n",
    "assets/blob.bin": b"\x00gpt-4.5-preview",
    ".gitignore": "build/\n!\n\\\n",
    "build/out.py": '"gpt-4.5-preview"\n',
    "docs/odd, name%.md": "gpt4o in the app\n",
}


OVERLAY = """\
version: 1
models:
  old-model:
    provider: openai
    surfaces:
      api: {retires: 2026-03-01}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``catalogue.yaml``, ``broken.yaml`` and ``overlay.yaml`` beside a ``repo`` of files, and
    in its ``ops`` folder (where its settings may name them)."""
    root = tmp_path_factory.mktemp("check-fuzz")
    (root / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    (root / "broken.yaml").write_text("version: 1\nmodels: [\n", encoding="utf-8")
    (root / "overlay.yaml").write_text(OVERLAY, encoding="utf-8")
    repo = write_tree(root / "repo", FILES)
    for name in ("catalogue.yaml", "broken.yaml", "overlay.yaml"):
        write_tree(repo / "ops", {name: (root / name).read_text(encoding="utf-8")})
    (repo / "src" / "loop").symlink_to(repo / "src")
    os.mkfifo(repo / "pipe")
    return repo


# -- what goes into [tool.modelsunset] ------------------------------------------------------


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(value)


SURFACE_NAMES = ["api", "chatgpt", "API", "ChatGPT", "azure", "", " ", "chat gpt", "apii"]
PATTERNS = ["build/", "*.md", "src/", "!keep.py", "/config", "!", "\\", "x\\", "", " ", "**"]
# Settings name files inside the repository (ops/); those outside it are refused.
PATHS_IN_FILE = ["../catalogue.yaml", "ops/broken.yaml", "../overlay.yaml", "missing.yaml", "", "."]
SCALARS = st.one_of(
    st.integers(min_value=-3, max_value=10**22),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)


def rarely(draw: st.DrawFn, one_in: int) -> bool:
    """True about once in ``one_in`` draws (a middle value: hypothesis favours the ends)."""
    return draw(st.integers(0, one_in - 1)) == one_in // 2


def mostly(good: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``good`` about seven times in eight, so that many runs get as far as the scan."""
    return st.integers(0, 7).flatmap(lambda number: odd if number == 4 else good)


SETTING_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "surfaces": mostly(
        st.lists(st.sampled_from(SURFACE_NAMES[:4]), min_size=1, max_size=3),
        st.one_of(st.lists(st.sampled_from(SURFACE_NAMES), max_size=3), SCALARS),
    ),
    "fail-within": mostly(st.integers(min_value=0, max_value=400), SCALARS),
    "warn-within": mostly(st.integers(min_value=0, max_value=400), SCALARS),
    "exclude": mostly(
        st.lists(st.sampled_from(PATTERNS[:5]), max_size=3),
        st.one_of(st.lists(st.sampled_from(PATTERNS), max_size=3), SCALARS),
    ),
    "catalogue": mostly(st.just("ops/catalogue.yaml"), st.sampled_from(PATHS_IN_FILE)),
    "overlays": mostly(
        st.lists(st.just("ops/overlay.yaml"), max_size=1),
        st.one_of(st.lists(st.sampled_from(PATHS_IN_FILE), max_size=2), SCALARS),
    ),
}
ODD_FILES = [
    "[tool]\nmodelsunset = 3\n",
    "[tool.modelsunset]\n[tool.modelsunset.surfaces]\napi = 1\n",
    "[tool.modelsunset\n",
    "[tool.modelsunset]\nfail_within = 3\n",
    "[tool.modelsunset]\ncolour = true\n",
    "[project]\nname = 'x'\n",
    "",
]


@st.composite
def pyproject(draw: st.DrawFn) -> str | bytes | None:
    """No file, odd TOML, bytes that are not UTF-8, or a table of drawn settings."""
    kind = draw(st.integers(0, 15))
    if kind == 5:
        return None
    if kind == 7:
        return draw(st.sampled_from(ODD_FILES))
    if kind == 9:
        return "[tool.modelsunset]\n" + draw(st.text(max_size=40))
    if kind == 11:
        return b"[tool.modelsunset]\nsurfaces = ['\xff']\n"
    keys = draw(st.lists(st.sampled_from(sorted(SETTING_VALUES)), max_size=4, unique=True))
    lines = [f"{key} = {toml_value(draw(SETTING_VALUES[key]))}" for key in keys]
    return "[tool.modelsunset]\n" + "".join(line + "\n" for line in lines)


# -- the command line -----------------------------------------------------------------------

MODEL_NAMES = ["gpt-4o", "gpt4o", "GPT-4o", "GPT 4o mini", "gpt-4.5-preview", "GPT-4.5 Preview"]
MODEL_NAMES += ["claude-3-opus-latest", "davinci", "o3", "chatgpt-4o-latest", "gpt-4-turbo"]
ODD_MODEL_NAMES = ["gpt-9", "", " ", "-", "[/]"]
FORMATS = ["text", "json", "markdown", "github", "sarif", "JSON", "Sarif"]
ODD_FORMATS = ["table", "", "xml"]
ODD_DATES = ["2026-02-30", "Feb 14 2026", "", "0001-01-01", "9999-12-31", "1e10", "today"]
PATH_WORDS = [".", "src", "src/app.py", "./src/", "src/loop", "pipe", "build", "assets"]
PATH_WORDS += ["docs/odd, name%.md", "src/long.min.js", "config/", "src/legacy.py"]
ODD_PATH_WORDS = ["missing", "", "src/app.py/x"]


def _relative(text: str) -> str:
    """Random text as a PATH that stays inside the project (never the whole disk)."""
    return "." if text.startswith(("/", "~")) or ".." in text else text


DAYS = mostly(
    st.integers(0, 400).map(str), st.one_of(st.integers(-3, 10**12).map(str), st.text(max_size=5))
)
OPTIONS: dict[str, st.SearchStrategy[str] | None] = {
    "--model": mostly(
        st.sampled_from(MODEL_NAMES),
        st.one_of(st.sampled_from(ODD_MODEL_NAMES), st.text(max_size=12)),
    ),
    "--surface": mostly(
        st.sampled_from(SURFACE_NAMES[:4]),
        st.one_of(st.sampled_from(SURFACE_NAMES), st.text(max_size=8)),
    ),
    "--date": mostly(
        st.dates().map(date.isoformat), st.one_of(st.sampled_from(ODD_DATES), st.text(max_size=12))
    ),
    "--fail-within": DAYS,
    "--warn-within": DAYS,
    "--format": mostly(
        st.sampled_from(FORMATS), st.one_of(st.sampled_from(ODD_FORMATS), st.text(max_size=6))
    ),
    "--exclude": mostly(
        st.sampled_from(PATTERNS[:5]), st.one_of(st.sampled_from(PATTERNS), st.text(max_size=6))
    ),
    "--jobs": mostly(st.sampled_from(["0", "1", "2"]), st.sampled_from(["-1", "x"])),
    "--catalogue": mostly(
        st.just("../catalogue.yaml"), st.sampled_from(["../broken.yaml", "missing.yaml", "src"])
    ),
    "--overlay": mostly(
        st.just("../overlay.yaml"), st.sampled_from(["../broken.yaml", "missing.yaml", ""])
    ),
    "--no-fail": None,
    "--no-gitignore": None,
}
SHORT = {"--model": "-m", "--surface": "-s", "--format": "-f", "--exclude": "-e", "--jobs": "-j"}
STRAY = ["--bogus", "--help", "--", "-", "--version", "--within", "-x"]


@st.composite
def check_args(draw: st.DrawFn) -> list[str]:
    args = ["check"]
    path = mostly(
        st.sampled_from(PATH_WORDS),
        st.one_of(st.sampled_from(ODD_PATH_WORDS), st.text(max_size=10).map(_relative)),
    )
    args += draw(st.lists(path, max_size=3))
    if not rarely(draw, 5):
        args += ["--catalogue", "../catalogue.yaml"]
    if not rarely(draw, 4):
        args += ["--date", draw(st.one_of(st.just(PINNED), st.dates().map(date.isoformat)))]
    for name in draw(st.lists(st.sampled_from(sorted(OPTIONS)), max_size=5)):
        strategy = OPTIONS[name]
        args.append(SHORT[name] if name in SHORT and draw(st.booleans()) else name)
        if strategy is not None:
            args.append(draw(strategy))
    if rarely(draw, 16):
        args.insert(draw(st.integers(1, len(args))), draw(st.sampled_from(STRAY)))
    return args


ENV = {
    "MODELSUNSET_DATE": PINNED,
    "NO_COLOR": "1",
    "COLUMNS": "100",
}
UNSET = ("MODELSUNSET_CATALOGUE", "MODELSUNSET_OVERLAY", "GITHUB_STEP_SUMMARY")


def write_pyproject(repo: Path, content: str | bytes | None) -> None:
    target = repo / "pyproject.toml"
    if content is None:
        target.unlink(missing_ok=True)
    elif isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


@contextlib.contextmanager
def pinned_process_env() -> Iterator[None]:
    with mock.patch.dict(os.environ, ENV):
        for key in UNSET:
            os.environ.pop(key, None)
        yield


def in_process(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """``modelsunset ARGS`` through the entry point, in this process."""
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with (
        pinned_process_env(),
        mock.patch.object(sys, "argv", ["modelsunset", *args]),
        contextlib.chdir(cwd),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            main()
        except SystemExit as exc:
            code = exc.code
    if code is None:
        code = 0
    assert isinstance(code, int), (args, code)
    return code, out.getvalue(), err.getvalue()


def only_json_asked(args: list[str]) -> bool:
    """The command ran (no help, version or stray option) and every format given is JSON."""
    if any(arg in STRAY for arg in args):
        return False
    formats = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg in ("--format", "-f")]
    return bool(formats) and all(value.lower() == "json" for value in formats)


def assert_well_behaved(args: list[str], code: int, out: str, err: str) -> None:
    assert "Traceback" not in err, (args, err)
    assert code in (0, 1, 2, 3), (args, code, err)
    if code in (2, 3):
        assert out == "", (args, out)
        assert err.strip(), args
    if code in (0, 1) and only_json_asked(args):
        document = json.loads(out)
        assert set(document) >= {"date", "surfaces", "findings", "summary"}
        assert all(isinstance(f["automatic"], bool) for f in document["findings"])
        assert all(len(f["text"] or "") <= 200 for f in document["findings"])


@pytest.mark.slow
@settings(
    max_examples=examples(250),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(args=check_args(), settings_file=pyproject())
def test_check_never_tracebacks_in_process(
    project: Path, args: list[str], settings_file: str | bytes | None
) -> None:
    write_pyproject(project, settings_file)
    code, out, err = in_process(args, project)
    assert_well_behaved(args, code, out, err)


SHELL_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), max_codepoint=0x2FFF), max_size=12
)


@settings(max_examples=examples(8), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.one_of(st.sampled_from(PATH_WORDS), SHELL_TEXT.map(_relative)),
    model=st.one_of(st.sampled_from(MODEL_NAMES + ODD_MODEL_NAMES), SHELL_TEXT),
    surface=st.one_of(st.sampled_from(SURFACE_NAMES[:-1]), SHELL_TEXT),
    fmt=st.sampled_from(FORMATS + ODD_FORMATS),
    day=st.one_of(st.dates().map(date.isoformat), SHELL_TEXT),
    window=st.one_of(st.integers(-1, 10**6).map(str), SHELL_TEXT),
    settings_file=pyproject(),
)
def test_check_never_tracebacks_through_the_installed_command(
    project: Path,
    path: str,
    model: str,
    surface: str,
    fmt: str,
    day: str,
    window: str,
    settings_file: str | bytes | None,
) -> None:
    write_pyproject(project, settings_file)
    args = ["check", path, "--model", model, "--surface", surface, "--format", fmt]
    args += ["--date", day, "--warn-within", window, "--catalogue", "../catalogue.yaml"]
    result = run_installed(*args, env=pinned_env(**ENV), cwd=project)
    assert_well_behaved(args, result.returncode, result.stdout, result.stderr)


def test_a_file_name_that_is_not_utf8_through_the_installed_command(project: Path) -> None:
    # Python keeps such names as lone surrogates: SARIF's URIs once raised on them.
    folder = project.parent / "names"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.py"), "wb") as handle:
        handle.write(b'MODEL = "gpt-4.5-preview"\n')
    for fmt in ("text", "json", "markdown", "github", "sarif"):
        result = subprocess.run(
            [*command(), "check", ".", "-f", fmt, "--catalogue", "../catalogue.yaml"],
            capture_output=True,
            env=pinned_env(**ENV, LC_ALL="C.UTF-8"),
            cwd=folder,
            timeout=120,
        )
        assert result.returncode == 1, (fmt, result.stderr)
        assert b"Traceback" not in result.stderr
        shown = "caf%E9.py" if fmt == "sarif" else "caf\ufffd.py"
        assert shown in result.stdout.decode("utf-8"), fmt
