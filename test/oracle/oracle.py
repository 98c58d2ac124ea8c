"""Oracle server for convlab's tests: reads a JSON list of cases on stdin, answers a JSON list on stdout.

Each case: {"op": name, "inputs": {name: {"shape": [...], "data": [...]}}, "attrs": {...}}.
Each answer: {"outputs": [{"shape", "data"}, ...]} or {"error": "..."}.
Ops are registered by the modules in oracle_ops/ (PyTorch 1.13 / SciPy / definition-level NumPy code
written from the lecture formulas where no library has the op). Computation is float64.
"""
import importlib
import json
import math
import os
import pkgutil
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

from oracle_ops import REGISTRY  # noqa: E402
import oracle_ops  # noqa: E402

for mod in pkgutil.iter_modules(oracle_ops.__path__):
    importlib.import_module(f"oracle_ops.{mod.name}")


def to_np(a):
    return np.asarray(a["data"], dtype=np.float64).reshape(a["shape"])


def clean(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def from_np(x):
    x = np.asarray(x)
    return {"shape": list(x.shape), "data": [clean(v) for v in x.reshape(-1).tolist()]}


def main():
    cases = json.load(sys.stdin)
    out = []
    for case in cases:
        try:
            fn = REGISTRY[case["op"]]
            inputs = {k: to_np(v) for k, v in case.get("inputs", {}).items()}
            res = fn(inputs, case.get("attrs", {}) or {})
            if not isinstance(res, (list, tuple)):
                res = [res]
            out.append({"outputs": [from_np(r) for r in res]})
        except Exception as e:  # report per case, keep going
            out.append({"error": f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=3)}"})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
