// The small part of plotly.js this extension calls (plotly.js-dist-min ships no types; the DefinitelyTyped
// package tracks plotly.js 2.x while we use 4.x, so we declare only what we use).
declare module "plotly.js-dist-min" {
  export type Datum = number | string | null;
  export interface Trace {
    type?: "scatter" | "heatmap";
    mode?: string;
    name?: string;
    x?: Datum[];
    y?: Datum[];
    z?: Datum[][];
    xaxis?: string;
    yaxis?: string;
    colorscale?: [number, string][];
    zmin?: number;
    zmax?: number;
    zmid?: number;
    showscale?: boolean;
    colorbar?: Record<string, unknown>;
    line?: Record<string, unknown>;
    marker?: Record<string, unknown>;
    error_y?: Record<string, unknown>;
    showlegend?: boolean;
    /** which legend (`legend`, `legend2`, …) lists the trace */
    legend?: string;
    hovertemplate?: string;
  }
  export type Layout = Record<string, unknown>;
  export interface Config {
    displaylogo?: boolean;
    responsive?: boolean;
    displayModeBar?: boolean | "hover";
  }
  export function react(root: HTMLElement, data: Trace[], layout?: Layout, config?: Config): Promise<HTMLElement>;
  export function purge(root: HTMLElement): void;
  export const Plots: { resize(root: HTMLElement): void };
}
