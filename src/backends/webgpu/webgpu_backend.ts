// TEMPORARY placeholder until the WebGPU backend lands (issue 4).
import type { Backend } from "../../core/backend";

export async function createWebgpuBackend(): Promise<
  { backend: Backend; adapter: Record<string, unknown> } | { reason: string }
> {
  return { reason: "the WebGPU backend is not built yet" };
}
