/**
 * Messages between the protocol process (kernel/protocol/front.ts) and the execution process
 * (kernel/exec/main.ts), over Node's IPC channel. `id` is the msg_id of the Jupyter request the
 * output belongs to, so the front can set parent_header.
 */
export type ToExec =
  | { t: "execute"; id: string; code: string; count: number; silent: boolean }
  | { t: "complete"; id: string; code: string; pos: number }
  | { t: "inspect"; id: string; code: string; pos: number; detail: number }
  | { t: "is_complete"; id: string; code: string };

export type FromExec =
  | { t: "ready"; pid: number }
  | { t: "stream"; id: string; name: "stdout" | "stderr"; text: string }
  | {
      t: "display";
      id: string;
      data: Record<string, unknown>;
      metadata: Record<string, unknown>;
      displayId?: string;
      update: boolean;
    }
  | { t: "clear"; id: string; wait: boolean }
  | { t: "result"; id: string; data: Record<string, unknown>; metadata: Record<string, unknown> }
  | { t: "error"; id: string; ename: string; evalue: string; traceback: string[] }
  | { t: "done"; id: string; status: "ok" | "error" }
  | { t: "reply"; id: string; content: Record<string, unknown> };

/** Characters of stdout (and of stderr) one cell may print before the rest is dropped (env CONVLAB_MAX_STREAM_CHARS). */
export const DEFAULT_MAX_STREAM_CHARS = 4_000_000;
