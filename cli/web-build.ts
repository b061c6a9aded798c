import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../server/config.ts';
import { progress } from './output.ts';

const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'core'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds the web bundle when it is missing or older than its sources, so `npm start` serves the current UI. */
export async function ensureWebBuilt(): Promise<void> {
  const index = path.join(ROOT_DIR, 'web', 'dist', 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT_DIR, s))));
  if (built && built >= sources) return;
  progress(
    built ? 'Веб-интерфейс изменился: пересборка…' : 'Сборка веб-интерфейса (один раз, около минуты)…',
  );
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT_DIR, 'web', 'vite.config.ts'), logLevel: 'warn' });
  progress(`Веб-интерфейс собран за ${Math.round((Date.now() - started) / 1000)} с.`);
}
