// Public ops of this family (re-exported by src/index.ts).
export {};
