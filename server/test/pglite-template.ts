import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/** The variable naming the file of the migrated PGlite cluster the test files start from. */
export const PGLITE_TEMPLATE_ENV = 'PEDMONITOR_TEST_PGLITE_TEMPLATE';

/**
 * Vitest's global setup of the database tests on PGlite: one in-memory cluster created and migrated with
 * the migrations of this checkout, its data folder written to a temporary file whose name the test
 * processes inherit. Creating a cluster (initdb in WebAssembly) and migrating it took about 5 s in each
 * test file; loading the copy takes under 1 s. Nothing is made when DATABASE_URL is set (PostgreSQL).
 */
export default async function setup() {
  if (process.env.DATABASE_URL || process.env[PGLITE_TEMPLATE_ENV]) return;
  // Imported here so that the unit tests' processes never load the database modules.
  const { openDatabase } = await import('../db/client.ts');
  const database = await openDatabase({ inMemory: true });
  await database.migrate();
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir('none');
  await database.close();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-test-template-'));
  const file = path.join(dir, 'pgdata.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env[PGLITE_TEMPLATE_ENV] = file;
  return () => {
    delete process.env[PGLITE_TEMPLATE_ENV];
    rmSync(dir, { recursive: true, force: true });
  };
}
