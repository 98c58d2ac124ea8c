"""Execute a notebook with Debian's nbclient and write it with nbformat (the reference the headless
runner must match byte for byte). Usage: nbclient_run.py IN.ipynb OUT.ipynb [--allow-errors]"""
import os
import sys

import nbformat
from nbclient import NotebookClient

src, out = sys.argv[1], sys.argv[2]
nb = nbformat.read(src, as_version=4)
client = NotebookClient(
    nb, timeout=120, kernel_name="convlab", allow_errors="--allow-errors" in sys.argv,
    resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}},
)
client.execute()
nbformat.write(nb, out)
