/**
 * The protocol process: Jupyter messaging 5.3 over ZeroMQ. It never runs user code (that is
 * ExecProcess's job), so heartbeats, control messages and interrupts are always answered.
 * Shell requests run one at a time, in order; kernel_info, comm_info and connect are answered at
 * once even while a cell runs.
 */
import { readFileSync } from "node:fs";
import { ExecProcess } from "../exec/exec_process";
import type { FromExec } from "../exec/ipc";
import { History } from "./history";
import { kernelVersion } from "../paths";
import { bindSockets, heartbeat, Outbox, serve, type KernelSockets } from "./sockets";
import { makeHeader, PROTOCOL_VERSION, Signer, type ConnectionInfo, type Content, type Message } from "./wire";
import { kernelInfo } from "./kernel_info";

/** Seconds an interrupted cell gets to stop before the execution process is restarted. */
const INTERRUPT_GRACE_MS = Number(process.env.CONVLAB_INTERRUPT_GRACE_MS) || 5000;

interface Running {
  msg: Message;
  count: number;
  error: Content | null;
  resolve(): void;
}

export class Kernel {
  private readonly outbox: { shell: Outbox; control: Outbox; iopub: Outbox; stdin: Outbox };
  private readonly session = makeHeader("", "").msg_id;
  private readonly exec: ExecProcess;
  private readonly history = new History();
  private readonly parents = new Map<string, Message>();
  private lastParent: Message | null = null;
  private queue: Array<{ msg: Message; sock: "shell" | "control" }> = [];
  private busy = false;
  private count = 0;
  private running: Running | null = null;
  private pendingReplies = new Map<string, (c: Content) => void>();
  private interruptTimer: NodeJS.Timeout | null = null;
  /** An execute is waiting for the execution process to start; an interrupt now cancels it. */
  private starting = false;
  private interruptPending = false;

  constructor(
    private readonly conn: ConnectionInfo,
    private readonly socks: KernelSockets,
    private readonly signer: Signer,
  ) {
    this.outbox = {
      shell: new Outbox(socks.shell),
      control: new Outbox(socks.control),
      iopub: new Outbox(socks.iopub),
      stdin: new Outbox(socks.stdin),
    };
    this.exec = new ExecProcess({ message: (m) => this.onExec(m), exit: (c, s, r) => this.onExecExit(c, s, r) });
  }

  start(): void {
    void this.publish("status", { execution_state: "starting" }, null); // the outbox logs a failed send itself
    this.exec.start();
    void heartbeat(this.socks.hb);
    void serve(this.socks.shell, this.signer, (m) => this.onShell(m));
    void serve(this.socks.control, this.signer, (m) => this.onControl(m));
    void serve(this.socks.stdin, this.signer, () => {});
    process.on("SIGINT", () => this.interrupt());
    process.on("SIGTERM", () => this.shutdown());
    // Like ipykernel's parent poller: when whoever started us dies (we get re-parented), stop too,
    // so a killed client never leaves a kernel (and a busy cell) running forever.
    const parent = process.ppid;
    if (parent > 1)
      setInterval(() => {
        if (process.ppid !== parent) this.shutdown();
      }, 1000).unref();
  }

  // ---- sending --------------------------------------------------------------------------------

  private reply(sock: "shell" | "control", parent: Message, type: string, content: Content): Promise<void> {
    const header = makeHeader(type, this.session);
    return this.outbox[sock].send(
      this.signer.encode({
        identities: parent.identities,
        header,
        parent_header: parent.header,
        metadata: {},
        content,
      }),
    );
  }

  private publish(type: string, content: Content, parent: Message | null): Promise<void> {
    const header = makeHeader(type, this.session);
    return this.outbox.iopub.send(
      this.signer.encode({
        identities: [Buffer.from(`kernel.${this.session}.${type}`)],
        header,
        parent_header: parent?.header ?? {},
        metadata: {},
        content,
      }),
    );
  }

  // ---- shell ----------------------------------------------------------------------------------

  private onShell(msg: Message): void {
    const t = msg.header.msg_type;
    if (t === "kernel_info_request" || t === "comm_info_request" || t === "connect_request") {
      void this.immediate("shell", msg);
      return;
    }
    this.queue.push({ msg, sock: "shell" });
    void this.pump();
  }

