/**
 * convlab's JupyterLab 4 mime extension: renders `application/vnd.convlab.v1+json` outputs interactively.
 * Rank 10 puts it before image/png (rank 90), so the kernel's static PNG is only the fallback for labs
 * without this extension (GitHub, nbconvert). `safe: true`: outputs of an untrusted (reopened) notebook
 * render too, because the renderer never executes or injects markup from the payload.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { CONVLAB_MIME } from "../../src/display/payload";
import { ConvlabRenderer } from "./renderer";

export const rendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [CONVLAB_MIME],
  defaultRank: 10,
  createRenderer: (options) => new ConvlabRenderer(options),
};

const extension: IRenderMime.IExtension = {
  id: "convlab-jupyterlab:renderer",
  description: "Interactive feature maps, filters, plots, matrices and a convolution stepper for convlab outputs.",
  rendererFactory,
  rank: 10,
  dataType: "json",
};

export default extension;
