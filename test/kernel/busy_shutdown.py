"""jupyter_client's KernelManager against a busy convlab kernel: start it from its kernelspec, learn the
execution process's pid, start `while (true) {}`, then shutdown_kernel(now=True) (which kills the kernel
process outright) and report whether the execution process is still alive a few seconds later."""
import json, os, sys, time
from jupyter_client.manager import KernelManager

def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:  # a zombie waiting for its parent counts as gone
        return f.read().split(")")[-1].split()[0] != "Z"

km = KernelManager(kernel_name="convlab")
km.start_kernel(cwd=sys.argv[1])
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=120)
msg_id = kc.execute("process.pid")
pid = None
while pid is None:
    m = kc.get_iopub_msg(timeout=60)
    if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_result":
        pid = int(m["content"]["data"]["text/plain"])
kc.execute("while (true) {}")
time.sleep(2)
busy = alive(pid)
km.shutdown_kernel(now=True)
deadline = time.time() + 10
while alive(pid) and time.time() < deadline:
    time.sleep(0.2)
kc.stop_channels()
print(json.dumps({"exec_pid": pid, "busy_before": busy, "alive_after": alive(pid)}))
if alive(pid):
    os.kill(pid, 9)  # do not leave a core spinning
