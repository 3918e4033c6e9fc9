"""Work done beside the command (``check/beside.py``), and a large file's pieces read two
at a time with it (``read.FileScanner(beside=True)``): the same answers as one process
gives, whatever goes wrong beside."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import examples, write_tree

from modelsunset.check import beside as beside_module
from modelsunset.check import read as read_module
from modelsunset.check.beside import Beside, beside
from modelsunset.check.kinds import Kind
from modelsunset.check.match import Matcher
from modelsunset.check.read import FileScanner, Stats
from modelsunset.check.walk import Target

NAMES = {"gpt-4o": "gpt-4o", "gpt-4o-mini": "gpt-4o-mini", "gpt-4.5-preview": "gpt-4.5-preview"}
HERE = os.getpid()


def _where() -> int:
    return os.getpid()


def test_the_answer_is_worked_out_beside() -> None:
    with beside(_where) as side:
        assert side.started
        answer = side.answer()
    assert answer != HERE


def _no_room(*args: object, **kwargs: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("missing", ["os.fork", "tempfile.TemporaryFile"])
def test_without_fork_or_a_temporary_file_it_is_worked_out_here(
    monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    monkeypatch.setattr(missing, _no_room)
    with beside(_where) as side:
        assert not side.started
        assert side.answer() == HERE


def test_while_other_threads_run_it_is_worked_out_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("modelsunset.check.pool.threads_running", lambda: True)
    with beside(_where) as side:
        assert not side.started
        assert side.answer() == HERE


def _fails_beside() -> int:
    if os.getpid() != HERE:
        raise RuntimeError("fault beside")
    return HERE


def _dies_beside() -> int:
    if os.getpid() != HERE:
        os.kill(os.getpid(), 9)
    return HERE


def _unreadable_beside() -> object:
    if os.getpid() != HERE:
        return lambda: None  # cannot be pickled
    return HERE


@pytest.mark.parametrize("work", [_fails_beside, _dies_beside, _unreadable_beside])
def test_work_that_fails_beside_is_worked_out_here(work: object) -> None:
    with beside(work) as side:  # type: ignore[arg-type]
        assert side.started
        assert side.answer() == HERE


def test_an_answer_that_cannot_be_read_back_is_worked_out_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(spill: object) -> object:
        raise EOFError("cut short")

    monkeypatch.setattr(beside_module, "_read_back", broken)
    with beside(_where) as side:
        assert side.answer() == HERE


def _sleeps() -> int:
    time.sleep(60)
    return 0


def test_leaving_by_a_fault_kills_the_process_beside() -> None:
    sides: list[Beside[int]] = []
    with pytest.raises(KeyError), beside(_sleeps) as side:
        sides.append(side)
        pid = side._pid
        assert pid > 0
        raise KeyError("fault here")
    assert not sides[0].started
    with pytest.raises(ChildProcessError):  # killed, and reaped
        os.waitpid(pid, os.WNOHANG)


def _scanner_answers(path: Path, on: bool) -> list[tuple[object, ...]]:
    scanner = FileScanner(Matcher.for_names(NAMES), Stats(), lambda text: None, beside=on)
    target = Target(path.name, str(path), Kind.CODE)
    return [tuple(each) for each in scanner.scan(target)]


LINES = st.lists(
    st.sampled_from(
        ['x = "gpt-4o"', "é gpt-4o-mini é", "gpt-4.5-preview " * 5, "", "plain text", "x" * 90]
    ),
    min_size=1,
    max_size=60,
)


@settings(
    max_examples=examples(50),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(lines=LINES, piece=st.sampled_from([64, 97, 256]))
def test_pieces_read_two_at_a_time_give_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[str], piece: int
) -> None:
    path = tmp_path / "big.py"
    write_tree(tmp_path, {"big.py": "\n".join(lines) + "\n"})
    started: list[bool] = []
    start = Beside.start

    def counted(self: Beside[object]) -> None:
        start(self)
        started.append(self.started)

    monkeypatch.setattr(read_module, "PIECE", piece)
    monkeypatch.setattr(Beside, "start", counted)
    alone = _scanner_answers(path, on=False)
    assert bool(alone) == any("gpt" in line for line in lines)
    assert started == []
    assert _scanner_answers(path, on=True) == alone
    assert all(started)


def test_a_file_of_many_pieces_is_read_beside_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.py"
    write_tree(tmp_path, {"big.py": 'x = "gpt-4o"  # é gpt-4o-mini\n' * 40})
    started: list[bool] = []
    start = Beside.start

    def counted(self: Beside[object]) -> None:
        start(self)
        started.append(self.started)

    monkeypatch.setattr(read_module, "PIECE", 100)
    monkeypatch.setattr(Beside, "start", counted)
    found = _scanner_answers(path, on=True)
    assert len(started) >= 4 and all(started)
    assert found == _scanner_answers(path, on=False)
    assert len(found) == 80


@given(size=st.integers(0, 1 << 34))
def test_a_large_file_is_read_in_an_even_number_of_like_pieces(size: int) -> None:
    piece = read_module.piece_for(size)
    if size <= read_module.PIECE:
        assert piece == read_module.PIECE
        return
    count = -(-size // piece)  # reads that hold bytes
    assert count % 2 == 0
    assert read_module.PIECE // 2 <= piece <= read_module.PIECE
    assert size - (count - 1) * piece > 0  # none of them empty


def test_with_sigchld_ignored_it_is_worked_out_here() -> None:
    """A command started with SIGCHLD ignored (``trap '' CHLD``): the process beside is
    reaped unseen, so how it ended cannot be told: the part is worked out here, never a
    file left unread."""
    import signal

    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        with beside(_where) as side:
            assert side.started
            assert side.answer() == HERE
    finally:
        signal.signal(signal.SIGCHLD, previous)


_CTRL_C_AS_IT_FORKS = """
import os, signal, time
from modelsunset.check.beside import beside
real_fork = os.fork
forked = []
def fork_then_ctrl_c():
    pid = real_fork()
    if pid:
        forked.append(pid)
        os.kill(os.getpid(), signal.SIGINT)  # held until the fork is done
    return pid
