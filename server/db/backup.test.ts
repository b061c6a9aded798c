import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.ts';
import { createOrganization } from '../seed/factories.ts';
import { snapshotDatabase } from '../test/compare.ts';
import { createTestDatabase } from '../test/harness.ts';
import {
  createBackup,
  MIGRATION_SEEDED_TABLES,
  readBackupHeader,
  readJournal,
  restoreBackup,
} from './backup.ts';
import { openDatabase, queryRows, type Database } from './client.ts';
import { files, municipalities } from './schema/index.ts';

const folder = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-backup-'));
let source: Database;
let backupFile: string;

/** Files whose bytes are easy to get wrong: empty, every byte value, and a large random one. */
const CONTENTS = [
  Buffer.alloc(0),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  randomBytes(2_500_000),
];

beforeAll(async () => {
  source = await createTestDatabase();
  await seedDemo({ db: source.db, seed: 7, today: '2025-11-01', password: 'backup-demo' });
  const [municipality] = await source.db.select({ id: municipalities.id }).from(municipalities).limit(1);
  for (const [i, content] of CONTENTS.entries())
    await source.db.insert(files).values({
      municipalityId: municipality.id,
      name: `Приказ № ${i} «о мерах».bin`,
      mimeType: 'application/octet-stream',
      size: content.length,
      content,
    });
  backupFile = path.join(folder, 'district.pmbackup');
  await createBackup({ database: source, file: backupFile });
}, 180_000);

