"""Worker processes forked without multiprocessing, and their pipes of messages."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable

import pytest

from modelsunset.check import forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="processes are spawned here")


def echo(tasks: forked.End, replies: forked.End, others: list[forked.End]) -> None:
    for end in others:
        end.close()
    while True:
        try:
            message = tasks.recv_bytes()
        except EOFError:
            return
        replies.send_bytes(message[::-1])


def started(
    target: Callable[..., object] = echo,
) -> tuple[forked.Forked, forked.End, forked.End]:
    task_reader, task_writer = forked.pipe()
    reply_reader, reply_writer = forked.pipe()
    process = forked.Forked(target, (task_reader, reply_writer, [task_writer, reply_reader]))
    process.start()
    task_reader.close()
    reply_writer.close()
    return process, task_writer, reply_reader


@pytest.mark.parametrize("size", [0, 1, 7, 8, 65_535, 65_536, 3 << 20])
def test_messages_of_every_size_cross_whole(size: int) -> None:
    process, tasks, replies = started()
    message = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    tasks.send_bytes(message)  # larger than the pipe holds: the worker reads meanwhile
    assert replies.recv_bytes() == message[::-1]
    tasks.send_bytes(b"ab")
    assert replies.recv_bytes() == b"ba"
    tasks.close()  # the worker leaves when its pipe ends
    process.join()
    assert process.exitcode == 0
    with pytest.raises(EOFError):
        replies.recv_bytes()
    replies.close()
    replies.close()  # closed once


def test_a_target_that_raises_ends_its_process_with_1_and_no_answer() -> None:
    def failing(*args: object) -> None:
        raise RuntimeError("broken")

    process, tasks, replies = started(failing)
    process.join()
    assert process.exitcode == 1
    with pytest.raises(EOFError):
        replies.recv_bytes()
    with pytest.raises(OSError):  # its end is gone: no reader
        tasks.send_bytes(b"x" * (1 << 20))


def test_a_message_cut_short_is_the_end_of_the_pipe() -> None:
    reader, writer = forked.pipe()
    os.write(writer.fileno(), (10).to_bytes(8, "big") + b"only")
    writer.close()
    with pytest.raises(EOFError):
        reader.recv_bytes()
    with pytest.raises(OSError, match="closed"):
        writer.send_bytes(b"x")


def test_a_killed_worker_is_reaped_with_its_signal() -> None:
    def sleeping(*args: object) -> None:
        time.sleep(60)

    process, _tasks, replies = started(sleeping)
    assert process.exitcode is None
    process.join(0.01)  # not ended within the time: still running
    assert process.exitcode is None
    process.kill()
    process.join(10)
    assert process.exitcode == -signal.SIGKILL
    process.kill()  # ended already: nothing to do
    with pytest.raises(EOFError):
        replies.recv_bytes()


def test_wait_gives_the_ends_that_have_a_message_or_have_ended() -> None:
    first, second = forked.pipe(), forked.pipe()
    assert forked.wait([first[0], second[0]], 0) == []
    second[1].send_bytes(b"hi")
    assert forked.wait([first[0], second[0]], 1) == [second[0]]
    first[1].close()
    assert set(map(id, forked.wait([first[0], second[0]], None))) == {id(first[0]), id(second[0])}
