/**
 * Runs the benchmarks: every bench/*.bench.ts, or those whose name contains the given word
 * (`npm run bench -- compute`). Each benchmark is a script run in its own process, prints a report and
 * writes bench/results/<name>.json. Benchmarks measure; they never fail a build. Arguments after the word
 * go to each benchmark (`npm run bench -- compute --region`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const filter = process.argv[2]?.startsWith('-') ? undefined : process.argv[2];
const rest = process.argv.slice(filter ? 3 : 2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
if (!files.length) {
  console.error(`Нет бенчмарков${filter ? ` с «${filter}» в имени` : ''} в ${dir}`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(
    process.execPath,
    [path.join(dir, '..', 'bin', 'run-ts.js'), path.join(dir, file), ...rest],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
