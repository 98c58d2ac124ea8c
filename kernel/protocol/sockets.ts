/**
 * The five kernel sockets (shell, control, stdin: ROUTER; iopub: PUB; heartbeat: REP) with one send
 * queue per socket: zeromq v6 allows a single send in flight per socket.
 */
import * as zmq from "zeromq";
import { endpoint, type ConnectionInfo, type Message, type Signer } from "./wire";

type Sendable = zmq.Router | zmq.Publisher;

export class Outbox {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly sock: Sendable) {}
  send(frames: Buffer[]): Promise<void> {
    this.tail = this.tail
      .then(() => this.sock.send(frames))
      .catch((e: unknown) => {
        process.stderr.write(`[convlab] send failed: ${String(e)}\n`);
      });
    return this.tail;
  }
}

export interface KernelSockets {
  shell: zmq.Router;
  control: zmq.Router;
  stdin: zmq.Router;
  iopub: zmq.Publisher;
  hb: zmq.Reply;
  close(): void;
}

export async function bindSockets(c: ConnectionInfo): Promise<KernelSockets> {
  const s = {
    shell: new zmq.Router(),
    control: new zmq.Router(),
    stdin: new zmq.Router(),
    iopub: new zmq.Publisher(),
    hb: new zmq.Reply(),
  };
  for (const sock of Object.values(s)) sock.linger = 0;
  await Promise.all([
    s.shell.bind(endpoint(c, c.shell_port)),
    s.control.bind(endpoint(c, c.control_port)),
    s.stdin.bind(endpoint(c, c.stdin_port)),
    s.iopub.bind(endpoint(c, c.iopub_port)),
    s.hb.bind(endpoint(c, c.hb_port)),
  ]);
  return { ...s, close: () => Object.values(s).forEach((x) => x.close()) };
}

/** Echoes heartbeats forever; runs in the protocol process, which user code never blocks. */
export async function heartbeat(hb: zmq.Reply): Promise<void> {
  try {
    for await (const frames of hb) await hb.send(frames);
  } catch {
    // socket closed at shutdown
  }
}

/** Decoded, signature-checked messages of a ROUTER socket. */
export async function serve(sock: zmq.Router, signer: Signer, handle: (m: Message) => void): Promise<void> {
  try {
    for await (const frames of sock) {
      const msg = signer.decode(frames);
      if (msg) handle(msg);
      else process.stderr.write("[convlab] dropped a message with a bad signature or format\n");
    }
  } catch {
    // socket closed at shutdown
  }
}
