#!/usr/bin/env node
// Every installed package must declare support for the Node version in our `engines` (Node 20): newer
// majors of some packages need Node 22 and are pinned in package.json (see "overrides").
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const target = '20.19.0';
const problems = [];
function walk(dir) {
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (entry.startsWith('@')) {
      walk(full);
      continue;
    }
    const manifest = path.join(full, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    const range = pkg.engines?.node;
    if (range && !semver.satisfies(target, range))
      problems.push(`${pkg.name}@${pkg.version} требует Node ${range}`);
    const nested = path.join(full, 'node_modules');
    if (existsSync(nested)) walk(nested);
  }
}
walk(path.resolve(import.meta.dirname, '..', 'node_modules'));
if (problems.length) {
  console.error(`Пакеты, несовместимые с Node ${target}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Все пакеты совместимы с Node ${target}.`);
