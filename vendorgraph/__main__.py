"""Run the command line as ``python -m vendorgraph`` (the same as the ``vendorgraph`` script).

Examples
--------
>>> import subprocess, sys
>>> run = subprocess.run([sys.executable, "-m", "vendorgraph", "--version"],
...                      capture_output=True, text=True, check=True)
>>> run.stdout.startswith("vendorgraph ")
True
"""

from vendorgraph.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
