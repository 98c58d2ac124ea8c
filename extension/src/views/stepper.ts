/**
 * The convolution stepper: input (with its zero-padding ring drawn), kernel and output side by side.
 * Step, play or scrub through output positions; the receptive field (every tap, so dilation shows as gaps)
 * is outlined on the input, and the sum of products for the current output is written out.
 */
import { arrayValues, type ConvolutionView } from '../../../src/display/payload';
import { cssColor } from '../model/colormap';
import { formatIndex, formatTerm, formatValue } from '../model/format';
import { hitTest } from '../model/layout';
import { makeScale, type Scale } from '../model/scale';
import { stepCount, stepPosition, stepperGeometry, termsAt, windowAt } from '../model/stepper';
import { button, cssVar, el, header } from './dom';

const HIGHLIGHT = '#ff7f0e';

interface Panel {
  canvas: HTMLCanvasElement;
  rows: number;
  cols: number;
}

function panel(rows: number, cols: number, cell: number): Panel {
  const canvas = el('canvas', 'jp-convlab-stepper-canvas');
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.ceil(cols * cell * dpr);
  canvas.height = Math.ceil(rows * cell * dpr);
  canvas.style.width = `${cols * cell}px`;
  canvas.style.height = `${rows * cell}px`;
  return { canvas, rows, cols };
}

/** Paint cells (value or padding), grid lines, optional numbers, then outline the highlighted cells. */
function paint(p: Panel, cell: number, value: (r: number, c: number) => number | null, scale: Scale, marks: [number, number][]): void {
  const ctx = p.canvas.getContext('2d');
  if (!ctx) return;
  const dpr = window.devicePixelRatio || 1;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, p.cols * cell, p.rows * cell);
  ctx.font = `${Math.max(8, Math.floor(cell * 0.32))}px var(--jp-code-font-family, monospace)`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const fg = cssVar('--jp-ui-font-color2', '#616161');
  for (let r = 0; r < p.rows; r++) {
    for (let c = 0; c < p.cols; c++) {
      const v = value(r, c);
      const x = c * cell;
      const y = r * cell;
      if (v === null) {
        // zero padding: no colour of its own, a dashed square with a 0
        ctx.strokeStyle = fg;
        ctx.setLineDash([2, 2]);
        ctx.strokeRect(x + 0.5, y + 0.5, cell - 1, cell - 1);
        ctx.setLineDash([]);
        if (cell >= 16) {
          ctx.fillStyle = fg;
          ctx.fillText('0', x + cell / 2, y + cell / 2);
        }
        continue;
      }
      const col = scale.color(v);
      ctx.fillStyle = cssColor(col);
      ctx.fillRect(x, y, cell, cell);
      if (cell >= 22) {
        ctx.fillStyle = 0.2126 * col[0] + 0.7152 * col[1] + 0.0722 * col[2] > 140 ? '#000' : '#fff';
        ctx.fillText(formatValue(v).slice(0, 5), x + cell / 2, y + cell / 2);
      }
    }
  }
  ctx.strokeStyle = HIGHLIGHT;
  ctx.lineWidth = 3;
  for (const [r, c] of marks) ctx.strokeRect(c * cell + 1.5, r * cell + 1.5, cell - 3, cell - 3);
  ctx.lineWidth = 1;
}

