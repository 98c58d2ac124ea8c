"""jupyter_kernel_test conformance suite for the convlab kernel (Debian python3-jupyter-kernel-test).

Run by conformance.test.ts with JUPYTER_DATA_DIR pointing at a temporary kernelspec install.
Every feature the suite can test has a TypeScript sample here.
"""
import unittest

import jupyter_kernel_test

DISPLAY = "convlab/dist/src/display"


class ConvlabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "convlab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("something went wrong")'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max"}},
        {"text": "const longVariableName = 1;\nlongVar", "matches": {"longVariableName"}},
    ]
    complete_code_samples = ["1 + 1", "const x = 1;", "function f(a: number) { return a; }"]
    incomplete_code_samples = ["function f(a: number) {", "const xs = [1, 2,"]

    code_generate_error = 'throw new Error("boom")'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"con" + "vlab"', "result": "'convlab'"},
        {"code": "[1, 2, 3].map((v) => v * v)", "result": "[ 1, 4, 9 ]"},
    ]
    code_display_data = [
        {"code": f'import {{ display }} from "{DISPLAY}";\ndisplay({{"text/html": "<b>hi</b>", "text/plain": "hi"}})', "mime": "text/html"},
        {"code": f'import {{ show }} from "{DISPLAY}";\nshow([[0, 1], [2, 3]])', "mime": "image/png"},
        {"code": f'import {{ show }} from "{DISPLAY}";\nshow([[0, 1], [2, 3]])', "mime": "application/vnd.convlab.v1+json"},
    ]
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"
    code_clear_output = f'import {{ clearOutput }} from "{DISPLAY}";\nconsole.log("soon gone");\nclearOutput()'


if __name__ == "__main__":
    unittest.main(verbosity=2)
