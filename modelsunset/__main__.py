"""The ``modelsunset`` command, and ``python -m modelsunset``.

Start-up is most of a short command's time, and while modules are imported the cyclic
garbage collector only walks the growing heap again and again (about 3 ms of a 60 ms
``resolve``). So collection is off during the imports (of Typer and the command line,
unless ``check`` is read without them: see ``launch.py``); what they built is then frozen
(never walked again) and collection is back on for the command itself.
"""

import gc


def main() -> None:
    try:
        gc.disable()
        import sys

        from modelsunset.launch import check_without_typer
        from modelsunset.launch import main_then_exit as run

        read = check_without_typer(sys.argv[1:])
        if read is None:
            import modelsunset.cli  # Typer, with the collector off
        else:
            import modelsunset.check.command  # noqa: F401  (the scan, as the collector is off)

        gc.freeze()
        gc.enable()
    except KeyboardInterrupt:
        # Ctrl-C while starting: as quiet as Ctrl-C during a command.
        import sys

        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except MemoryError:  # too little memory to start: a limit of the machine's
        _out_of_memory()
    try:
        run(read)
    except MemoryError:  # met outside a command's own handling (Typer's, click's)
        _out_of_memory()


def _out_of_memory() -> None:
    import contextlib
    import os

    try:
        from modelsunset.edge import said_out_of_memory

        said_out_of_memory()
    except MemoryError:  # not even room to import what says it: the least that does
        with contextlib.suppress(OSError):
            os.write(2, b"error: out of memory\n")
    os._exit(2)


if __name__ == "__main__":
    main()
