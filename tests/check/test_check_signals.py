"""Stopping a parallel ``check``: SIGTERM and Ctrl-C end its worker processes too, and the
command exits as shells expect (143 and 130), with one line on stderr.

The tree is built so that its scan is still running, by a wide margin, when the signal
arrives: past the files read before workers start, many names (hard links, so the disk
holds one copy) of 16 MB of suppressed ids, which cost the scanner a Python step each,
minutes of work in all. The tests wait for the workers to appear, for the command to
end and for the workers to be gone by polling with a generous deadline, which the work
already handed to the workers would outlast if they were left to finish it; no test
measures a duration.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import command, pinned_env
from support.check import D, project

from modelsunset.check import scan as scan_module

pytestmark = [
    pytest.mark.skipif(
        not Path("/proc/self/stat").is_file() or not hasattr(os, "link"),
        reason="reads processes from /proc",
    ),
    pytest.mark.slow,
]

HEAVY_LINE = b'x = "gpt-4.5-preview"  # modelsunset: ignore\n'
HEAVY_SIZE = 16 << 20
HEAVY_NAMES = 400
DEADLINE = 60.0
WORKERS = 2


def big_tree(tmp_path: Path) -> Path:
    repo = project(tmp_path, {})
    for number in range(scan_module.PARALLEL_AFTER + 50):
        (repo / f"a{number:04d}.txt").touch()
    heavy = tmp_path / "heavy.txt"  # outside the tree: only its links are scanned
    heavy.write_bytes(HEAVY_LINE * (HEAVY_SIZE // len(HEAVY_LINE)))
    for number in range(HEAVY_NAMES):
        os.link(heavy, repo / f"b{number:04d}.txt")
    return repo


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return text.rpartition(")")[2].split()


def children(parent: int) -> dict[int, str]:
    """The processes whose parent is ``parent``: pid -> start time (against reused pids)."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields is not None and fields[1] == str(parent):
                found[int(entry)] = fields[19]
    return found


def alive(processes: dict[int, str]) -> dict[int, str]:
    """Those of ``processes`` that still run (a zombie waiting to be reaped does not)."""
    running = {}
    for pid, started in processes.items():
        fields = _stat(pid)
        if fields is not None and fields[19] == started and fields[0] not in ("Z", "X"):
            running[pid] = started
    return running


def wait_for(condition: object, what: str) -> None:
    assert callable(condition)
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"still waiting, after {DEADLINE:.0f} s, {what}"
        time.sleep(0.05)


@pytest.fixture
def scanning(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], dict[int, str]]]:
    """``check -j 2`` of a big tree, in a session of its own, once its workers run; and
    whatever is left of it is killed afterwards, whatever the test found."""
    repo = big_tree(tmp_path)
    process = subprocess.Popen(
        [*command(), "check", "-j", str(WORKERS), "--date", D],
        cwd=repo,
        env=pinned_env(MODELSUNSET_DATE=D),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    workers: dict[int, str] = {}
    try:

        def started() -> bool:
            workers.update(children(process.pid))
            return len(workers) >= WORKERS or process.poll() is not None

        wait_for(started, "for the worker processes to start")
        assert process.poll() is None, process.communicate()
        yield process, workers
    finally:
        for pid in alive(workers):
            os.kill(pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_sigterm_stops_the_workers_and_exits_143(
    scanning: tuple[subprocess.Popen[str], dict[int, str]],
) -> None:
    process, workers = scanning
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=DEADLINE)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert "Exception ignored" not in err, err
    assert err == "terminated\n"
    assert out == ""
    wait_for(lambda: not alive(workers), f"for the workers {sorted(workers)} to end")


def test_ctrl_c_stops_the_workers_at_once_and_exits_130(
    scanning: tuple[subprocess.Popen[str], dict[int, str]],
) -> None:
    # Ctrl-C signals the whole process group: the workers too. None of them may print a
    # traceback, and the command may not wait for the rest of the scan.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        pytest.skip("SIGINT is ignored here, and would be in the command too")
    process, workers = scanning
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=DEADLINE)
    assert process.returncode == 130, err
    assert "Exception ignored" not in err, err
    assert err == "interrupted\n"
    assert out == ""
    wait_for(lambda: not alive(workers), f"for the workers {sorted(workers)} to end")


def test_sigterm_is_taken_in_the_main_thread_only_and_given_back() -> None:
    import threading

    from modelsunset.check.signals import Terminated, stopped_by_sigterm

    before = signal.getsignal(signal.SIGTERM)
    with stopped_by_sigterm():
        taken = signal.getsignal(signal.SIGTERM)
    assert taken not in (before, signal.SIG_IGN, signal.SIG_DFL)
    assert signal.getsignal(signal.SIGTERM) == before
    with pytest.raises(Terminated), stopped_by_sigterm():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises before this ends
    assert signal.getsignal(signal.SIGTERM) == before
    # In another thread no handler can be set: the work runs with SIGTERM as it was.
    seen: list[object] = []

    def elsewhere() -> None:
        with stopped_by_sigterm():
            seen.append(signal.getsignal(signal.SIGTERM))

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert seen == [before]
    # Ignored, it stays ignored.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        with stopped_by_sigterm():
            assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGTERM, before)
