/**
 * Browser-test harness: the convlab JupyterLab host on a free localhost port and a headless Debian chromium
 * driven by playwright-core (never a downloaded browser). Everything started here is stopped by PID, even
 * when a test fails: the server by SIGINT (it then shuts its kernels down), then SIGKILL after a grace
 * period, then any kernel still holding a connection file in this run's private runtime directory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const REPO = resolve(__dirname, "..", "..");
export const SCREENSHOTS = join(REPO, "artifacts", "screenshots");
/** The built prebuilt extension (scripts/build-extension.sh), in the layout jupyterlab_server scans. */
export const LABEXTENSIONS = join(REPO, "extension", ".labextensions");

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface LabServer {
  url: string;
  /** The server's token (it refuses requests without it, as `npm start` does). */
  token: string;
  /** Server log so far (stdout + stderr), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface LabOptions {
  rootDir: string;
  /** Directory of prebuilt extensions, or null for a lab without the convlab extension. */
  labextensions: string | null;
  /** Extra JUPYTER_PATH entries (where a kernelspec was installed). */
  jupyterPath?: string;
}

export async function startLab(o: LabOptions): Promise<LabServer> {
  const port = await freePort();
  const token = randomBytes(24).toString("hex");
  const state = mkdtempSync(join(tmpdir(), "convlab-lab-"));
  const runtime = join(state, "runtime");
  mkdirSync(runtime, { recursive: true });
  // A private data dir and JUPYTER_PATH: only the kernelspecs this run installed are visible, not the
  // user's (a convlab kernel registered by `npm start` must not change what the stored-output test sees).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_TOKEN: token,
    CONVLAB_STATE_DIR: state,
    JUPYTER_RUNTIME_DIR: runtime,
    JUPYTER_DATA_DIR: join(state, "data"),
    JUPYTER_PATH: o.jupyterPath ?? "",
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
    CONVLAB_LABEXTENSIONS: o.labextensions ?? "",
  };
  const child: ChildProcess = spawn(
    "/usr/bin/python3",
    [
      "-Xfrozen_modules=off",
      join(REPO, "extension", "host", "server.py"),
      `--port=${port}`,
      "--ServerApp.ip=127.0.0.1",
      `--ServerApp.root_dir=${o.rootDir}`,
    ],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGINT");
      await Promise.race([exited, sleep(8000)]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await Promise.race([exited, sleep(2000)]);
      }
    }
    killKernelsOf(runtime);
    rmSync(state, { recursive: true, force: true });
  };

  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`JupyterLab host exited early (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${url}/api/status`, { headers: { Authorization: `token ${token}` } })).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - t0 > 30000) {
      await stop();
      throw new Error(`JupyterLab host: no answer on ${url} within 30 s:\n${out}`);
    }
    await sleep(250);
  }
  return { url, token, log: () => out, stop };
}

/** SIGKILL processes whose command line names a connection file in `runtime` (kernels of this run only). */
function killKernelsOf(runtime: string): void {
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let cmd = "";
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue;
    }
    if (cmd.includes(runtime) && Number(pid) !== process.pid) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  }
}

export interface Browser {
  page: Page;
  /** Console errors, page errors, HTTP >= 400 and failed requests seen so far. */
  problems: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "convlab-chromium-"));
  const ctx: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 1000 },
    timeout: 30000,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  page.setDefaultTimeout(30000);
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text().slice(0, 300)}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${String(e).slice(0, 300)}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`http ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  // net::ERR_ABORTED is the page cancelling its own request (e.g. JupyterLab replacing the launcher's kernel
  // logo while it loads), not a failure of the server; every other network error and every HTTP >= 400 counts.
  page.on("requestfailed", (r) => {
    const why = r.failure()?.errorText ?? "";
    if (why !== "net::ERR_ABORTED") problems.push(`requestfailed ${r.url()} ${why}`);
  });
  return {
    page,
    problems,
    close: async () => {
      await ctx.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
