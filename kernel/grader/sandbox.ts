/**
 * `--sandbox`: each submission's worker, kernel and execution process run under Debian's bubblewrap with no
 * network (a private network namespace with only loopback, which the kernel's own sockets use), a private
 * PID namespace (student code sees and can signal only its own processes; everything dies with the
 * sandbox), a read-only view of the system and of the convlab installation, and one writable folder: the
 * submission's temporary copy. /etc is not mounted (it may hold secrets), only the few files programs read.
 *
 * bubblewrap needs namespaces: unprivileged user namespaces, or root. Where it cannot create them it fails,
 * and so does the grader, with a message that says why — it never grades unsandboxed instead.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname } from "node:path";

export const bwrapPath = (): string => process.env.CONVLAB_BWRAP || "bwrap";

const SYSTEM_RO = [
  "/usr",
  "/bin",
  "/sbin",
  "/lib",
  "/lib64",
  "/lib32",
  "/etc/alternatives",
  "/etc/ld.so.cache",
  "/etc/localtime",
];

/** The bwrap arguments that run `command` with `writable` as the only writable folder. */
export function bwrapArgs(opts: { root: string; writable: string; cwd: string; command: string[] }): string[] {
  const ro: string[] = [];
  for (const p of SYSTEM_RO) if (existsSync(p)) ro.push("--ro-bind", p, p);
  const nodeDir = dirname(process.execPath);
  if (!SYSTEM_RO.some((p) => nodeDir === p || nodeDir.startsWith(p + "/"))) ro.push("--ro-bind", nodeDir, nodeDir);
  return [
    "--die-with-parent",
    "--new-session",
    "--unshare-all",
    ...ro,
    "--ro-bind",
    opts.root,
    opts.root,
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--tmpfs",
    "/tmp",
    "--bind",
    opts.writable,
    opts.writable,
    "--chdir",
    opts.cwd,
    "--",
    ...opts.command,
  ];
}

export class SandboxUnavailableError extends Error {
  override name = "SandboxUnavailable";
}

/** Starts `node -e 0` in a sandbox like the grader's; throws SandboxUnavailableError saying why it cannot. */
export function probeSandbox(root: string, scratch: string): void {
  const bwrap = bwrapPath();
  const r = spawnSync(
    bwrap,
    bwrapArgs({ root, writable: scratch, cwd: scratch, command: [process.execPath, "-e", "0"] }),
    { encoding: "utf8", timeout: 30_000 },
  );
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new SandboxUnavailableError(
      `convlab autograde --sandbox: expected bubblewrap (${bwrap}), got no such program; scripts/setup.sh installs it (Debian package bubblewrap). Nothing was graded.`,
    );
  }
  if (r.status !== 0) {
    const why = (r.stderr || r.error?.message || `exit status ${r.status}`).trim();
    throw new SandboxUnavailableError(
      `convlab autograde --sandbox: bubblewrap cannot create its namespaces here (${why}). ` +
        "It needs unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1 / user.max_user_namespaces > 0, " +
        "or a container that allows them) or root. Nothing was graded: grade on a machine that allows them, " +
        "or without --sandbox where you trust the submissions.",
    );
  }
}
