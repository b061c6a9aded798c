import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Times an async step, printing it as it finishes. */
export async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await fn();
  const ms = Math.round(performance.now() - started);
  console.log(`  ${label}: ${ms} мс`);
  return { result, ms };
}

/** Writes bench/results/<name>.json with the machine it ran on. */
export function writeReport<T extends Record<string, unknown>>(name: string, report: T) {
  const dir = path.join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const full = {
    name,
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    ...report,
  };
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(full, null, 2));
  return full;
}

/** Median of repeated timings. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
