"""nbgrader's compute_checksum (nbgrader/utils.py) for cells read as JSON from stdin, one checksum per line.
An independent oracle for kernel/grader/checksum.ts: Python's hashlib, str(bool) and str(float)."""
import hashlib, json, sys

def is_locked(m):
    if m.get("solution", False): return False
    if m.get("grade", False): return True
    return m.get("locked", False)

for cell in json.load(sys.stdin):
    m, h = cell["metadata"]["nbgrader"], hashlib.md5()
    src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    for piece in (src, cell["cell_type"], str(m.get("grade", False)), str(m.get("solution", False)), str(is_locked(m)), m["grade_id"]):
        h.update(piece.encode("utf-8"))
    if m.get("grade", False):
        h.update(str(float(m["points"])).encode("utf-8"))
    print(h.hexdigest())
