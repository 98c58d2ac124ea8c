// One lint configuration for the TypeScript of src, kernel, extension (src, book), test and bench.
// Type-aware: each file is checked with the program of the tsconfig that builds it. `npm run lint`;
// scripts/test.sh fails on any finding.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "dist/**", "extension/lib/**", "extension/host/**", "extension/convlab_extension/**", "artifacts/**", "site/**", "src/backends/cpu/wasm/assembly/**"] },
  {
    files: ["src/**/*.ts", "kernel/**/*.ts", "extension/src/**/*.ts", "extension/book/**/*.ts", "test/**/*.ts", "bench/**/*.ts"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        project: ["./tsconfig.test.json", "./extension/tsconfig.json", "./extension/book/tsconfig.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // a promise nobody awaits loses its error (and, in a renderer, its ordering)
      // (node:test's test/it/describe return promises the runner itself awaits)
      "@typescript-eslint/no-floating-promises": [
        "error",
        { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "it", "describe", "suite", "before", "after", "beforeEach", "afterEach"] }] },
      ],
      "@typescript-eslint/no-misused-promises": "error",
      // a new member of a union (a pooling kind, a payload kind) must reach every switch over it
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-eval": "error",
      "no-new-func": "error",
    },
  },
);
