/** cpu kernel of `cast`: float → int32 truncates toward zero (PyTorch's .to(torch.int32)). */
import type { KernelFn } from "../../../core/backend";
import { convertArray, cpuFromData, dense } from "../../../backends/cpu/cpu_storage";

export const castCpu: KernelFn<"cast"> = ([x], { dtype }) => [
  cpuFromData(convertArray(dense(x), dtype), x.shape, dtype),
];
