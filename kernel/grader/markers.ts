/**
 * nbgrader's markers inside a cell, written as TypeScript comments: `// BEGIN SOLUTION` … `// END SOLUTION`
 * and `// BEGIN HIDDEN TESTS` … `// END HIDDEN TESTS`. nbgrader matches the delimiter as a substring of the
 * line, drops the marker lines and replaces a solution region by the language's stub at the marker's
 * indentation (ClearSolutions, ClearHiddenTests); so does this file, so that `nbgrader generate_assignment`
 * (with the config `convlab nbgrader-config` prints) and `convlab assign` write the same student cells.
 */

/** The stub for language "typescript": a throw type-checks as any function body, whatever it returns. */
export const CODE_STUB = '// YOUR CODE HERE\nthrow new Error("not implemented");';
/** nbgrader's ClearSolutions.text_stub, for markdown answers. */
export const TEXT_STUB = "YOUR ANSWER HERE";

export const SOLUTION = { begin: "BEGIN SOLUTION", end: "END SOLUTION" } as const;
export const HIDDEN = { begin: "BEGIN HIDDEN TESTS", end: "END HIDDEN TESTS" } as const;
type Markers = typeof SOLUTION | typeof HIDDEN;

/**
 * Replaces each marked region (marker lines included) by `stub` indented like its BEGIN line, or drops it
 * when `stub` is null. `found` says whether there was a region. Nested or unclosed regions are errors.
 */
export function replaceRegions(
  source: string,
  markers: Markers,
  stub: string | null,
  where: string,
): { source: string; found: boolean } {
  const out: string[] = [];
  let inside = false,
    found = false;
  for (const line of source.split("\n")) {
    if (line.includes(markers.begin)) {
      if (inside)
        throw new Error(`${where}: expected ${markers.end} before another ${markers.begin}, got a nested region`);
      inside = found = true;
      const indent = /^\s*/.exec(line)?.[0] ?? "";
      if (stub !== null) for (const s of stub.split("\n")) out.push(indent + s);
    } else if (line.includes(markers.end)) {
      if (!inside)
        throw new Error(`${where}: expected ${markers.begin} before ${markers.end}, got an ${markers.end} alone`);
      inside = false;
    } else if (!inside) {
      out.push(line);
    }
  }
  if (inside) throw new Error(`${where}: expected ${markers.end} after ${markers.begin}, got the end of the cell`);
  return { source: out.join("\n"), found };
}

export const hasRegion = (source: string, markers: Markers): boolean =>
  source.split("\n").some((l) => l.includes(markers.begin));
