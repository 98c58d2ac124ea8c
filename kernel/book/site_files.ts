/**
 * Files that pages refer to: output images (written once under `_images/`, named by their content hash, so
 * a figure that several pages show is stored once) and repository files that markdown links to (copied to
 * their mirrored place, see pages.ts). Paths returned are relative to the site root.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { siteFile } from "./pages";

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/svg+xml": "svg",
  "image/webp": "webp",
};

export const imageExtension = (mime: string): string | undefined => EXTENSIONS[mime];

export class SiteFiles {
  private readonly written = new Set<string>();
  readonly warnings: string[] = [];

  constructor(
    readonly out: string,
    readonly root: string,
    readonly prefix: string,
  ) {}

  /** Writes an image output; returns its site path. */
  image(bytes: Buffer, mime: string): string {
    const ext = EXTENSIONS[mime];
    if (!ext)
      throw new Error(`convlab book: expected an image MIME type (${Object.keys(EXTENSIONS).join(", ")}), got ${mime}`);
    const path = `_images/${createHash("sha256").update(bytes).digest("hex").slice(0, 20)}.${ext}`;
    if (!this.written.has(path)) {
      mkdirSync(join(this.out, "_images"), { recursive: true });
      writeFileSync(join(this.out, path), bytes);
      this.written.add(path);
    }
    return path;
  }

  /** Copies a repository file (e.g. an image beside a notebook) into the site; null if it does not exist. */
  copy(repoPath: string): string | null {
    const from = join(this.root, repoPath);
    if (!existsSync(from) || !statSync(from).isFile()) return null;
    const path = siteFile(posix.normalize(repoPath), this.prefix);
    if (!this.written.has(path)) {
      mkdirSync(dirname(join(this.out, path)), { recursive: true });
      copyFileSync(from, join(this.out, path));
      this.written.add(path);
    }
    return path;
  }
}
