/**
 * Light and dark colours of the static figures. The PNG/SVG is a fallback that cannot follow the
 * reader's theme, so the caller picks one (`theme: "dark"` in any display helper; light by default).
 * Data colours (colour maps, NaN/Inf marks) are the same in both: they encode values, not chrome.
 */
export type ThemeName = "light" | "dark";

export interface Theme {
  name: ThemeName;
  background: string;
  /** Titles, tick labels, legend text. */
  ink: string;
  /** Axis titles' companions: notes, captions, per-map labels. */
  muted: string;
  /** The plot frame and tick marks. */
  axis: string;
  grid: string;
  /** Frame drawn around every map, so +Inf (white) and -Inf (black) cells stay visible on any background. */
  mapFrame: string;
  /** Series colours in order. */
  series: string[];
  /** The stepper's receptive-field outline and the zero-padding ring. */
  highlight: string;
  padFill: string;
  progressTrack: string;
}

/** tab10 (matplotlib's default cycle), easy to tell apart, and its brighter variants for the dark theme. */
const LIGHT: Theme = {
  name: "light",
  background: "#ffffff",
  ink: "#1a1a1a",
  muted: "#5f5f5f",
  axis: "#3d3d3d",
  grid: "#e5e5e5",
  mapFrame: "#8c8c8c",
  series: [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
  ],
  highlight: "#e8590c",
  padFill: "#efefef",
  progressTrack: "#e3e3e3",
};

const DARK: Theme = {
  name: "dark",
  background: "#111111",
  ink: "#e8e8e8",
  muted: "#a8a8a8",
  axis: "#bdbdbd",
  grid: "#2e2e2e",
  mapFrame: "#8c8c8c",
  series: [
    "#4ea3e6",
    "#ffa047",
    "#55cc55",
    "#ff6b6b",
    "#b79be0",
    "#c99a8c",
    "#f29ad2",
    "#b0b0b0",
    "#d8d84a",
    "#3fd4e6",
  ],
  highlight: "#ff9a3c",
  padFill: "#262626",
  progressTrack: "#333333",
};

export function themeOf(name: ThemeName | undefined): Theme {
  if (name === undefined || name === "light") return LIGHT;
  if (name === "dark") return DARK;
  throw new Error(`display: expected theme "light" or "dark", got ${JSON.stringify(name)}`);
}
