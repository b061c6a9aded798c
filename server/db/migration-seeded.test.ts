import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATION_SEEDED_TABLES, migrationSeededTables } from './backup.ts';

describe('tables the migrations seed', () => {
  it('are read off the committed migrations, not kept by hand', () => {
    expect(MIGRATION_SEEDED_TABLES.has('reserve_position_kinds')).toBe(true);
    expect(MIGRATION_SEEDED_TABLES.has('teachers')).toBe(false);
  });

  it('include every table a journalled migration inserts into, and nothing a migration only creates', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-seeded-'));
    try {
      mkdirSync(path.join(folder, 'meta'));
      writeFileSync(
        path.join(folder, 'meta', '_journal.json'),
        JSON.stringify({
          entries: [
            { idx: 0, when: 1, tag: '0000_a' },
            { idx: 1, when: 2, tag: '0001_b' },
          ],
        }),
      );
      writeFileSync(path.join(folder, '0000_a.sql'), 'CREATE TABLE "kinds" ("code" text);\n');
      writeFileSync(
        path.join(folder, '0001_b.sql'),
        'INSERT INTO "kinds" ("code") VALUES (\'a\');\n--> statement-breakpoint\ninsert into event_formats values (1);\n',
      );
      expect([...migrationSeededTables(folder)].sort()).toEqual(['event_formats', 'kinds']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