export function renderStepper(root: HTMLElement, p: ConvolutionView): () => void {
  const x = arrayValues(p.input);
  const w = arrayValues(p.kernel);
  const y = arrayValues(p.output);
  const g = stepperGeometry([p.input.shape[0], p.input.shape[1]], [p.kernel.shape[0], p.kernel.shape[1]], p.stride, p.padding, p.dilation);
  const [ph, pw] = g.padding;
  const padH = g.inH + 2 * ph;
  const padW = g.inW + 2 * pw;
  const cell = Math.max(8, Math.min(40, Math.floor(300 / Math.max(padH, padW))));
  const scales = { x: makeScale(p.inputScale), w: makeScale(p.kernelScale), y: makeScale(p.outputScale) };
  const inP = panel(padH, padW, cell);
  const kP = panel(g.kH, g.kW, cell);
  const outP = panel(g.outH, g.outW, cell);
  const n = stepCount(g);
  let step = 0;
  let timer: number | undefined;

  root.dataset.convlabKind = 'convolution';
  const info = el('div', 'jp-convlab-note',
    `input ${g.inH}×${g.inW}, padding (${ph}, ${pw}) → ${padH}×${padW} · kernel ${g.kH}×${g.kW} · stride (${g.stride}) · dilation (${g.dilation}) → output ${g.outH}×${g.outW}`);
  const figs = el('div', 'jp-convlab-stepper-panels');
  const fig = (pn: Panel, caption: string): HTMLElement => {
    const f = el('figure', 'jp-convlab-cell');
    f.append(pn.canvas, el('figcaption', undefined, caption));
    return f;
  };
  figs.append(fig(inP, 'input x (padded)'), el('div', 'jp-convlab-op', '⋆'), fig(kP, 'kernel w'), el('div', 'jp-convlab-op', '='), fig(outP, 'output y'));
  const pos = el('span', 'jp-convlab-step-label');
  const scrub = el('input', 'jp-convlab-slider');
  scrub.type = 'range';
  scrub.min = '0';
  scrub.max = String(n - 1);
  scrub.dataset.testid = 'convlab-scrub';
  const sum = el('div', 'jp-convlab-sum');
  sum.dataset.testid = 'convlab-sum';
  const readout = el('div', 'jp-convlab-readout', '\u00a0');
  const stop = (): void => {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
    play.textContent = 'play';
  };
  const go = (s: number): void => {
    step = Math.max(0, Math.min(n - 1, s));
    draw();
  };
  // Words, not media glyphs: ⏮/⏸ are missing from many system fonts and would show as empty boxes.
  const play = button('play', 'play / pause', () => {
    if (timer !== undefined) return stop();
    if (step === n - 1) step = -1;
    play.textContent = 'pause';
    timer = window.setInterval(() => {
      // stop when the output was removed from the page (cell cleared or re-run)
      if (!root.isConnected || step >= n - 1) return stop();
      go(step + 1);
    }, 600);
  });
  const controls = el('div', 'jp-convlab-controls');
  controls.append(
    button('first', 'first position', () => go(0)), button('‹ prev', 'previous position', () => go(step - 1)), play,
    button('next ›', 'next position', () => go(step + 1)), button('last', 'last position', () => go(n - 1)), scrub, pos
  );
  controls.querySelectorAll('button')[3].dataset.testid = 'convlab-next';
  scrub.addEventListener('input', () => go(Number(scrub.value)));
  outP.canvas.addEventListener('click', e => {
    const r = outP.canvas.getBoundingClientRect();
    const hit = hitTest(e.clientX - r.left, e.clientY - r.top, cell, g.outH, g.outW);
    if (hit) go(hit.row * g.outW + hit.col);
  });
  inP.canvas.addEventListener('mousemove', e => {
    const r = inP.canvas.getBoundingClientRect();
    const hit = hitTest(e.clientX - r.left, e.clientY - r.top, cell, padH, padW);
    if (!hit) return;
    const [ir, ic] = [hit.row - ph, hit.col - pw];
    const inside = ir >= 0 && ir < g.inH && ic >= 0 && ic < g.inW;
    readout.textContent = inside ? `x ${formatIndex([ir, ic])} = ${formatValue(x[ir * g.inW + ic])}` : `padding ${formatIndex([ir, ic])} = 0`;
  });

  function draw(): void {
    const { oh, ow } = stepPosition(g, step);
    const taps = windowAt(g, oh, ow);
    paint(inP, cell, (r, c) => {
      const [ir, ic] = [r - ph, c - pw];
      return ir >= 0 && ir < g.inH && ic >= 0 && ic < g.inW ? x[ir * g.inW + ic] : null;
    }, scales.x, taps.map(t => [t.pr, t.pc]));
    paint(kP, cell, (r, c) => w[r * g.kW + c], scales.w, taps.map(t => [t.kh, t.kw]));
    paint(outP, cell, (r, c) => y[r * g.outW + c], scales.y, [[oh, ow]]);
    const t = termsAt(g, x, w, oh, ow);
    const terms = t.terms.map(k => `${k.padded ? '0' : formatTerm(k.x)}·${formatTerm(k.w)}`).join(' + ');
    sum.textContent = `y${formatIndex([oh, ow])} = ${terms} = ${formatValue(t.sum)}`;
    const out = y[oh * g.outW + ow];
    // The payload's output may include a bias; say so rather than silently disagreeing with the sum.
    if (Math.abs(out - t.sum) > 1e-4 * Math.max(1, Math.abs(out))) sum.textContent += ` (output ${formatValue(out)}: + bias ${formatValue(out - t.sum)})`;
    pos.textContent = `step ${step + 1} / ${n} · y${formatIndex([oh, ow])} = ${formatValue(out)}`;
    scrub.value = String(step);
    root.dataset.step = String(step);
  }
  root.append(header(p.title, p.notes), info, figs, controls, sum, readout);
  draw();
  return stop;
}
