"""The edge of the command line: the one place where a command's errors become messages
on stderr and exit codes. Free of Typer, so that a command read without it (``check``,
see ``check/argv.py``) ends the same way as one Typer runs (``cli._run``)."""

from collections.abc import Callable

from modelsunset.commands import Session
from modelsunset.i18n import Lang


def outcome(command: Callable[[Session], int], lang: Lang | None = None) -> int:
    """Runs ``command`` in a session of this process and gives its exit code, or the code of
    the error it raised, once the error is said on stderr; ``lang``: --lang, which wins
    over the environment."""
    from modelsunset import console
    from modelsunset.commands import usage_error
    from modelsunset.errors import EXIT_USAGE, DomainError, Fault, ModelsunsetError

    err = console.writer("err")
    try:
        return command(console.session(lang))
    except DomainError as exc:
        err(usage_error(exc).render())
        return EXIT_USAGE
    except ModelsunsetError as exc:
        err(exc.render())
        return exc.exit_code
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except MemoryError:  # a limit of this machine's (ulimit -v, a container's), not a fault
        said_out_of_memory()
        return EXIT_USAGE
    except BrokenPipeError:
        raise  # a reader gone: see ``launch.main``
    except Exception as exc:  # a fault of our own: one line, not a traceback
        fault = Fault(exc)
        err(fault.render())
        return fault.exit_code


def said_out_of_memory() -> None:
    """``OutOfMemory`` said on stderr, with nothing more to import or build than its text
    (there may be no room for more)."""
    import os
    import sys

    from modelsunset.errors import OutOfMemory

    text = OutOfMemory().render() + "\n"
    try:
        try:
            sys.stderr.write(text)
            sys.stderr.flush()
        except MemoryError:  # no room for the stream's buffer: straight to the descriptor
            os.write(2, text.encode())
    except (OSError, ValueError, AttributeError, MemoryError):  # stderr closed, or no room
        pass
