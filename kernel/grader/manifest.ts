/**
 * The release manifest, `RELEASE/<id>.grader.json`: the instructor's copy of every graded, solution and locked
 * cell of one notebook — what nbgrader keeps in its gradebook as "source cells". It never goes to students
 * (it holds the hidden tests). The grader takes every maximum from it (never from what ran), restores edited
 * test and locked cells from it and re-adds deleted ones, and learns from it which test cases exist (recorded
 * by `assign --check` from the solution's run), so that cases that never ran count as failed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ConvlabMeta, Role } from "./nbgrader_cell";

export const MANIFEST_FORMAT = "convlab-grader/1";
export const MANIFEST_SUFFIX = ".grader.json";

export interface ManifestCase {
  name: string;
  /** a case of the BEGIN/END HIDDEN TESTS region: named in feedback, its code never shown */
  hidden: boolean;
}

export interface ManifestCell {
  grade_id: string;
  role: Role;
  /** its position in the source notebook (every cell counted) */
  index: number;
  cell_type: string;
  /** the release's source: what the student received (stub, no hidden tests) */
  release_source: string;
  /** what the grader runs: the full test cell, hidden tests included (tests and locked cells) */
  source: string;
  /** nbgrader checksum of release_source under this cell's metadata */
  checksum: string;
  /** the cell's nbgrader id in the notebook (nbformat cell id) */
  cell_id: string;
  points?: number;
  convlab?: ConvlabMeta;
  /** the test cases the solution ran (assign --check); absent when never checked */
  cases?: ManifestCase[];
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  /** the notebook's file stem: submissions are <student>/<id>.ipynb */
  id: string;
  title: string;
  kernelspec: Record<string, unknown>;
  total_points: number;
  cells: ManifestCell[];
}

export const manifestPath = (release: string, id: string): string => join(release, `${id}${MANIFEST_SUFFIX}`);

export function readManifest(path: string): Manifest {
  const m = JSON.parse(readFileSync(path, "utf8")) as Manifest;
  if (m.format !== MANIFEST_FORMAT)
    throw new Error(`manifest: expected format ${MANIFEST_FORMAT} in ${path}, got ${JSON.stringify(m.format)}`);
  return m;
}

/** Every manifest of a release folder, by notebook id. */
export function readRelease(release: string): Manifest[] {
  let names: string[];
  try {
    names = readdirSync(release)
      .filter((f) => f.endsWith(MANIFEST_SUFFIX))
      .sort();
  } catch {
    throw new Error(
      `convlab: expected a release folder (written by convlab assign), got ${release}, which cannot be read`,
    );
  }
  if (names.length === 0)
    throw new Error(
      `convlab: expected *${MANIFEST_SUFFIX} manifests in ${release} (written by convlab assign), got none`,
    );
  return names.map((f) => readManifest(join(release, f)));
}

export const testCells = (m: Manifest): ManifestCell[] => m.cells.filter((c) => c.role === "tests");

/** JSON in the order the manifest is built (stable diffs), 1-space indent like the notebooks. */
export function manifestText(m: Manifest): string {
  return JSON.stringify(m, null, 1) + "\n";
}
