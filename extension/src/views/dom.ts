/** Tiny DOM helpers shared by the views (no framework: each view owns a subtree of plain elements). */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = el("button", "jp-convlab-button", label);
  b.type = "button";
  b.title = title;
  b.addEventListener("click", onClick);
  return b;
}

/** A <select> whose options are [value, label] pairs. */
export function select(options: [string, string][], value: string, onChange: (v: string) => void): HTMLSelectElement {
  const s = el("select", "jp-convlab-select");
  for (const [v, label] of options) {
    const o = el("option", undefined, label);
    o.value = v;
    s.appendChild(o);
  }
  s.value = value;
  s.addEventListener("change", () => onChange(s.value));
  return s;
}

/** The title line and the payload's notes (what was downsampled or sliced), shown above every view. */
export function header(title: string | undefined, notes: readonly string[]): HTMLElement {
  const h = el("div", "jp-convlab-header");
  if (title) h.appendChild(el("div", "jp-convlab-title", title));
  for (const n of notes) h.appendChild(el("div", "jp-convlab-note", n));
  return h;
}

/** Value of a JupyterLab CSS variable (theme aware), with a fallback outside JupyterLab. */
export function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}
