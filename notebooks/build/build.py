#!/usr/bin/python3
"""Builds the course notebooks (nbformat 4, no outputs) from the plain-text sources in src/.

Run with Debian's python (python3-nbformat):  /usr/bin/python3 notebooks/build/build.py [--out DIR]
A source file is a sequence of cells, each opened by a line `%% md` or `%% code`. A cell header may carry
a variant tag, `%% code [template]` or `%% code [solution]`: sources with tagged cells are built twice,
once as notebooks/<name>.ipynb (untagged + template cells) and once as notebooks/solutions/<name>.ipynb
(untagged + solution cells). `%% include FILE` splices in shared cells (the helper cell). Cell ids are derived from the notebook name and position, so a rebuild of
unchanged sources gives byte-identical files (clean diffs).
"""
import pathlib
import re
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = pathlib.Path(__file__).resolve().parent
NOTEBOOKS = HERE.parent
HEADER = re.compile(r"^%% (md|code)(?: \[(template|solution)\])?\s*$")

METADATA = {
    "kernelspec": {"name": "convlab", "display_name": "TypeScript (convlab)", "language": "typescript"},
    "language_info": {
        "name": "typescript",
        "file_extension": ".ts",
        "mimetype": "text/typescript",
        "codemirror_mode": {"name": "javascript", "typescript": True},
    },
}


def expand(path):
    """The source lines, with each `%% include FILE` line replaced by FILE's lines (shared cells)."""
    lines = []
    for line in path.read_text().splitlines():
        if line.startswith("%% include "):
            lines += expand(path.parent / line[len("%% include "):].strip())
        else:
            lines.append(line)
    return lines


def parse(path):
    """[(kind, tag, text)] in file order; text is stripped of leading/trailing blank lines."""
    cells, current = [], None
    for line in expand(path):
        m = HEADER.match(line)
        if m:
            current = [m.group(1), m.group(2), []]
            cells.append(current)
        elif current is None:
            if line.strip():
                sys.exit(f"{path}: text before the first cell header: {line!r}")
        else:
            current[2].append(line)
    return [(k, t, "\n".join(body).strip("\n")) for k, t, body in cells]


def build(name, cells, variant):
    nb = new_notebook(metadata=METADATA)
    for i, (kind, tag, text) in enumerate(c for c in cells if c[1] in (None, variant)):
        cell = new_markdown_cell(text) if kind == "md" else new_code_cell(text)
        cell["id"] = f"{name[:40]}-{i:02d}".replace("_", "-")
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def main():
    # --out DIR writes the notebooks under DIR instead of notebooks/ (the test compares them with the committed ones)
    out_root = pathlib.Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else NOTEBOOKS
    written = []
    for src in sorted((HERE / "src").glob("*.nb")):
        name = src.stem
        cells = parse(src)
        tagged = any(tag for _, tag, _ in cells)
        targets = [("template", out_root / f"{name}.ipynb")]
        if tagged:
            targets.append(("solution", out_root / "solutions" / f"{name}.ipynb"))
        for variant, out in targets:
            out.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(build(name, cells, variant), str(out))
            written.append(out)
    for w in written:
        print(w)


if __name__ == "__main__":
    main()