os.fork = fork_then_ctrl_c
try:
    with beside(lambda: time.sleep(60)):
        print("not interrupted")
except KeyboardInterrupt:
    try:
        os.waitpid(forked[0], os.WNOHANG)
        print("left running")
    except ChildProcessError:
        print("killed and reaped")
"""


def test_a_signal_taken_as_it_is_forked_ends_the_process_beside() -> None:
    """Ctrl-C that arrives while the process is forked (held, then taken once it is):
    the process beside is killed and reaped, never left running on its own. (In a
    process of its own: a test runner's worker may take SIGINT its own way.)"""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_AS_IT_FORKS], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "killed and reaped", done.stderr


def test_a_test_that_fakes_past_its_first_piece_is_still_an_offline_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a test fakes the network is told by its first ``PIECE`` bytes, however
    small the pieces it is read in (``piece_for``)."""
    monkeypatch.setattr(read_module, "PIECE", 4096)
    body = 'x = "gpt-4o"\n' * 400  # 5,200 bytes: read in two pieces of 2,600
    text = body[: 13 * 231] + "mocker.patch('client.create')\n" + body[13 * 231 :]
    path = tmp_path / "test_big.py"
    path.write_text(text, encoding="utf-8")
    assert read_module.piece_for(path.stat().st_size) < 3000
    scanner = FileScanner(Matcher.for_names(NAMES), Stats(), lambda text: None)
    found = scanner.scan(Target(path.name, str(path), Kind.CODE, test=True))
    assert len(found) == 400
    assert {each.kind for each in found} == {Kind.MOCKED}
