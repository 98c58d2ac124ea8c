/**
 * The in-cell message for a payload this extension cannot show (malformed, or written by a newer convlab),
 * instead of a blank output. When the bundle carries the kernel's static PNG, it is shown below the message.
 */
import { PAYLOAD_SCHEMA_VERSION } from "../../../src/display/payload";
import { el } from "./dom";

/** `width`: the CSS width the kernel gave for its PNG (drawn at twice that many pixels), when it gave one. */
export function renderMessage(
  root: HTMLElement,
  json: unknown,
  error: string,
  png: string | undefined,
  width?: number,
): void {
  root.dataset.convlabKind = "error";
  const version = typeof json === "object" && json !== null ? (json as { version?: unknown }).version : undefined;
  const newer = typeof version === "number" && version > PAYLOAD_SCHEMA_VERSION;
  const box = el("div", "jp-convlab-message");
  box.dataset.testid = "convlab-message";
  box.appendChild(
    el(
      "strong",
      undefined,
      newer
        ? `This convlab output was written by a newer convlab (payload version ${version}); this extension reads version ${PAYLOAD_SCHEMA_VERSION}. Update the convlab JupyterLab extension to see it interactively.`
        : "This convlab output could not be displayed: its data does not match the convlab display format.",
    ),
  );
  box.appendChild(el("div", "jp-convlab-note", error));
  root.appendChild(box);
  if (png) {
    const img = el("img", "jp-convlab-fallback");
    img.src = `data:image/png;base64,${png}`;
    img.alt = "static rendering made by the kernel";
    if (width !== undefined) img.width = width;
    root.append(el("div", "jp-convlab-note", "Static rendering from the kernel:"), img);
  }
}
