/** The kernel_info_reply content: language_info for TypeScript (tslab's compiler version). */
import { version as tsVersion } from "@tslab/typescript-for-tslab";
import { PROTOCOL_VERSION } from "./wire";

export function kernelInfo(version: string): Record<string, unknown> {
  return {
    status: "ok",
    protocol_version: PROTOCOL_VERSION,
    implementation: "convlab",
    implementation_version: version,
    language_info: {
      name: "typescript",
      version: tsVersion,
      mimetype: "text/typescript",
      file_extension: ".ts",
      codemirror_mode: { name: "javascript", typescript: true },
      pygments_lexer: "typescript",
      nbconvert_exporter: "script",
    },
    banner: `convlab ${version}: TypeScript ${tsVersion} on Node ${process.version}, tslab's compiler, convlab displays`,
    help_links: [],
    debugger: false,
  };
}
