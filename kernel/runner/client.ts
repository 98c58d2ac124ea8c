/**
 * A minimal Jupyter client over the real protocol (no Python): starts a convlab kernel with a
 * fresh connection file, talks to it over ZeroMQ and routes IOPub messages to the request that
 * caused them. Used by the headless runner and by the kernel's protocol tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zmq from "zeromq";
import { kernelRoot } from "../paths";
import { endpoint, makeHeader, Signer, type ConnectionInfo, type Content, type Message } from "../protocol/wire";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** true: `env` is the kernel's whole environment (the grader's clean one), not added to ours. */
  cleanEnv?: boolean;
  /** Seconds to wait for the first kernel_info_reply. */
  startupTimeout?: number;
}

/** A request's reply can never come: the kernel process exited. */
export class KernelDiedError extends Error {
  override name = "KernelDied";
}

type Listener = (m: Message) => void;

export class KernelStartError extends Error {
  override name = "KernelStartError";
}

export class KernelClient {
  private readonly session = randomUUID();
  private readonly listeners = new Map<string, Listener>();
  private readonly replies = new Map<string, (m: Message) => void>();
  private closed = false;
  /** Set when the kernel process exits: why, for the replies that will never come. */
  private died: string | null = null;
  private readonly onDeath = new Set<(why: string) => void>();
  private sendTail: Record<"shell" | "control", Promise<void>> = {
    shell: Promise.resolve(),
    control: Promise.resolve(),
  };

  private constructor(
    readonly proc: ChildProcess,
    private readonly dir: string,
    private readonly signer: Signer,
    private readonly shell: zmq.Dealer,
    private readonly control: zmq.Dealer,
    private readonly iopub: zmq.Subscriber,
  ) {}

