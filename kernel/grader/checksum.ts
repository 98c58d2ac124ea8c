/**
 * nbgrader's cell checksum (utils.compute_checksum), byte for byte, so that nbgrader and convlab agree on which
 * cells a student changed:
 *
 *   md5( source + cell_type + str(is_grade) + str(is_solution) + str(is_locked) + grade_id
 *        [+ str(float(points)) for grade cells] )
 *
 * with Python's spellings: `True` / `False`, and floats as repr() writes them (3 → "3.0", 0.5 → "0.5",
 * 1e16 → "1e+16"). The pieces are UTF-8 and simply concatenated, so the order is part of the formula.
 */
import { createHash } from "node:crypto";
import { pyFloat } from "../runner/pyjson";
import { isGrade, isLocked, isSolution, nbgraderOf, type NbCell } from "./nbgrader_cell";

const pyBool = (b: boolean): string => (b ? "True" : "False");

export function computeChecksum(cell: NbCell): string {
  const m = nbgraderOf(cell);
  if (!m) throw new Error(`checksum: expected a cell with metadata.nbgrader, got none (${String(cell.id ?? "no id")})`);
  const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
  const h = createHash("md5");
  for (const piece of [
    source,
    cell.cell_type,
    pyBool(isGrade(m)),
    pyBool(isSolution(m)),
    pyBool(isLocked(m)),
    m.grade_id,
  ]) {
    h.update(piece, "utf8");
  }
  if (isGrade(m)) h.update(pyFloat(Number(m.points ?? 0)), "utf8");
  return h.digest("hex");
}
