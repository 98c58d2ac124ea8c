/**
 * Shared by the kernel tests: a built library (cells import "convlab"), a kernel client on the
 * current sources, and a helper that runs one cell and collects what it sent.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KernelClient } from "../../kernel/runner/client";
import type { Content, Message } from "../../kernel/protocol/wire";

export const ROOT = join(__dirname, "..", "..");
export const PYTHON = "/usr/bin/python3";

function newestMtime(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return t;
}

/** Builds dist/ when it is missing or older than src/display (cells import the built library). */
export function ensureBuilt(): void {
  const built = join(ROOT, "dist", "src", "display", "index.js");
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(ROOT, "src", "display"))) return;
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.json")],
    { stdio: "ignore" },
  );
}

/** Environment that makes every kernel run the TypeScript sources under test. */
export const SOURCE_ENV = { CONVLAB_FROM_SOURCE: "1" };

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startKernel(cwd = tempDir("convlab-nb-"), env: NodeJS.ProcessEnv = {}): Promise<KernelClient> {
  return KernelClient.start({ cwd, env: { ...SOURCE_ENV, ...env } });
}

export interface CellRun {
  reply: Message;
  iopub: Message[];
  /** IOPub messages other than status and execute_input. */
  outputs: Array<{ type: string; content: Content }>;
}

/** Executes code and waits for both the reply and the idle status. */
export async function run(kc: KernelClient, code: string, content: Content = {}, timeoutMs = 60_000): Promise<CellRun> {
  const iopub: Message[] = [];
  let idle: () => void = () => {};
  const sawIdle = new Promise<void>((r) => {
    idle = r;
  });
  const id = kc.send(
    "shell",
    "execute_request",
    {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
      ...content,
    },
    (m) => {
      iopub.push(m);
      if (m.header.msg_type === "status" && m.content.execution_state === "idle") idle();
    },
  );
  const timer = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`run: no reply within ${timeoutMs} ms for ${code.slice(0, 60)}`)),
      timeoutMs,
    ).unref(),
  );
  const reply = await Promise.race([kc.reply(id), timer]);
  await Promise.race([sawIdle, timer]);
  kc.stopListening(id);
  const outputs = iopub
    .filter((m) => !["status", "execute_input"].includes(m.header.msg_type))
    .map((m) => ({ type: m.header.msg_type, content: m.content }));
  return { reply, iopub, outputs };
}

/** Sends any shell request and returns its reply. */
export async function request(kc: KernelClient, type: string, content: Content): Promise<Message> {
  const id = kc.send("shell", type, content, () => {});
  const reply = await kc.reply(id);
  kc.stopListening(id);
  return reply;
}

export const textOf = (r: CellRun): string =>
  r.outputs
    .filter((o) => o.type === "stream")
    .map((o) => String(o.content.text))
    .join("");
export const resultOf = (r: CellRun): string | undefined => {
  const m = r.outputs.find((o) => o.type === "execute_result");
  return m ? String((m.content.data as Record<string, unknown>)["text/plain"]) : undefined;
};
