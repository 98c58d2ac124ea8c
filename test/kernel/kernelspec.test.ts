/**
 * `convlab install` / `uninstall` as a user runs them, checked with Debian's
 * `jupyter kernelspec list` (no Python in our code path, only in the check).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { it } from "node:test";
import { ROOT, tempDir } from "./helpers";

const ISOLATED = tempDir("convlab-userbase-");

const convlab = (args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [join(ROOT, "bin", "convlab.js"), ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
  });

function kernelspecs(
  env: NodeJS.ProcessEnv,
): Record<string, { resource_dir: string; spec: { argv: string[]; display_name: string } }> {
  // PYTHONUSERBASE: jupyter_core also searches the Python user base (~/.local), which may hold a real install.
  const r = spawnSync("/usr/bin/jupyter", ["kernelspec", "list", "--json"], {
    env: { ...process.env, PYTHONUSERBASE: ISOLATED, ...env },
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { kernelspecs: ReturnType<typeof kernelspecs> }).kernelspecs;
}

it("installs into JUPYTER_DATA_DIR, shows in jupyter kernelspec list, and uninstalls", () => {
  const data = tempDir("convlab-jdata-");
  const env = { JUPYTER_DATA_DIR: data, JUPYTER_PATH: "" };
  try {
    const inst = convlab(["install"], env);
    assert.equal(inst.status, 0, inst.stderr);
    const spec = kernelspecs(env).convlab;
    assert.ok(spec, "convlab is listed");
    assert.equal(spec.resource_dir, join(data, "kernels", "convlab"));
    assert.equal(spec.spec.display_name, "TypeScript (convlab)");
    assert.ok(spec.spec.argv.slice(0, 2).every(isAbsolute), `absolute paths in ${spec.spec.argv.join(" ")}`);
    assert.deepEqual(spec.spec.argv.slice(2), ["kernel", "{connection_file}"]);
    for (const logo of ["logo-32x32.png", "logo-64x64.png"]) {
      assert.deepEqual([...readFileSync(join(spec.resource_dir, logo)).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    }
    // the prebuilt JupyterLab extension goes beside it (scripts/test.sh builds it before this stage)
    const ext = join(data, "labextensions", "convlab-jupyterlab", "package.json");
    assert.ok(existsSync(ext), `extension installed at ${ext}: ${inst.stdout}`);
    const un = convlab(["uninstall"], env);
    assert.equal(un.status, 0, un.stderr);
    assert.equal(kernelspecs(env).convlab, undefined);
    assert.ok(!existsSync(ext), "extension removed by uninstall");
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

it("installs under --prefix DIR, found through JUPYTER_PATH", () => {
  const prefix = tempDir("convlab-prefix-");
  const env = { JUPYTER_DATA_DIR: tempDir("convlab-empty-"), JUPYTER_PATH: join(prefix, "share", "jupyter") };
  try {
    assert.equal(convlab(["install", "--prefix", prefix], env).status, 0);
    assert.ok(existsSync(join(prefix, "share", "jupyter", "kernels", "convlab", "kernel.json")));
    assert.equal(kernelspecs(env).convlab?.resource_dir, join(prefix, "share", "jupyter", "kernels", "convlab"));
    assert.equal(convlab(["install", "--user", "--sys-prefix"], env).status, 2, "conflicting places are refused");
    assert.equal(convlab(["uninstall", "--prefix", prefix], env).status, 0);
    assert.equal(kernelspecs(env).convlab, undefined);
  } finally {
    rmSync(prefix, { recursive: true, force: true });
    rmSync(env.JUPYTER_DATA_DIR, { recursive: true, force: true });
  }
});
