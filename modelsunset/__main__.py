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
    run(read)


if __name__ == "__main__":
    main()