  private async immediate(sock: "shell" | "control", msg: Message): Promise<void> {
    const t = msg.header.msg_type;
    await this.publish("status", { execution_state: "busy" }, msg);
    if (t === "kernel_info_request") await this.reply(sock, msg, "kernel_info_reply", kernelInfo(kernelVersion()));
    else if (t === "comm_info_request") await this.reply(sock, msg, "comm_info_reply", { status: "ok", comms: {} });
    else if (t === "connect_request") {
      const c = this.conn;
      await this.reply(sock, msg, "connect_reply", {
        status: "ok",
        shell_port: c.shell_port,
        iopub_port: c.iopub_port,
        stdin_port: c.stdin_port,
        hb_port: c.hb_port,
        control_port: c.control_port,
      });
    }
    await this.publish("status", { execution_state: "idle" }, msg);
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    const next = this.queue.shift();
    if (!next) return;
    this.busy = true;
    try {
      await this.handleShell(next.msg);
    } catch (e) {
      process.stderr.write(`[convlab] ${next.msg.header.msg_type} failed: ${String(e)}\n`);
    } finally {
      this.busy = false;
      void this.pump();
    }
  }

  private async handleShell(msg: Message): Promise<void> {
    const t = msg.header.msg_type,
      c = msg.content;
    this.parents.set(msg.header.msg_id, msg);
    if (this.parents.size > 200) this.parents.delete(this.parents.keys().next().value as string);
    await this.publish("status", { execution_state: "busy" }, msg);
    switch (t) {
      case "execute_request":
        await this.execute(msg);
        break;
      case "complete_request":
      case "inspect_request":
      case "is_complete_request": {
        await this.exec.ready;
        const content = await this.ask(msg);
        await this.reply("shell", msg, t.replace("_request", "_reply"), content);
        break;
      }
      case "history_request":
        await this.reply("shell", msg, "history_reply", { status: "ok", history: this.history.query(c) });
        break;
      case "comm_open":
        // No comm targets are registered: close it, as ipykernel does for an unknown target.
        await this.publish("comm_close", { comm_id: c.comm_id, data: {} }, msg);
        break;
      case "comm_msg":
      case "comm_close":
        break;
      case "shutdown_request":
        await this.reply("shell", msg, "shutdown_reply", { status: "ok", restart: !!c.restart });
        this.shutdown();
        break;
      default:
        process.stderr.write(`[convlab] unsupported shell message ${t}\n`);
    }
    await this.publish("status", { execution_state: "idle" }, msg);
  }

  /** complete/inspect/is_complete go to the execution process, which holds the compiler state. */
  private ask(msg: Message): Promise<Content> {
    const c = msg.content,
      id = msg.header.msg_id;
    return new Promise((resolve) => {
      this.pendingReplies.set(id, resolve);
      const code = String(c.code ?? "");
      if (msg.header.msg_type === "complete_request")
        this.exec.send({ t: "complete", id, code, pos: Number(c.cursor_pos ?? code.length) });
      else if (msg.header.msg_type === "inspect_request")
        this.exec.send({
          t: "inspect",
          id,
          code,
          pos: Number(c.cursor_pos ?? code.length),
          detail: Number(c.detail_level ?? 0),
        });
      else this.exec.send({ t: "is_complete", id, code });
    });
  }

  private async execute(msg: Message): Promise<void> {
    const c = msg.content;
    const code = String(c.code ?? "");
    const silent = !!c.silent;
    const store = c.store_history !== false && !silent;
    if (store) this.count++;
    const count = Math.max(this.count, 1);
    if (!silent) await this.publish("execute_input", { code, execution_count: count }, msg);
    const entry = store ? this.history.add(count, code) : null;
    this.lastParent = msg;
    let error: Content | null = null;
    if (code.trim() !== "") {
      this.starting = true;
      await this.exec.ready;
      this.starting = false;
    }
    if (this.interruptPending) {
      // Interrupted while the execution process was still starting: the cell never runs.
      this.interruptPending = false;
      error = {
        ename: "Interrupted",
        evalue: "execution interrupted before the cell started",
        traceback: ["Interrupted: execution interrupted before the cell started"],
      };
      await this.publish("error", error, msg);
    } else if (code.trim() !== "") {
      const done = new Promise<void>((resolve) => {
        this.running = { msg, count, error: null, resolve };
      });
      this.exec.send({ t: "execute", id: msg.header.msg_id, code, count, silent });
      await done;
      error = this.running?.error ?? null;
      this.running = null;
      if (this.interruptTimer) clearTimeout(this.interruptTimer);
      this.interruptTimer = null;
    }
    if (entry && this.lastResult?.id === msg.header.msg_id) entry.output = this.lastResult.text;
    const reply = error
      ? { status: "error", execution_count: count, ...error }
      : { status: "ok", execution_count: count, payload: [], user_expressions: {} };
    await this.reply("shell", msg, "execute_reply", reply);
    if (error && c.stop_on_error !== false) await this.abortQueued();
  }

