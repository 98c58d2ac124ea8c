export async function runCommand(argv: string[]): Promise<number> {
  throw new Error(`convlab run: not implemented yet (${argv.length} args)`);
}
