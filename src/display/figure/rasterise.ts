/**
 * SVG → PNG with resvg (`@resvg/resvg-js`: the Rust resvg renderer, prebuilt for each platform as an
 * npm optional dependency; anti-aliased paths and text shaped with rustybuzz). It sees only the bundled
 * DejaVu Sans files — no system fonts, no network — so the PNG is the same on every machine.
 */
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import { fontFile, FONT_NAME } from "./font";

/** The PNG has twice the SVG's pixels: sharp on high-density screens, shown at the SVG's size. */
export const PNG_DENSITY = 2;

let options: ResvgRenderOptions | undefined;

function opts(density: number): ResvgRenderOptions {
  options ??= {
    font: {
      loadSystemFonts: false,
      fontFiles: [fontFile("normal"), fontFile("bold")],
      defaultFontFamily: FONT_NAME,
      sansSerifFamily: FONT_NAME,
    },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: "error",
  };
  return { ...options, fitTo: { mode: "zoom", value: density } };
}

export function rasterise(svg: string, density = PNG_DENSITY): Buffer {
  return new Resvg(svg, opts(density)).render().asPng();
}
