// npm run bench [-- name-filter]: runs every bench/*.bench.ts in turn and prints its report.
// Benchmarks measure speed; tests never assert timings (docs/architecture.md, Tests).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchResult {
  name: string;
  /** Human-readable lines: measured numbers and what they are compared with. */
  lines: string[];
}

async function main() {
  const filter = process.argv[2] ?? '';
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts') && f.includes(filter));
  for (const file of files.sort()) {
    const bench = (await import(join(__dirname, file))) as { default: () => Promise<BenchResult> };
    const started = Date.now();
    const result = await bench.default();
    console.warn(`\n## ${result.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    for (const line of result.lines) console.warn(`  ${line}`);
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