  /** Starts a kernel; retries with fresh ports when one dies before it is ready (a port taken meanwhile). */
  static async start(opts: StartOptions): Promise<KernelClient> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await KernelClient.startOnce(opts);
      } catch (e) {
        if (attempt >= 3 || !(e instanceof KernelStartError)) throw e;
      }
    }
  }

  private static async startOnce(opts: StartOptions): Promise<KernelClient> {
    const ports = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const conn: ConnectionInfo = {
      ip: "127.0.0.1",
      transport: "tcp",
      shell_port: ports[0],
      iopub_port: ports[1],
      stdin_port: ports[2],
      control_port: ports[3],
      hb_port: ports[4],
      key: randomBytes(16).toString("hex"),
      signature_scheme: "hmac-sha256",
    };
    const dir = mkdtempSync(join(tmpdir(), "convlab-run-"));
    const file = join(dir, "kernel.json");
    writeFileSync(file, JSON.stringify(conn));
    const proc = spawn(process.execPath, [join(kernelRoot(), "bin", "convlab.js"), "kernel", file], {
      cwd: opts.cwd,
      env: opts.cleanEnv ? opts.env : { ...process.env, ...opts.env },
      stdio: ["ignore", "inherit", "pipe"],
    });
    // Kernel diagnostics still reach our stderr; the tail explains a kernel that dies at start.
    let stderrTail = "";
    proc.stderr?.setEncoding("utf8");
    proc.stderr?.on("data", (t: string) => {
      process.stderr.write(t);
      stderrTail = (stderrTail + t).slice(-2000);
    });
    const shell = new zmq.Dealer({ linger: 0 }),
      control = new zmq.Dealer({ linger: 0 }),
      iopub = new zmq.Subscriber({ linger: 0 });
    shell.connect(endpoint(conn, conn.shell_port));
    control.connect(endpoint(conn, conn.control_port));
    iopub.connect(endpoint(conn, conn.iopub_port));
    iopub.subscribe();
    const client = new KernelClient(proc, dir, new Signer(conn.key), shell, control, iopub);
    proc.on("exit", (code, signal) =>
      client.markDied(`the kernel process exited (${signal ? `signal ${signal}` : `code ${code}`})`),
    );
    client.hbEndpoint = endpoint(conn, conn.hb_port);
    void client.pump(shell);
    void client.pump(control);
    void client.pump(iopub);
    try {
      await client.waitReady((opts.startupTimeout ?? 60) * 1000);
    } catch (e) {
      await client.shutdown();
      throw new KernelStartError(`${(e as Error).message}${stderrTail ? `\n${stderrTail}` : ""}`);
    }
    return client;
  }

  private async pump(sock: zmq.Dealer | zmq.Subscriber): Promise<void> {
    try {
      for await (const frames of sock) {
        const m = this.signer.decode(frames);
        if (!m) continue;
        const pid = m.parent_header.msg_id ?? "";
        if (sock === this.iopub) this.listeners.get(pid)?.(m);
        else {
          this.replies.get(pid)?.(m);
          this.replies.delete(pid);
        }
      }
    } catch {
      // closed
    }
  }

  /** kernel_info until both a reply and its IOPub status arrive (the subscription is live then). */
  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.proc.exitCode !== null)
        throw new Error(`convlab run: the kernel exited with code ${this.proc.exitCode} before it was ready`);
      let sawIopub = false;
      const id = this.send("shell", "kernel_info_request", {}, () => {
        sawIopub = true;
      });
      const reply = await Promise.race([this.reply(id), new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
      this.listeners.delete(id);
      if (reply && sawIopub) {
        this.kernelInfo = reply.content;
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(
      `convlab run: expected the kernel to answer kernel_info within ${timeoutMs / 1000}s, got no answer`,
    );
  }

  kernelInfo: Content = {};
  private hbEndpoint = "";

  /** One heartbeat round trip: true when the kernel echoes within `ms`. */
  async heartbeat(ms = 2000): Promise<boolean> {
    const req = new zmq.Request({ linger: 0, receiveTimeout: ms, sendTimeout: ms });
    req.connect(this.hbEndpoint);
    try {
      await req.send("ping");
      const [echo] = await req.receive();
      return echo.toString() === "ping";
    } catch {
      return false;
    } finally {
      req.close();
    }
  }

  /** Sends a request; IOPub messages with it as parent go to `onIopub`. Returns its msg_id. */
  send(channel: "shell" | "control", type: string, content: Content, onIopub?: Listener): string {
    const header = makeHeader(type, this.session, "convlab-runner");
    if (onIopub) this.listeners.set(header.msg_id, onIopub);
    const frames = this.signer.encode({ identities: [], header, parent_header: {}, metadata: {}, content });
    const sock = channel === "shell" ? this.shell : this.control;
    this.sendTail[channel] = this.sendTail[channel].then(() => sock.send(frames)).catch(() => {});
    return header.msg_id;
  }

  /** The reply to request `id`; rejects with KernelDiedError when the kernel process exits first. */
  reply(id: string): Promise<Message> {
    const p = new Promise<Message>((resolve, reject) => {
      if (this.died !== null) return reject(new KernelDiedError(this.died));
      const fail = (why: string) => reject(new KernelDiedError(why));
      this.onDeath.add(fail);
      this.replies.set(id, (m) => {
        this.onDeath.delete(fail);
        resolve(m);
      });
    });
    // A reply raced against a timer may be left unawaited; its rejection must not crash the client.
    p.catch(() => {});
    return p;
  }

  /** Why the kernel process exited, or null while it runs. */
  get deathReason(): string | null {
    return this.died;
  }

  private markDied(why: string): void {
    this.died = why;
    for (const f of this.onDeath) f(why);
    this.onDeath.clear();
  }

  stopListening(id: string): void {
    this.listeners.delete(id);
  }

  interrupt(): void {
    this.send("control", "interrupt_request", {});
  }

  /** SIGKILL to the kernel process (its execution process notices and ends too). */
  kill(): void {
    this.proc.kill("SIGKILL");
  }

  /** shutdown_request, then the process is killed if it has not exited within 2 s. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exited = new Promise<void>((r) => (this.died !== null ? r() : this.proc.once("exit", () => r())));
    this.send("control", "shutdown_request", { restart: false });
    const timer = setTimeout(() => this.kill(), 2000);
    await exited;
    clearTimeout(timer);
    for (const s of [this.shell, this.control, this.iopub]) s.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
