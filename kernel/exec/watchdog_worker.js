// Interrupt watchdog: a worker thread of the execution process (plain JS so it loads the same way
// from the sources and from dist). It reads interrupt bytes from a pipe the protocol process writes
// to. First it asks the main thread (which answers at once when it is idle or awaiting); when the
// main thread does not answer within 250 ms it is busy in JavaScript, so the worker terminates that
// execution through the inspector (Runtime.terminateExecution): the running code stops, the
// process and every global keep their state. It waits while the main thread is inside the
// TypeScript compiler (flag 1), whose caches must not be torn.
"use strict";
const { workerData, parentPort } = require("node:worker_threads");
const net = require("node:net");
const inspector = require("node:inspector");

const flags = new Int32Array(workerData.flags); // [0]: last interrupt seq the main thread saw, [1]: in compiler
const session = new inspector.Session();
session.connectToMainThread();
let seq = 0;

function interrupt() {
  const s = ++seq;
  parentPort.postMessage({ seq: s });
  const answered = Atomics.wait(flags, 0, s - 1, 250) !== "timed-out" || Atomics.load(flags, 0) >= s;
  if (answered) return;
  while (Atomics.load(flags, 1) !== 0) Atomics.wait(flags, 1, 1, 50);
  session.post("Runtime.terminateExecution", () => {});
  // The termination may hit the first message's handler instead of user code; say it again.
  setTimeout(() => parentPort.postMessage({ seq: s }), 20);
}

// The kernel (protocol process) gone means nobody can use this process any more: end it, with whatever a cell
// started (this process leads its own group). The main thread cannot notice while a cell is busy
// (`while (true) {}` never yields to the IPC "disconnect" event), so this thread does: the interrupt pipe
// reaches end-of-file when the kernel's end closes (it dies), and a changed parent pid says the same (re-parented).
function kernelGone() {
  try {
    process.kill(-process.pid, "SIGKILL");
  } catch {
    process.kill(process.pid, "SIGKILL");
  }
}
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) kernelGone();
}, 500);

const pipe = new net.Socket({ fd: workerData.fd, readable: true, writable: false });
pipe.on("data", (buf) => {
  for (let i = 0; i < buf.length; i++) interrupt();
});
pipe.on("end", kernelGone);
pipe.on("error", () => {});
// Until this arrives the execution process does not report itself ready: a cell that starts busy
// before the worker is up could not be interrupted.
parentPort.postMessage({ ready: true });
