import { randomUUID } from 'node:crypto';
import type { ImportPlan } from './plan/plan.ts';

/**
 * Checked import plans waiting for «Применить»: kept in the server's memory for an hour, keyed by a random
 * id. A restart forgets them (the user uploads the file again); a plan is used once.
 */
export interface StoredImport {
  id: string;
  userId: number;
  fileName: string;
  plan: ImportPlan;
  upload: { format: 'xlsx' | 'csv'; encoding?: string };
  createdAt: number;
  expiresAt: number;
}

export const IMPORT_TTL_MS = 60 * 60 * 1000;
/** Plans held at once; the oldest go first. A plan of 10,000 rows takes a few megabytes. */
const MAX_IMPORTS = 50;

const imports = new Map<string, StoredImport>();

function sweep(now: number) {
  for (const [id, item] of imports) if (item.expiresAt <= now) imports.delete(id);
  while (imports.size > MAX_IMPORTS) imports.delete(imports.keys().next().value!);
}

export function storeImport(options: Omit<StoredImport, 'id' | 'createdAt' | 'expiresAt'>): StoredImport {
  const now = Date.now();
  sweep(now);
  const item = { id: randomUUID(), ...options, createdAt: now, expiresAt: now + IMPORT_TTL_MS };
  imports.set(item.id, item);
  return item;
}

export function findImport(id: string): StoredImport | undefined {
  sweep(Date.now());
  return imports.get(id);
}

export function forgetImport(id: string) {
  imports.delete(id);
}
