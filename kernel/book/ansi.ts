/**
 * Terminal text (streams, tracebacks) to HTML: ANSI SGR colours and bold become spans with JupyterLab's
 * class names (`ansi-red-fg`, `ansi-bold`, …; book.css colours them), 256-colour and RGB codes an inline
 * colour; every other escape sequence (cursor moves, erase line) is dropped. A carriage return overwrites
 * the line as a terminal would, so a progress line printed with `\r` shows its last state.
 */
import { escapeHtml } from "./highlight";

const NAMES = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];
const CUBE = [0, 95, 135, 175, 215, 255];

interface Style {
  fg?: string;
  bg?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** An xterm 256-colour index as CSS. */
function xterm(n: number): string {
  if (n < 16) return `var(--cl-ansi-${NAMES[n % 8]}${n >= 8 ? "-intense" : ""})`;
  if (n >= 232) {
    const g = 8 + (n - 232) * 10;
    return `rgb(${g},${g},${g})`;
  }
  const c = n - 16;
  return `rgb(${CUBE[Math.floor(c / 36)]},${CUBE[Math.floor(c / 6) % 6]},${CUBE[c % 6]})`;
}

function apply(style: Style, codes: number[]): Style {
  const s = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) {
      delete s.fg;
      delete s.bg;
      delete s.bold;
      delete s.italic;
      delete s.underline;
    } else if (c === 1) s.bold = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 22) delete s.bold;
    else if (c === 23) delete s.italic;
    else if (c === 24) delete s.underline;
    else if (c >= 30 && c <= 37) s.fg = `ansi-${NAMES[c - 30]}`;
    else if (c >= 90 && c <= 97) s.fg = `ansi-${NAMES[c - 90]}-intense`;
    else if (c >= 40 && c <= 47) s.bg = `ansi-${NAMES[c - 40]}`;
    else if (c >= 100 && c <= 107) s.bg = `ansi-${NAMES[c - 100]}-intense`;
    else if (c === 39) delete s.fg;
    else if (c === 49) delete s.bg;
    else if ((c === 38 || c === 48) && codes[i + 1] === 5) {
      s[c === 38 ? "fg" : "bg"] = xterm(codes[i + 2] ?? 0);
      i += 2;
    } else if ((c === 38 || c === 48) && codes[i + 1] === 2) {
      s[c === 38 ? "fg" : "bg"] = `rgb(${codes[i + 2] ?? 0},${codes[i + 3] ?? 0},${codes[i + 4] ?? 0})`;
      i += 4;
    }
  }
  return s;
}

function open(s: Style): string {
  const classes: string[] = [];
  const css: string[] = [];
  for (const [key, value] of [
    ["fg", s.fg],
    ["bg", s.bg],
  ] as const) {
    if (value === undefined) continue;
    if (value.startsWith("ansi-")) classes.push(`${value}-${key}`);
    else css.push(`${key === "fg" ? "color" : "background-color"}:${value}`);
  }
  if (s.bold) classes.push("ansi-bold");
  if (s.italic) classes.push("ansi-italic");
  if (s.underline) classes.push("ansi-underline");
  if (!classes.length && !css.length) return "";
  return `<span${classes.length ? ` class="${classes.join(" ")}"` : ""}${css.length ? ` style="${css.join(";")}"` : ""}>`;
}

/** Applies carriage returns: within each line only the text after the last lone `\r` remains. */
export function overwriteLines(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.slice(line.lastIndexOf("\r") + 1))
    .join("\n");
}

export function ansiToHtml(text: string): string {
  let html = "";
  let style: Style = {};
  let spanOpen = false;
  // SGR sequences carry the style; any other CSI or OSC sequence is removed.
  const parts = overwriteLines(text).split(/(\x1b\[[0-9;]*m|\x1b\[[0-9;?]*[A-Za-ln-z]|\x1b\][^\x07]*\x07)/);
  for (const part of parts) {
    const sgr = /^\x1b\[([0-9;]*)m$/.exec(part);
    if (sgr) {
      style = apply(style, sgr[1] === "" ? [0] : sgr[1].split(";").map(Number));
      if (spanOpen) html += "</span>";
      const tag = open(style);
      html += tag;
      spanOpen = tag !== "";
    } else if (!part.startsWith("\x1b")) {
      html += escapeHtml(part);
    }
  }
  return spanOpen ? html + "</span>" : html;
}