  private lastResult: { id: string; text: string } | null = null;

  /** stop_on_error: every execute_request already queued is answered "aborted" without running. */
  private async abortQueued(): Promise<void> {
    const keep: typeof this.queue = [];
    for (const q of this.queue) {
      if (q.msg.header.msg_type !== "execute_request") {
        keep.push(q);
        continue;
      }
      await this.publish("status", { execution_state: "busy" }, q.msg);
      await this.reply("shell", q.msg, "execute_reply", { status: "aborted", execution_count: this.count });
      await this.publish("status", { execution_state: "idle" }, q.msg);
    }
    this.queue = keep;
  }

  // ---- output of the execution process -------------------------------------------------------

  private onExec(m: FromExec): void {
    if (m.t === "ready") return;
    if (m.t === "reply") {
      this.pendingReplies.get(m.id)?.(m.content);
      this.pendingReplies.delete(m.id);
      return;
    }
    const parent = (m.id && this.parents.get(m.id)) || this.running?.msg || this.lastParent;
    switch (m.t) {
      case "stream":
        void this.publish("stream", { name: m.name, text: m.text }, parent);
        break;
      case "display": {
        const transient = m.displayId ? { display_id: m.displayId } : {};
        void this.publish(
          m.update ? "update_display_data" : "display_data",
          { data: m.data, metadata: m.metadata, transient },
          parent,
        );
        break;
      }
      case "clear":
        void this.publish("clear_output", { wait: m.wait }, parent);
        break;
      case "result": {
        const r = this.running;
        if (!r) break;
        this.lastResult = { id: r.msg.header.msg_id, text: String(m.data["text/plain"] ?? "") };
        void this.publish("execute_result", { execution_count: r.count, data: m.data, metadata: m.metadata }, r.msg);
        break;
      }
      case "error": {
        const r = this.running;
        const content = { ename: m.ename, evalue: m.evalue, traceback: m.traceback };
        if (r && r.msg.header.msg_id === m.id) r.error = content;
        void this.publish("error", content, parent);
        break;
      }
      case "done":
        if (this.running?.msg.header.msg_id === m.id) this.running.resolve();
        break;
    }
  }

  private onExecExit(code: number | null, signal: string | null, reason: string | null): void {
    const r = this.running;
    for (const resolve of this.pendingReplies.values())
      resolve({ status: "error", ename: "ProcessDied", evalue: "the execution process exited", traceback: [] });
    this.pendingReplies.clear();
    this.exec.start();
    if (!r) return;
    const why =
      reason ??
      `the execution process exited (${signal ? `signal ${signal}` : `code ${code}`}) while running this cell`;
    const content = {
      ename: "KernelRestarted",
      evalue: `${why}; it was restarted and all variables are lost`,
      traceback: [`KernelRestarted: ${why}; it was restarted and all variables are lost`],
    };
    r.error = content;
    void this.publish("error", content, r.msg).then(() => r.resolve());
  }

  // ---- control --------------------------------------------------------------------------------

  private onControl(msg: Message): void {
    const t = msg.header.msg_type;
    if (t === "interrupt_request") {
      this.interrupt();
      void this.reply("control", msg, "interrupt_reply", { status: "ok" });
    } else if (t === "shutdown_request") {
      void this.reply("control", msg, "shutdown_reply", { status: "ok", restart: !!msg.content.restart }).then(() =>
        this.shutdown(),
      );
    } else if (t === "kernel_info_request") {
      void this.immediate("control", msg);
    } else {
      process.stderr.write(`[convlab] unsupported control message ${t}\n`);
    }
  }

  /** SIGINT or interrupt_request: stop the running cell, keeping state; restart if it will not stop. */
  interrupt(): void {
    const r = this.running;
    if (!r) {
      if (this.starting) this.interruptPending = true;
      return;
    }
    this.exec.interrupt();
    if (this.interruptTimer) return;
    this.interruptTimer = setTimeout(() => {
      this.interruptTimer = null;
      if (this.running === r)
        this.exec.kill(`the cell did not stop within ${INTERRUPT_GRACE_MS / 1000}s of an interrupt`);
    }, INTERRUPT_GRACE_MS);
  }

  shutdown(): void {
    this.exec.stop();
    setTimeout(() => {
      this.socks.close();
      process.exit(0);
    }, 50);
  }
}

export async function startKernel(connectionFile: string): Promise<void> {
  const conn = JSON.parse(readFileSync(connectionFile, "utf8")) as ConnectionInfo;
  const socks = await bindSockets(conn);
  new Kernel(conn, socks, new Signer(conn.key, conn.signature_scheme)).start();
}

export { PROTOCOL_VERSION };
