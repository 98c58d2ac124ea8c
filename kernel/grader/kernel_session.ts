/**
 * The kernel a submission runs in, as the grader sees it: started with the grader's environment in the
 * submission's working copy, restarted when it dies, and able to replay earlier cells silently so that a
 * fresh kernel has the state the next cell expects (cocalc #4879; nbgrader #427 shows what happens
 * otherwise: every later cell fails with "not defined").
 */
import { KernelClient } from "../runner/client";
import { NotebookExecutor } from "../runner/notebook";
import type { NotebookJson } from "../runner/pyjson";

export interface SessionOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  backend?: string;
}

export class KernelSession {
  private kc: KernelClient | null = null;
  executor: NotebookExecutor | null = null;

  constructor(
    private readonly nb: NotebookJson,
    private readonly opts: SessionOptions,
  ) {}

  /** Starts the kernel (the first time, or after it died); picks the backend. */
  async start(): Promise<void> {
    await this.close();
    // In the worker's process group (isolation.ts kills that group at the end); the execution process leads its
    // own and ends with the kernel (kernel/exec/watchdog_worker.js).
    this.kc = await KernelClient.start({ cwd: this.opts.cwd, env: this.opts.env, cleanEnv: true, startupTimeout: 120 });
    // The execution process (and its compiler) may still be starting: that must not count against the first cell's limit.
    if (!(await this.silent("void 0", 120)))
      throw new Error(
        "convlab autograde: expected the kernel's execution process to start within 120 s, got no answer",
      );
    if (this.opts.backend) {
      const ok = await this.silent(`await require("convlab").setBackend(${JSON.stringify(this.opts.backend)});`, 120);
      if (!ok)
        throw new Error(
          `convlab autograde: expected the kernel to switch to backend ${this.opts.backend}, got an error`,
        );
    }
    this.executor = new NotebookExecutor(this.nb, this.kc);
  }

  get alive(): boolean {
    return this.kc !== null && this.kc.deathReason === null && !(this.executor?.wedged ?? false);
  }

  /** Runs code without output or history; true when it finished without error within `seconds`. */
  async silent(code: string, seconds: number): Promise<boolean> {
    const kc = this.kc;
    if (!kc) return false;
    const id = kc.send("shell", "execute_request", {
      code,
      silent: true,
      store_history: false,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: false,
    });
    const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), seconds * 1000).unref());
    try {
      const reply = await Promise.race([kc.reply(id), timer]);
      if (reply === "timeout") {
        kc.interrupt();
        return false;
      }
      return reply.content.status === "ok";
    } catch {
      return false; // the kernel died
    }
  }

  /** Re-runs cells silently in a fresh kernel; returns how many ran cleanly before one failed. */
  async replay(sources: readonly string[], secondsEach: number, deadline: number): Promise<number> {
    let n = 0;
    for (const code of sources) {
      const left = (deadline - Date.now()) / 1000;
      if (left <= 0 || !(await this.silent(code, Math.min(secondsEach, left)))) break;
      n++;
    }
    return n;
  }

  async close(): Promise<void> {
    const kc = this.kc;
    this.kc = null;
    this.executor = null;
    if (!kc) return;
    await Promise.race([kc.shutdown(), new Promise((r) => setTimeout(r, 5000))]);
    kc.kill(); // a kernel that did not shut down (its execution process follows it)
  }
}
