// The bundled lab is locked down like a pip-installed JupyterLab: every API request needs the token (or the
// login cookie that opening the printed URL sets), and cookie-authenticated writes need the XSRF cookie too.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startLab, type LabServer } from "./harness";

/** The cookies a response sets, as one Cookie header value. fetch joins several Set-Cookie headers with
 * ", ", and an expiry date holds a comma too: a cookie starts where "name=" follows the start or a comma. */
const cookiesOf = (r: Response): string =>
  [...(r.headers.get("set-cookie") ?? "").matchAll(/(?:^|,\s*)([\w-]+)=([^;]*)/g)]
    .map((m) => `${m[1]}=${m[2]}`)
    .join("; ");

describe("the bundled lab asks for its token and checks XSRF", { timeout: 90000 }, () => {
  let dir = "";
  let lab: LabServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "convlab-token-"));
    lab = await startLab({ rootDir: dir, labextensions: null });
  });
  after(async () => {
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("GET /api/kernels without the token is refused, with it answered", async () => {
    assert.equal((await fetch(`${lab.url}/api/kernels`)).status, 403);
    assert.equal((await fetch(`${lab.url}/api/kernels`, { headers: { Authorization: "token wrong" } })).status, 403);
    assert.equal((await fetch(`${lab.url}/api/kernels?token=${lab.token.slice(1)}`)).status, 403);
    const ok = await fetch(`${lab.url}/api/kernels`, { headers: { Authorization: `token ${lab.token}` } });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), []);
    assert.equal((await fetch(`${lab.url}/api/kernels?token=${lab.token}`)).status, 200);
  });

  test("the lab page without the token redirects to the login page, not to the app", async () => {
    const r = await fetch(`${lab.url}/lab`, { redirect: "manual" });
    assert.equal(r.status, 302);
    assert.match(r.headers.get("location") ?? "", /\/login\?next=/);
  });

  test("the URL with the token logs in; writes with the cookie need the XSRF header", async () => {
    const page = await fetch(`${lab.url}/lab?token=${lab.token}`, { redirect: "manual" });
    assert.equal(page.status, 200);
    const cookie = cookiesOf(page);
    const xsrf = /_xsrf=([^;]+)/.exec(cookie)?.[1];
    assert.ok(xsrf, `no _xsrf cookie in ${cookie}`);
    assert.equal(
      (await fetch(`${lab.url}/api/kernels`, { headers: { Cookie: cookie } })).status,
      200,
      "the login cookie authenticates",
    );
    const body = JSON.stringify({ path: "x.ipynb", type: "notebook" });
    const noXsrf = await fetch(`${lab.url}/api/contents`, { method: "POST", headers: { Cookie: cookie }, body });
    assert.equal(noXsrf.status, 403, "a cookie-authenticated POST without X-XSRFToken is refused");
    const withXsrf = await fetch(`${lab.url}/api/contents`, {
      method: "POST",
      headers: { Cookie: cookie, "X-XSRFToken": decodeURIComponent(xsrf) },
      body,
    });
    assert.equal(withXsrf.status, 201);
  });
});
