"""How the ``modelsunset`` command starts and ends: the command line to Typer
(``cli.py``), or to ``check/argv.py`` when it is a ``check`` run in the forms that module
reads, so that such a run never imports Typer; then the exit code out, at once.

Free of Typer and of the commands, so that starting costs only what the command needs.
"""

import os
import sys

from modelsunset.check.argv import Args


def completing() -> bool:
    """The shell asks for completions (``_MODELSUNSET_COMPLETE`` is set)."""
    return any(key.endswith("_COMPLETE") for key in os.environ)


def check_without_typer(args: list[str]) -> Args | None:
    """``check``'s arguments when ``check/argv.py`` reads them all; None for every other
    command line, and when a shell asks for completions."""
    if args[:1] != ["check"] or completing():
        return None
    from modelsunset.check.argv import parse

    return parse(args[1:])


def main(read: Args | None = None) -> None:
    """The ``modelsunset`` command: runs what ``sys.argv`` asks and exits with its code;
    ``read``: its ``check`` arguments, when the caller has read them already."""
    from modelsunset.console import quiet, writer
    from modelsunset.errors import ModelsunsetError

    args = sys.argv[1:]
    # A shell asking for completions runs with no arguments, and is shown no help.
    if not completing() and (not args or "--help" in args or "-h" in args):
        if sys.stdout is None:  # the help would be lost, and --help would pass
            writer("err")("error: cannot write the output: stdout is closed")
            sys.exit(2)
        from modelsunset.render.help import reader_that_left_is_no_error

        reader_that_left_is_no_error()
    if read is None:
        read = check_without_typer(args)
    if read is not None:
        # Its errors become messages and exit codes in ``edge.outcome``; the handlers
        # below are for what click itself writes.
        from modelsunset.check.argv import invoke

        sys.exit(invoke(read))
    try:
        from modelsunset.cli import run_app

        run_app(args)
    except ModelsunsetError as exc:
        # From outside a command: --version that cannot be written.
        writer("err")(exc.render())
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # click's own output (help, usage) to a reader that went away, `| head`.
        quiet(sys.stdout)
        sys.exit(0)
    except OSError as exc:
        # click's own output (help, usage) that cannot be written.
        writer("err")(f"error: cannot write the output: {exc.strerror or exc}")
        quiet(sys.stdout)
        sys.exit(2)


def main_then_exit(read: Args | None = None) -> None:
    """``main`` as the ``modelsunset`` command runs it: once it has its exit code, the
    ``atexit`` functions have run and stdout and stderr are flushed, the process ends at
    once, without the rest of the interpreter's teardown (freeing every module and object:
    some 40 million instructions, 5 to 15 ms, more after a large scan), which has nothing
    else to do: files are closed where they are written, worker processes reaped. An exit
    with a message, a flush that fails or an error goes the usual way, with what Python
    says then. ``read``: see ``main``."""
    try:
        main(read)
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            _exit_at_once(exc.code or 0)
        raise
    _exit_at_once(0)


def _exit_at_once(code: int) -> None:
    """Ends the process with ``code`` once the ``atexit`` functions have run (as the
    interpreter runs them at exit, once) and stdout and stderr are flushed; returns if a
    flush fails."""
    import atexit

    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(code)