afterAll(async () => {
  await source?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Rows in the database beyond the built-in entries its migrations write. */
const tableRows = async (database: Database) =>
  Object.entries((await snapshotDatabase(database.db)).rows)
    .filter(([table]) => !MIGRATION_SEEDED_TABLES.has(table))
    .reduce((n, [, rows]) => n + rows.length, 0);

describe('backup and restore', () => {
  it('round-trips the seeded district: every table, every row and every file byte for byte', async () => {
    const header = await readBackupHeader(backupFile);
    const journal = readJournal();
    expect(header).toMatchObject({
      format: 'pedmonitor-backup',
      formatVersion: 1,
      engine: source.kind,
      migration: { tag: journal.at(-1)!.tag, when: journal.at(-1)!.when },
    });
    const target = await createEmptyDatabase();
    try {
      const progress: string[] = [];
      const restored = await restoreBackup({
        database: target,
        file: backupFile,
        onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.table}`),
      });
      expect(progress).toHaveLength(header.tables.length);
      expect(progress.at(-1)).toMatch(new RegExp(`^${header.tables.length}/${header.tables.length} `));
      const before = await snapshotDatabase(source.db);
      const after = await snapshotDatabase(target.db);
      expect(after.tables).toEqual(before.tables);
      expect(before.rows.teachers.length).toBeGreaterThan(100);
      for (const table of before.tables) expect(after.rows[table], table).toEqual(before.rows[table]);
      expect(after.files.map((f) => f.content.length)).toEqual(CONTENTS.map((c) => c.length));
      after.files.forEach((f, i) => expect(f.content.equals(CONTENTS[i])).toBe(true));
      expect(restored.tables.find((t) => t.name === 'files')?.rows).toBe(3);
      // The sequences continue after the restored rows: a new record gets a fresh id.
      const [municipality] = await target.db.select({ id: municipalities.id }).from(municipalities).limit(1);
      const created = await createOrganization(target.db, municipality.id, { shortName: 'Новая школа' });
      const [{ max }] = await queryRows<{ max: number }>(
        source.db,
        sql`select max(id)::int as max from organizations`,
      );
      expect(created.id).toBe(max + 1);
    } finally {
      await target.close();
    }
  }, 300_000);

  it('restores into an embedded data folder: from PostgreSQL when the run is on PostgreSQL', async () => {
    // On PostgreSQL this moves a district from PostgreSQL into PGlite; on PGlite, from memory into a folder.
    const dataDir = path.join(folder, 'other-engine');
    const target = await openDatabase({ dataDir, lockOwner: { role: 'test' } });
    try {
      await restoreBackup({ database: target, file: backupFile });
      expect((await snapshotDatabase(target.db)).rows).toEqual((await snapshotDatabase(source.db)).rows);
    } finally {
      await target.close();
    }
  }, 300_000);

  it.runIf(Boolean(process.env.DATABASE_URL))(
    'restores into PostgreSQL as an ordinary (not superuser) owner of the database, in the order of foreign keys',
    async () => {
      const url = process.env.DATABASE_URL!;
      const suffix = randomBytes(5).toString('hex');
      const [role, name] = [`pm_owner_${suffix}`, `pm_restore_${suffix}`];
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create role ${role} login nosuperuser`);
      await admin.query(`create database ${name} owner ${role}`);
      const target = new URL(url);
      target.username = role;
      target.password = '';
      target.pathname = `/${name}`;
      const database = await openDatabase({ databaseUrl: target.toString() });
      try {
        await restoreBackup({ database, file: backupFile });
        expect((await snapshotDatabase(database.db)).rows).toEqual((await snapshotDatabase(source.db)).rows);
      } finally {
        await database.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.query(`drop role if exists ${role}`);
        await admin.end();
      }
    },
    300_000,
  );

  it('refuses a target that already holds data, and names a table that does', async () => {
    await expect(restoreBackup({ database: source, file: backupFile })).rejects.toThrow(
      /не пуста \(в таблице «[a-z_]+» есть записи\)\. Восстановление выполняется только в пустую/,
    );
  });

  it('refuses a damaged file (a changed value) by its checksum, leaving the target empty', async () => {
    const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
    const index = lines.findIndex((l, i) => i > 0 && l.includes('Новая') === false && l.startsWith('["'));
    lines[index] = lines[index].replace(/"(\d)/, '"9$1');
    const damaged = path.join(folder, 'damaged.pmbackup');
    writeFileSync(damaged, gzipSync(lines.join('\n')));
    const target = await createEmptyDatabase();
    try {
      await expect(restoreBackup({ database: target, file: damaged })).rejects.toThrow(
        /повреждена: таблица «[a-z_]+» не сходится с контрольной суммой/,
      );
      expect(await tableRows(target)).toBe(0);
      // A file cut short is refused as well.
      const cut = path.join(folder, 'cut.pmbackup');
      writeFileSync(cut, readFileSync(backupFile).subarray(0, 200_000));
      await expect(restoreBackup({ database: target, file: cut })).rejects.toThrow(/повреждена/);
      expect(await tableRows(target)).toBe(0);
      // The target is still a valid empty target: the good copy restores.
      await restoreBackup({ database: target, file: backupFile });
      expect(await tableRows(target)).toBeGreaterThan(1000);
    } finally {
      await target.close();
    }
  }, 300_000);

  it('refuses a file that is not a pedmonitor backup and a backup of a newer schema', async () => {
    const target = await createEmptyDatabase();
    try {
      const plain = path.join(folder, 'plain.txt');
      writeFileSync(plain, 'id;name\n1;Школа\n');
      await expect(restoreBackup({ database: target, file: plain })).rejects.toThrow(
        /не является резервной копией pedmonitor: это не сжатый файл gzip/,
      );
      const foreign = path.join(folder, 'foreign.gz');
      writeFileSync(foreign, gzipSync('{"hello":"world"}\n'));
      await expect(restoreBackup({ database: target, file: foreign })).rejects.toThrow(
        /не является резервной копией pedmonitor: в начале файла нет заголовка копии/,
      );
      const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
      const header = JSON.parse(lines[0]) as { migration: { tag: string; when: number } };
      header.migration = { tag: '0099_from_the_future', when: header.migration.when + 1 };
      lines[0] = JSON.stringify(header);
      const newer = path.join(folder, 'newer.pmbackup');
      writeFileSync(newer, gzipSync(lines.join('\n')));
      await expect(restoreBackup({ database: target, file: newer })).rejects.toThrow(
        /Копия сделана более новой версией pedmonitor \(.+, схема базы «0099_from_the_future»\).*Обновите pedmonitor/,
      );
      expect(await tableRows(target)).toBe(0);
    } finally {
      await target.close();
    }
  }, 300_000);

  it('writes a file only its owner reads, does not overwrite one and leaves no partial file behind', async () => {
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    await expect(createBackup({ database: source, file: backupFile })).rejects.toThrow(/уже существует/);
    expect(readdirSync(folder).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});

/** A database of the engine under test without any table: what `restore` meets in a new folder or database. */
async function createEmptyDatabase(): Promise<Database> {
  const database = await createTestDatabase();
  await database.db.execute(sql`drop schema public cascade`);
  await database.db.execute(sql`create schema public`);
  await database.db.execute(sql`drop schema if exists drizzle cascade`);
  return database;
}
