/**
 * The steppers' transport: first, ‹ prev, play/pause, next ›, last, a scrub slider and a position label.
 * Play advances every 600 ms and stops at the last step or when the output leaves the page (cell cleared
 * or re-run). Every move calls `draw(step)` and records the step in `root.dataset.step` (for tests). The
 * canvases take some colours from the theme (padding, outlines): a theme switch draws the step again.
 */
import { button, el } from "./dom";

export interface StepControls {
  element: HTMLElement;
  /** The label after the slider, filled by the view. */
  label: HTMLElement;
  go(step: number): void;
  step(): number;
  stop(): void;
  /** Stops playing and the theme watch (the renderer calls it when the output goes). */
  dispose(): void;
}

export function stepControls(root: HTMLElement, n: number, draw: (step: number) => void): StepControls {
  let step = 0;
  let timer: number | undefined;
  const label = el("span", "jp-convlab-step-label");
  const scrub = el("input", "jp-convlab-slider");
  scrub.type = "range";
  scrub.min = "0";
  scrub.max = String(n - 1);
  scrub.dataset.testid = "convlab-scrub";
  const go = (s: number): void => {
    step = Math.max(0, Math.min(n - 1, s));
    scrub.value = String(step);
    root.dataset.step = String(step);
    draw(step);
  };
  const stop = (): void => {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
    play.textContent = "play";
  };
  // Words, not media glyphs: ⏮/⏸ are missing from many system fonts and would show as empty boxes.
  const play = button("play", "play / pause", () => {
    if (timer !== undefined) return stop();
    if (step === n - 1) step = -1;
    play.textContent = "pause";
    timer = window.setInterval(() => {
      if (!root.isConnected || step >= n - 1) return stop();
      go(step + 1);
    }, 600);
  });
  const next = button("next ›", "next position", () => go(step + 1));
  next.dataset.testid = "convlab-next";
  const element = el("div", "jp-convlab-controls");
  element.append(
    button("first", "first position", () => go(0)),
    button("‹ prev", "previous position", () => go(step - 1)),
    play,
    next,
    button("last", "last position", () => go(n - 1)),
    scrub,
    label,
  );
  scrub.addEventListener("input", () => go(Number(scrub.value)));
  const themeWatch = new MutationObserver(() => {
    if (root.isConnected) draw(step);
  });
  themeWatch.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-name"] });
  return {
    element,
    label,
    go,
    step: () => step,
    stop,
    dispose: () => {
      stop();
      themeWatch.disconnect();
    },
  };
}
