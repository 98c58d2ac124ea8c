/**
 * Isolation of student code, seen from inside a submission: a tiny assignment whose answer cell reports what
 * it can see. Always: a temporary working copy, HOME inside it, none of the grader's environment. With
 * --sandbox (bubblewrap): only loopback networking, a private PID namespace, the convlab installation
 * read-only, no /etc secrets. Where bubblewrap cannot create namespaces, --sandbox refuses with a message
 * and grades nothing (simulated with a stand-in bwrap that fails as it does there).
 */
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { GradeResult } from "../../kernel/grader/result";
import { convlab, ensureBuilt, gradeIdOf, readJson, readNotebook, ROOT, tempDir, type CliRun } from "./helpers";

const SOURCE = `%% md locked id=intro
# Sandbox probe

%% code locked id=setup
import * as cl from "convlab";

%% code solution id=probe
function probe(): string {
  // BEGIN SOLUTION
  const fs = require("fs"), os = require("os");
  let write = "written";
  try { fs.writeFileSync(${JSON.stringify(join(ROOT, "sandbox-probe.txt"))}, "x"); } catch (e) { write = (e as NodeJS.ErrnoException).code ?? "error"; }
  return JSON.stringify({
    interfaces: Object.keys(os.networkInterfaces()), processes: fs.readdirSync("/proc").filter((d: string) => /^\\d+$/.test(d)).length,
    home: os.homedir(), cwd: process.cwd(), secret: process.env.SECRET_TOKEN ?? null, write, shadow: fs.existsSync("/etc/shadow"),
  });
  // END SOLUTION
}

%% code
console.log(probe());

%% code tests id=part1 points=1
const t = cl.grading.tests("part1", { points: 1 });
await t.case("probe() returns JSON", () => t.isTrue(typeof JSON.parse(probe()) === "object"));
t.points()
`;

interface Probe {
  interfaces: string[];
  processes: number;
  home: string;
  cwd: string;
  secret: string | null;
  write: string;
  shadow: boolean;
}

let dir = "";
const grade = (extra: string[], env: NodeJS.ProcessEnv = {}) =>
  convlab(
    [
      "autograde",
      join(dir, "submitted"),
      "--release",
      join(dir, "release"),
      "--out",
      join(dir, `graded-${extra.join("") || "plain"}`),
      "--jobs",
      "2",
      ...extra,
    ],
    { env: { SECRET_TOKEN: "do-not-leak", ...env } },
  );
function probeOf(out: string): Probe {
  const nb = readNotebook(join(dir, out, "student", "01-probe.ipynb"));
  const cell = nb.cells.find((c) => String(c.source).startsWith("console.log(probe())"));
  return JSON.parse(String((cell?.outputs ?? []).find((o) => o.output_type === "stream")?.text)) as Probe;
}

before(async () => {
  ensureBuilt();
  dir = tempDir("convlab-sandbox-");
  writeFileSync(join(dir, "01-probe.nb"), SOURCE);
  const a = await convlab(["assign", join(dir, "01-probe.nb"), "--out", join(dir, "release")]);
  assert.equal(a.status, 0, a.stderr);
  // the solution as the student's submission
  const nb = readNotebook(join(dir, "release", "student", "01-probe.ipynb"));
  const solution = SOURCE.split("%% code solution id=probe\n")[1]
    .split("\n%% code")[0]
    .replace(/ *\/\/ (BEGIN|END) SOLUTION\n/g, "");
  for (const c of nb.cells) if (gradeIdOf(c) === "probe") c.source = solution;
  const sub = join(dir, "submitted", "student");
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, "01-probe.ipynb"), JSON.stringify(nb));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(ROOT, "sandbox-probe.txt"), { force: true });
});

describe("isolation of student code", () => {
  let plain: CliRun, boxed: CliRun;
  before(async () => {
    [plain, boxed] = await Promise.all([grade([]), grade(["--sandbox"])]);
  });

  it("always: a temporary copy as the working folder, HOME inside it, no grader environment", () => {
    assert.equal(plain.status, 0, plain.stderr);
    const p = probeOf("graded-plain");
    assert.match(p.cwd, /\/convlab-grade-[^/]+\/work$/);
    assert.match(p.home, /\/convlab-grade-[^/]+\/home$/);
    assert.equal(p.secret, null);
    assert.equal(readJson<GradeResult>(join(dir, "graded-plain", "student", "01-probe.json")).score, 1);
  });

  it("--sandbox: loopback only, a private PID namespace, convlab read-only, no /etc", () => {
    assert.equal(boxed.status, 0, boxed.stderr + boxed.stdout);
    const p = probeOf("graded---sandbox");
    assert.deepEqual(p.interfaces, ["lo"]);
    assert.ok(p.processes < 10, `sees ${p.processes} processes`);
    assert.equal(p.write, "EROFS");
    assert.equal(p.shadow, false);
    assert.equal(p.secret, null);
    assert.equal(readJson<GradeResult>(join(dir, "graded---sandbox", "student", "01-probe.json")).score, 1);
  });

  it("--sandbox where bubblewrap cannot create namespaces: a clear refusal, nothing graded", async () => {
    const fake = join(dir, "fake-bwrap");
    writeFileSync(
      fake,
      "#!/bin/sh\necho 'bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces.' >&2\nexit 1\n",
    );
    chmodSync(fake, 0o755);
    const r = await convlab(
      [
        "autograde",
        join(dir, "submitted"),
        "--release",
        join(dir, "release"),
        "--out",
        join(dir, "graded-refused"),
        "--sandbox",
      ],
      { env: { CONVLAB_BWRAP: fake } },
    );
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /--sandbox: bubblewrap cannot create its namespaces here \(bwrap: No permissions to create new namespace.*\)\. It needs unprivileged user namespaces/,
    );
    assert.match(r.stderr, /Nothing was graded/);
    assert.ok(!existsSync(join(dir, "graded-refused")) || readdirSync(join(dir, "graded-refused")).length === 0);
  });
});
