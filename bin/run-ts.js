#!/usr/bin/env node
// Runs a TypeScript file through tsx: `node bin/run-ts.js bench/run.ts [args]`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('Использование: node bin/run-ts.js ФАЙЛ.ts [аргументы]');
  process.exit(2);
}
process.argv = [process.argv[0], file, ...rest];
await import(pathToFileURL(path.resolve(file)).href);
