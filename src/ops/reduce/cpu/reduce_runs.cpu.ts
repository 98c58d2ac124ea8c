/**
 * How a dense reduction walks its input (reduce.cpu.ts's reduceDense and its wasm twin reduce.wasm.ts):
 * runs of adjacent dims that are all kept or all reduced, merged, with their strides.
 */

/** A run of merged adjacent dims, all kept or all reduced, with its strides in the input and the output. */
export interface Run {
  n: number;
  reduced: boolean;
  inS: number;
  /** 0 for a reduced run: it does not move the output index */
  outS: number;
}

/** The runs of a dense input of `shape` reduced over `axes` (size-1 dims dropped, adjacent alike merged). */
export function denseRuns(shape: readonly number[], axes: readonly number[]): Run[] {
  const runs: Run[] = [];
  shape.forEach((n, d) => {
    const reduced = axes.includes(d),
      last = runs[runs.length - 1];
    if (n === 1) return;
    if (last && last.reduced === reduced) last.n *= n;
    else runs.push({ n, reduced, inS: 0, outS: 0 });
  });
  let inStride = 1,
    outStride = 1;
  for (let r = runs.length - 1; r >= 0; r--) {
    runs[r].inS = inStride;
    runs[r].outS = runs[r].reduced ? 0 : outStride;
    inStride *= runs[r].n;
    if (!runs[r].reduced) outStride *= runs[r].n;
  }
  return runs;
}
