/**
 * Protocol tests over the real ZeroMQ wire with the kernel on the current sources: results,
 * streams, errors, diagnostics, stop_on_error, interrupts (control message and SIGINT, busy loop
 * and pending await) keeping state, unhandled rejections, process.exit, bounded output.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { KernelClient } from "../../kernel/runner/client";
import { ensureBuilt, request, resultOf, run, startKernel, textOf } from "./helpers";

describe("kernel protocol", () => {
  let kc: KernelClient;
  before(async () => {
    ensureBuilt();
    kc = await startKernel();
  });
  after(async () => {
    await kc?.shutdown();
  });

  it("answers kernel_info with TypeScript language_info on protocol 5.3", async () => {
    const r = await request(kc, "kernel_info_request", {});
    assert.equal(r.content.protocol_version, "5.3");
    assert.equal((r.content.language_info as { name: string }).name, "typescript");
    assert.equal((r.content.language_info as { file_extension: string }).file_extension, ".ts");
  });

  it("returns the last expression as execute_result and counts executions", async () => {
    const a = await run(kc, "const base: number = 40; base + 2");
    assert.equal(resultOf(a), "42");
    const b = await run(kc, "base * 2");
    assert.equal(resultOf(b), "80");
    assert.equal(b.reply.content.execution_count, (a.reply.content.execution_count as number) + 1);
  });

  it("sends stdout and stderr as streams", async () => {
    const r = await run(kc, 'console.log("hello, world"); console.error("careful")');
    assert.deepEqual(
      r.outputs.map((o) => [o.content.name, o.content.text]),
      [
        ["stdout", "hello, world\n"],
        ["stderr", "careful\n"],
      ],
    );
  });

  it("reports a syntax error and a type error with line:column in the cell", async () => {
    const syn = await run(kc, "let ok = 1;\nlet = ;");
    assert.equal(syn.reply.content.status, "error");
    assert.equal(syn.reply.content.ename, "TSError");
    assert.match(String(syn.reply.content.evalue), /^2:\d+ - /);
    const typ = await run(kc, "let n: number = 1;\nconst s: string = n;");
    assert.match(String(typ.reply.content.evalue), /^2:7 - Type 'number' is not assignable to type 'string'/);
    assert.equal(typ.outputs.length, 1);
    assert.equal(typ.outputs[0].type, "error");
  });

  it("reports a thrown error as an error message with traceback", async () => {
    const r = await run(kc, 'function f(): never {\n  throw new RangeError("too far");\n}\nf()');
    assert.equal(r.reply.content.status, "error");
    const err = r.outputs.find((o) => o.type === "error");
    assert.equal(err?.content.ename, "RangeError");
    assert.equal(err?.content.evalue, "too far");
    const tb = err?.content.traceback as string[];
    assert.ok(
      tb.some((l) => /at f \(cell\[\d+\]:2\)$/.test(l)),
      tb.join("\n"),
    );
    assert.ok(
      tb.some((l) => /at cell\[\d+\]:4$/.test(l)) && tb.includes("        4 | f()"),
      `frames point at cell lines:\n${tb.join("\n")}`,
    );
  });

  it("aborts queued requests after an error when stop_on_error is set", async () => {
    const first = run(kc, 'await new Promise((r) => setTimeout(r, 300)); throw new Error("stop")');
    const second = run(kc, "1");
    const third = run(kc, "2");
    assert.equal((await first).reply.content.status, "error");
    assert.equal((await second).reply.content.status, "aborted");
    assert.equal((await third).reply.content.status, "aborted");
    const lenient = run(kc, 'throw new Error("go on")', { stop_on_error: false });
    const next = run(kc, "3");
    assert.equal((await lenient).reply.content.status, "error");
    assert.equal(resultOf(await next), "3");
  });

  it("supports top-level await", async () => {
    const r = await run(kc, "const v = await new Promise<number>((r) => setTimeout(() => r(7), 20)); v * 6");
    assert.equal(resultOf(r), "42");
  });

  const interruptAfter = (ms: number, how: () => void) => setTimeout(how, ms);

  it("interrupts a busy loop and a pending await through interrupt_request, keeping state", async () => {
    await run(kc, "let keep = 41;");
    interruptAfter(800, () => kc.interrupt());
    const busy = await run(kc, "while (true) {}");
    assert.equal(busy.reply.content.status, "error");
    assert.equal(busy.reply.content.ename, "Interrupted");
    interruptAfter(500, () => kc.interrupt());
    const pending = await run(kc, "await new Promise(() => {})");
    assert.equal(pending.reply.content.ename, "Interrupted");
    interruptAfter(800, () => kc.interrupt());
    const later = await run(kc, "await new Promise((r) => setTimeout(r, 10)); let spin = 0; while (true) { spin++; }");
    assert.equal(later.reply.content.ename, "Interrupted");
    assert.equal(resultOf(await run(kc, "keep + 1")), "42");
  });

  it("answers heartbeats while a cell is busy", async () => {
    const busy = run(kc, "const until = Date.now() + 1500; while (Date.now() < until) {}");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await kc.heartbeat(), true);
    assert.equal((await busy).reply.content.status, "ok");
  });

  it("interrupts on SIGINT to the kernel process", async () => {
    interruptAfter(800, () => kc.proc.kill("SIGINT"));
    const r = await run(kc, "for (;;) {}");
    assert.equal(r.reply.content.ename, "Interrupted");
    assert.equal(resultOf(await run(kc, "keep")), "41");
  });

  it("turns an unhandled rejection into the cell's error and survives", async () => {
    const r = await run(kc, 'Promise.reject(new Error("nobody caught me")); 1');
    assert.equal(r.reply.content.status, "error");
    assert.equal(r.reply.content.evalue, "nobody caught me");
    assert.equal(resultOf(await run(kc, "keep")), "41");
  });

  it("refuses process.exit() in a cell with an error, keeping the kernel and its state", async () => {
    const r = await run(kc, "process.exit(3)");
    assert.equal(r.reply.content.ename, "ProcessExit");
    assert.match(String(r.reply.content.evalue), /process\.exit\(3\)/);
    assert.equal(resultOf(await run(kc, "keep")), "41");
  });

  it("bounds a 50 MB output and delivers 100k printed lines", async () => {
    const big = await run(kc, 'console.log("x".repeat(50_000_000))');
    const text = textOf(big);
    assert.ok(text.length < 5_000_000, `got ${text.length} characters`);
    assert.match(text, /output truncated: \d+ more characters on stdout/);
    const lines = await run(kc, 'for (let i = 0; i < 100_000; i++) console.log("line " + i)');
    const got = textOf(lines).split("\n");
    assert.equal(got.length, 100_001);
    assert.equal(got[99_999], "line 99999");
    assert.ok(lines.outputs.length < 100, `sent ${lines.outputs.length} stream messages`);
  });

  it("answers is_complete, complete, inspect, history, comm_info and closes unknown comms", async () => {
    assert.equal((await request(kc, "is_complete_request", { code: "function f() {" })).content.status, "incomplete");
    assert.equal((await request(kc, "is_complete_request", { code: "let z = 1;" })).content.status, "complete");
    const comp = await request(kc, "complete_request", { code: "Math.ma", cursor_pos: 7 });
    assert.ok((comp.content.matches as string[]).includes("max"));
    assert.equal(comp.content.cursor_start, 5);
    const insp = await request(kc, "inspect_request", { code: "Math.max", cursor_pos: 6, detail_level: 0 });
    assert.equal(insp.content.found, true);
    assert.match(String((insp.content.data as Record<string, string>)["text/plain"]), /max\(/);
    const hist = await request(kc, "history_request", { output: false, raw: true, hist_access_type: "tail", n: 2 });
    assert.equal((hist.content.history as unknown[]).length, 2);
    assert.deepEqual((await request(kc, "comm_info_request", {})).content, { status: "ok", comms: {} });
    const closed: string[] = [];
    const id = kc.send("shell", "comm_open", { comm_id: "c1", target_name: "nope", data: {} }, (m) => {
      if (m.header.msg_type === "comm_close") closed.push(String(m.content.comm_id));
    });
    await new Promise((r) => setTimeout(r, 300));
    kc.stopListening(id);
    assert.deepEqual(closed, ["c1"]);
  });
});

describe("kernel process lifecycle", () => {
  it("reports a killed execution process, restarts it with fresh state, and shuts down cleanly", async () => {
    const kc = await startKernel();
    try {
      await run(kc, "let gone = 1;");
      const execPid = Number(resultOf(await run(kc, "process.pid")));
      const r = await run(kc, 'process.kill(process.pid, "SIGKILL")');
      assert.equal(r.reply.content.ename, "KernelRestarted");
      assert.match(String(r.reply.content.evalue), /signal SIGKILL/);
      const fresh = await run(kc, "gone");
      assert.match(String(fresh.reply.content.evalue), /Cannot find name 'gone'/);
      const newPid = Number(resultOf(await run(kc, "process.pid")));
      assert.notEqual(newPid, execPid);
      const reply = new Promise((res) => {
        const id = kc.send("control", "shutdown_request", { restart: true });
        void kc.reply(id).then(res);
      });
      const exited = new Promise<number | null>((res) => kc.proc.once("exit", (code) => res(code)));
      assert.equal(((await reply) as { content: { restart: boolean } }).content.restart, true);
      assert.equal(await exited, 0);
      // Gone or a zombie waiting for init to reap it (containers may not reap promptly).
      const alive = () => {
        try {
          return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${newPid}/stat`, "utf8"));
        } catch {
          return false;
        }
      };
      for (let i = 0; i < 50 && alive(); i++) await new Promise((res) => setTimeout(res, 100));
      assert.equal(alive(), false, "the execution process is gone");
    } finally {
      await kc.shutdown();
    }
  });
});
