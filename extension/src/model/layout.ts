/**
 * Pixel layout of a map grid: integer zoom (so every value is a whole square of pixels: crisp),
 * paging for many channels, and the inverse mapping from a mouse position to a value's (row, col).
 */

/** Integer zoom that brings the longer side of an h x w map near `targetPx` (at least 1, at most 64). */
export function mapZoom(h: number, w: number, targetPx = 96): number {
  return Math.max(1, Math.min(64, Math.floor(targetPx / Math.max(h, w, 1))));
}

/** Columns of a grid of `count` cells of `cellPx` width (plus gap) that fit in `widthPx`. */
export function gridColumns(count: number, cellPx: number, widthPx: number, gapPx = 8): number {
  const fit = Math.max(1, Math.floor((widthPx + gapPx) / (cellPx + gapPx)));
  return Math.max(1, Math.min(count, fit));
}

export interface Page {
  /** First and one-past-last map on this page. */
  start: number;
  end: number;
  /** Page number (clamped) and number of pages. */
  page: number;
  pages: number;
}

/** Page `page` of `count` maps, `size` per page. */
export function pageOf(count: number, size: number, page: number): Page {
  const pages = Math.max(1, Math.ceil(count / Math.max(1, size)));
  const p = Math.min(pages - 1, Math.max(0, Math.floor(page)));
  return { start: p * size, end: Math.min(count, (p + 1) * size), page: p, pages };
}

/**
 * The (row, col) of the value under canvas-local point (x, y) for a map drawn at `zoom`,
 * or null outside the map. Uses floor, so the right/bottom edge of a square belongs to it.
 */
export function hitTest(x: number, y: number, zoom: number, h: number, w: number): { row: number; col: number } | null {
  const row = Math.floor(y / zoom);
  const col = Math.floor(x / zoom);
  return row >= 0 && row < h && col >= 0 && col < w ? { row, col } : null;
}
