"""The ``modelsunset`` command, and ``python -m modelsunset``.

Start-up is most of a short command's time, and while modules are imported the cyclic
garbage collector only walks the growing heap again and again (about 3 ms of a 60 ms
``resolve``). So collection is off during the imports; what they built is then frozen
(never walked again) and collection is back on for the command itself.
"""

import gc


def main() -> None:
    try:
        gc.disable()
        from modelsunset.cli import main_then_exit as run

        gc.freeze()
        gc.enable()
    except KeyboardInterrupt:
        # Ctrl-C while starting: as quiet as Ctrl-C during a command.
        import sys

        sys.stderr.write("interrupted\n")
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()
