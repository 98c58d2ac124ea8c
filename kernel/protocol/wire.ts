/**
 * The Jupyter wire format (messaging protocol 5.3): a multipart ZeroMQ message
 *   [identities…, "<IDS|MSG>", hmac, header, parent_header, metadata, content, buffers…]
 * signed with HMAC-SHA256 over the four JSON frames. Shared by the kernel and the headless runner.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const PROTOCOL_VERSION = "5.3";
const DELIM = "<IDS|MSG>";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Content = Record<string, unknown>;

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface Message {
  identities: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Content;
  content: Content;
  buffers: Buffer[];
}

/** ISO date with microseconds, as Python's datetime writes it (nbclient copies it into notebooks). */
export function isoNow(): string {
  const now = performance.timeOrigin + performance.now();
  const ms = Math.floor(now);
  const micros = String(Math.floor((now - ms) * 1000)).padStart(3, "0");
  return new Date(ms).toISOString().replace("Z", `${micros}Z`);
}

export class Signer {
  constructor(
    private readonly key: string,
    private readonly scheme = "hmac-sha256",
  ) {
    if (key && scheme !== "hmac-sha256") throw new Error(`wire: expected signature_scheme hmac-sha256, got ${scheme}`);
  }

  sign(frames: Buffer[]): string {
    if (!this.key) return "";
    const h = createHmac("sha256", this.key);
    for (const f of frames) h.update(f);
    return h.digest("hex");
  }

  /** Parses incoming frames; returns null (dropped, as the spec says) when the signature is wrong. */
  decode(frames: Buffer[]): Message | null {
    const i = frames.findIndex((f) => f.length === DELIM.length && f.toString() === DELIM);
    if (i < 0 || frames.length < i + 6) return null;
    const [sig, h, p, m, c] = frames.slice(i + 1, i + 6);
    if (this.key) {
      const want = Buffer.from(this.sign([h, p, m, c]));
      if (sig.length !== want.length || !timingSafeEqual(sig, want)) return null;
    }
    return {
      identities: frames.slice(0, i),
      header: JSON.parse(h.toString()),
      parent_header: JSON.parse(p.toString()),
      metadata: JSON.parse(m.toString()),
      content: JSON.parse(c.toString()),
      buffers: frames.slice(i + 6),
    };
  }

  encode(msg: Omit<Message, "buffers"> & { buffers?: Buffer[] }): Buffer[] {
    const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((o) => Buffer.from(JSON.stringify(o)));
    return [...msg.identities, Buffer.from(DELIM), Buffer.from(this.sign(parts)), ...parts, ...(msg.buffers ?? [])];
  }
}

export function makeHeader(msgType: string, session: string, username = "convlab"): Header {
  return { msg_id: randomUUID(), session, username, date: isoNow(), msg_type: msgType, version: PROTOCOL_VERSION };
}

/** The connection file Jupyter writes for a kernel (and the runner writes for its own kernels). */
export interface ConnectionInfo {
  ip: string;
  transport: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
}

export function endpoint(c: ConnectionInfo, port: number): string {
  return c.transport === "ipc" ? `ipc://${c.ip}-${port}` : `${c.transport}://${c.ip}:${port}`;
}
