/**
 * The static renderer: one SVG per payload (src/display/figure/*), rasterised to PNG by resvg. Every
 * display bundle carries both, so GitHub, nbconvert, the course website and a lab without the
 * extension show a real figure. Pure functions of the payload and the theme.
 */
import type { ConvlabPayload } from "../payload";
import { convolutionFigure } from "./conv_figure";
import { convolutionGradFigure } from "./conv_grad_figure";
import { gridFigure, heatmapFigure, matrixFigure, spectrum2dFigure } from "./map_figures";
import { plotFigure, plotSpec, spectrumSpec } from "./plot_figure";
import { progressFigure } from "./progress_figure";
import { PNG_DENSITY, rasterise } from "./rasterise";
import { themeOf, type ThemeName } from "./theme";

export { PNG_DENSITY, rasterise } from "./rasterise";
export type { ThemeName } from "./theme";

export function renderSvg(p: ConvlabPayload, theme?: ThemeName): string {
  const t = themeOf(theme);
  switch (p.kind) {
    case "heatmap":
      return heatmapFigure(t, p);
    case "grid":
      return gridFigure(t, p);
    case "matrix":
      return matrixFigure(t, p);
    case "spectrum":
      return p.magnitude.shape.length === 1 ? plotFigure(t, spectrumSpec(p)) : spectrum2dFigure(t, p);
    case "convolution":
      return convolutionFigure(t, p);
    case "convolutionGrad":
      return convolutionGradFigure(t, p);
    case "plot":
    case "liveplot":
      return plotFigure(t, plotSpec(p));
    case "progress":
      return progressFigure(t, p);
  }
}

export interface StaticFigure {
  svg: string;
  png: Buffer;
  /** CSS size of the figure (the PNG has PNG_DENSITY times as many pixels). */
  width: number;
  height: number;
}

/** The SVG's declared size, read back from its root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg);
  if (!m)
    throw new Error(
      `renderFigure: expected an <svg> root with width and height, got ${JSON.stringify(svg.slice(0, 60))}`,
    );
  return { width: Number(m[1]), height: Number(m[2]) };
}

/**
 * A PNG over this many bytes is drawn again at 1x: only figures of many noisy maps get there (64 random
 * 64x64 maps: 0.86 MB at 2x, 0.23 MB at 1x), and their bundle already holds the values twice.
 */
export const PNG_MAX_BYTES = 512 * 1024;

export function renderFigure(p: ConvlabPayload, theme?: ThemeName, density = PNG_DENSITY): StaticFigure {
  const svg = renderSvg(p, theme);
  const png = rasterise(svg, density);
  return { svg, png: png.length > PNG_MAX_BYTES && density > 1 ? rasterise(svg, 1) : png, ...svgSize(svg) };
}
