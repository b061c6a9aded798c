import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  closeSync,
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import { ROOT_DIR } from '../config.ts';
import { AppError } from '../errors.ts';
import { MIGRATIONS_FOLDER, queryRows, type Database, type Db } from './client.ts';

/**
 * A backup is one gzip'd file of JSON lines, the same for embedded PGlite and PostgreSQL (a backup of one
 * restores into the other):
 *   {"kind":"header", format, formatVersion, appVersion, engine, createdAt, migration, tables}
 *   per table: {"kind":"table", name, columns} · one JSON array per row (every value as PostgreSQL's
 *   text, bytea as base64, null as null) · {"kind":"end", table, rows, sha256}
 *   {"kind":"manifest", tables: [{ name, rows, sha256 }]}
 * The sha256 of a table is over its row lines as written. Tables come in the order of their foreign keys.
 */
export const BACKUP_FORMAT = 'pedmonitor-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupColumn {
  name: string;
  /** The type as `format_type` prints it, used to cast the text back: `integer`, `timestamp with time zone`. */
  type: string;
  isBytea: boolean;
}

export interface MigrationMark {
  tag: string;
  /** The `when` of the migrations journal, which drizzle stores as `created_at` of the applied migration. */
  when: number;
}

export interface BackupHeader {
  kind: 'header';
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  engine: Database['kind'];
  createdAt: string;
  migration: MigrationMark;
  tables: string[];
}

export interface TableSummary {
  name: string;
  rows: number;
  sha256: string;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: TableSummary[];
  migration: MigrationMark;
}

export type BackupProgress = (event: { done: number; total: number; table: string; rows: number }) => void;

const PAGE_ROWS = 500;
/** Rows with files are fetched a few at a time: each may weigh megabytes. */
const PAGE_ROWS_WITH_FILES = 8;
/** A restore batch is sent when it holds this many characters of JSON (or PAGE_ROWS rows). */
const BATCH_CHARS = 4_000_000;

const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export function readJournal(folder = MIGRATIONS_FOLDER): JournalEntry[] {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** The last migration applied to the database (null on a database never migrated). */
export async function lastAppliedMigration(db: Db): Promise<MigrationMark | null> {
  const [exists] = await queryRows<{ ok: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`,
  );
  if (!exists.ok) return null;
  const [row] = await queryRows<{ when: string }>(
    db,
    sql`select created_at::text as "when" from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  if (!row) return null;
  const when = Number(row.when);
  const entry = readJournal().find((e) => e.when === when);
  return { tag: entry?.tag ?? `неизвестная миграция ${when}`, when };
}

/** The tables of the application, parents before children (by foreign keys), ties by name. */
async function listTables(db: Db): Promise<string[]> {
  const tables = (
    await queryRows<{ name: string }>(
      db,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
    )
  ).map((r) => r.name);
  const edges = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent from pg_constraint k
        join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public'`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent) parents.get(e.child)?.add(e.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const next =
      tables.find((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p))) ??
      tables.find((t) => !placed.has(t))!; // a cycle: the restore defers the checks where it may
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

async function listColumns(db: Db, table: string): Promise<BackupColumn[]> {
  const rows = await queryRows<{ name: string; type: string; typname: string }>(
    db,
    sql`select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, t.typname
        from pg_attribute a join pg_type t on t.oid = a.atttypid
        where a.attrelid = ${`public."${table}"`}::regclass and a.attnum > 0 and not a.attisdropped
          and a.attgenerated = ''
        order by a.attnum`,
  );
  return rows.map((r) => ({ name: r.name, type: r.type, isBytea: r.typname === 'bytea' }));
}

async function primaryKey(db: Db, table: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select a.attname as name from pg_index i
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = ${`public."${table}"`}::regclass and i.indisprimary
        order by array_position(i.indkey::int2[], a.attnum)`,
  );
  return rows.map((r) => r.name);
}

/** Same session settings on both sides, so that dates, times and numbers print and parse alike. */
async function setTextSettings(db: Db) {
  await db.execute(sql`set local timezone = 'UTC'`);
  await db.execute(sql`set local datestyle = 'ISO, YMD'`);
  await db.execute(sql`set local intervalstyle = 'postgres'`);
  await db.execute(sql`set local extra_float_digits = 1`);
}

/**
 * Writes a backup of the whole database into `file`: one REPEATABLE READ READ ONLY transaction (a
 * consistent snapshot while the server keeps working), each table read through a cursor in pages, the
 * file written under a temporary name and renamed when complete.
 */
export async function createBackup(options: {
  database: Pick<Database, 'db' | 'kind'>;
  file: string;
  onProgress?: BackupProgress;
}): Promise<BackupSummary> {
  const file = path.resolve(options.file);
  if (existsSync(file))
    throw new AppError('conflict', `Файл ${file} уже существует: укажите новое имя файла копии.`);
  if (!existsSync(path.dirname(file)))
    throw new AppError(
      'not_found',
      `Папка ${path.dirname(file)} не найдена: создайте её или укажите другую.`,
    );
  const partial = `${file}.partial`;
  const gzip = createGzip({ level: 6 });
  const written = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }));
  const write = async (line: string) => {
    if (!gzip.write(line)) await once(gzip, 'drain');
  };
  try {
    const result = await options.database.db.transaction(
      async (tx) => {
        await setTextSettings(tx as unknown as Db);
        const db = tx as unknown as Db;
        const migration = await lastAppliedMigration(db);
        if (!migration)
          throw new AppError(
            'conflict',
            'База данных не инициализирована (миграции не применены): копировать нечего.',
          );
        const tables = await listTables(db);
        const header: BackupHeader = {
          kind: 'header',
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          appVersion: appVersion(),
          engine: options.database.kind,
          createdAt: new Date().toISOString(),
          migration,
          tables,
        };
        await write(`${JSON.stringify(header)}\n`);
        const summaries: TableSummary[] = [];
        for (const [index, table] of tables.entries()) {
          const columns = await listColumns(db, table);
          const key = await primaryKey(db, table);
          await write(`${JSON.stringify({ kind: 'table', name: table, columns })}\n`);
          const select = sql.join(
            columns.map((c, i) =>
              c.isBytea
                ? sql`encode(${ident(c.name)}, 'base64') as ${ident(`c${i}`)}`
                : sql`${ident(c.name)}::text as ${ident(`c${i}`)}`,
            ),
            sql`, `,
          );
          const order = (key.length ? key : columns.slice(0, 1).map((c) => c.name)).map(ident);
          await db.execute(
            sql`declare pm_backup no scroll cursor for select ${select} from ${ident(table)} order by ${sql.join(order, sql`, `)}`,
          );
          const page = columns.some((c) => c.isBytea) ? PAGE_ROWS_WITH_FILES : PAGE_ROWS;
          const hash = createHash('sha256');
          let count = 0;
          for (;;) {
            const rows = await queryRows<Record<string, string | null>>(
              db,
              sql`fetch forward ${sql.raw(String(page))} from pm_backup`,
            );
            for (const row of rows) {
              const line = `${JSON.stringify(columns.map((c, i) => row[`c${i}`] ?? null))}\n`;
              hash.update(line);
              await write(line);
            }
            count += rows.length;
            if (rows.length < page) break;
          }
          await db.execute(sql`close pm_backup`);
          const summary = { name: table, rows: count, sha256: hash.digest('hex') };
          summaries.push(summary);
          await write(`${JSON.stringify({ kind: 'end', table, rows: count, sha256: summary.sha256 })}\n`);
          options.onProgress?.({ done: index + 1, total: tables.length, table, rows: count });
        }
        await write(`${JSON.stringify({ kind: 'manifest', tables: summaries })}\n`);
        return { tables: summaries, migration };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    gzip.end();
    await written;
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, ...result };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    rmSync(partial, { force: true });
    throw error;
  }
}

export interface RestoreSummary {
  tables: TableSummary[];
  header: BackupHeader;
}

const notABackup = (file: string, why: string) =>
  new AppError('bad_request', `Файл ${file} не является резервной копией pedmonitor: ${why}.`);
const damaged = (file: string, why: string) =>
  new AppError(
    'bad_request',
    `Резервная копия ${file} повреждена: ${why}. База данных осталась пустой; возьмите другую копию.`,
  );

/** Reads the first line of a backup (its header), checking that the file is one. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = openLines(file);
  try {
    for await (const line of lines.reader) return parseHeader(file, line);
    throw notABackup(file, 'файл пуст');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notABackup(file, 'файл не распаковывается как gzip');
  } finally {
    lines.close();
  }
}

function openLines(file: string) {
  if (!existsSync(file)) throw new AppError('not_found', `Файл ${file} не найден.`);
  const magic = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, magic, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) throw notABackup(file, 'это не сжатый файл gzip');
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.pipe(gunzip);
  const reader = createInterface({ input: gunzip, crlfDelay: Infinity });
  let failure: Error | undefined;
  gunzip.on('error', (e) => {
    failure = e;
    reader.close();
  });
  return {
    reader,
    failure: () => failure,
    close() {
      reader.close();
      source.destroy();
      gunzip.destroy();
    },
  };
}

function parseHeader(file: string, line: string): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    throw notABackup(file, 'в начале файла нет заголовка копии');
  }
  if (header?.kind !== 'header' || header.format !== BACKUP_FORMAT || !header.migration)
    throw notABackup(file, 'в начале файла нет заголовка копии');
  if (typeof header.formatVersion !== 'number' || header.formatVersion > BACKUP_FORMAT_VERSION)
    throw new AppError(
      'bad_request',
      `Копия ${file} записана в формате версии ${header.formatVersion}, эта версия pedmonitor (${appVersion()}) читает формат до версии ${BACKUP_FORMAT_VERSION}. Обновите pedmonitor.`,
    );
  return header as BackupHeader;
}

/** Migrations up to and including `when`: a copy of the folder with the journal cut there. */
function migrationsUpTo(when: number): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-migrations-'));
  mkdirSync(path.join(folder, 'meta'));
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  journal.entries = journal.entries.filter((e) => e.when <= when);
  for (const e of journal.entries)
    copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  return folder;
}

/**
 * Tables whose rows the migrations themselves write (built-in reference entries): a freshly migrated database
 * holds them, so they do not make it «not empty», and a restore replaces them with the copy's rows, which
 * include the same built-in entries.
 */
export const MIGRATION_SEEDED_TABLES: ReadonlySet<string> = migrationSeededTables();

/** The tables an `INSERT INTO` of a committed migration writes, read off the migration files themselves. */
export function migrationSeededTables(folder = MIGRATIONS_FOLDER): Set<string> {
  const tables = new Set<string>();
  for (const entry of readJournal(folder)) {
    const text = readFileSync(path.join(folder, `${entry.tag}.sql`), 'utf8');
    for (const match of text.matchAll(/\binsert\s+into\s+"?([a-z_][a-z0-9_]*)"?/gi)) tables.add(match[1]);
  }
  return tables;
}

/** The first table of the database that holds a row, or null when every table is empty. */
async function firstNonEmptyTable(db: Db): Promise<string | null> {
  for (const table of await listTables(db)) {
    if (MIGRATION_SEEDED_TABLES.has(table)) continue;
    const [row] = await queryRows<{ any: boolean }>(
      db,
      sql`select exists (select 1 from ${ident(table)}) as "any"`,
    );
    if (row.any) return table;
  }
  return null;
}

/**
 * Restores a backup into an empty database: migrates it to the backup's migration, inserts every table in
 * ONE transaction checking each table's row count and checksum (a damaged file rolls everything back),
 * resets the sequences, then applies the migrations the code has beyond the backup.
 */
export async function restoreBackup(options: {
  database: Database;
  file: string;
  onProgress?: BackupProgress;
}): Promise<RestoreSummary> {
  const { database } = options;
  const file = path.resolve(options.file);
  const header = await readBackupHeader(file);
  const journal = readJournal();
  const last = journal[journal.length - 1];
  if (header.migration.when > last.when)
    throw new AppError(
      'conflict',
      `Копия сделана более новой версией pedmonitor (${header.appVersion}, схема базы «${header.migration.tag}»), ` +
        `а эта версия знает схему до «${last.tag}». Обновите pedmonitor и повторите восстановление.`,
    );
  if (!journal.some((e) => e.when === header.migration.when))
    throw notABackup(file, `схема базы «${header.migration.tag}» не из миграций pedmonitor`);
  const applied = await lastAppliedMigration(database.db);
  if (!applied && (await listTables(database.db)).length)
    throw new AppError(
      'conflict',
      `В базе данных ${database.location} уже есть таблицы, но не pedmonitor. Восстановите копию в пустую базу.`,
    );
  if (applied) {
    const table = await firstNonEmptyTable(database.db);
    if (table)
      throw new AppError(
        'conflict',
        `База данных ${database.location} не пуста (в таблице «${table}» есть записи). ` +
          'Восстановление выполняется только в пустую папку данных (--data НОВАЯ_ПАПКА) или в пустую базу PostgreSQL.',
      );
    if (applied.when > header.migration.when)
      throw new AppError(
        'conflict',
        `База данных ${database.location} уже обновлена до схемы «${applied.tag}», копия — схемы «${header.migration.tag}». ` +
          'Восстановите копию в новую пустую папку данных или в базу PostgreSQL без таблиц.',
      );
  }
  const folder = migrationsUpTo(header.migration.when);
  try {
    await database.migrate(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const tables = await database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await setTextSettings(db);
    const [role] = await queryRows<{ su: boolean }>(
      db,
      sql`select rolsuper as su from pg_roles where rolname = current_user`,
    );
    // Foreign keys and triggers are not checked while a superuser loads a consistent copy; otherwise the
    // tables come in the order of their foreign keys.
    if (role?.su) await db.execute(sql`set local session_replication_role = replica`);
    // An ordinary owner's load fires the registry- and grant-generation triggers (migrations
    // registry_generation, grant_generation): marked as already noted, this transaction raises neither
    // generation, and the copy keeps the numbers it was made with.
    await db.execute(
      sql`select set_config('pedmonitor.registry_changed', 'on', true), set_config('pedmonitor.grants_changed', 'on', true)`,
    );
    return loadTables(db, file, header, options.onProgress);
  });
  await database.migrate();
  return { tables, header };
}

async function loadTables(
  db: Db,
  file: string,
  header: BackupHeader,
  onProgress: BackupProgress | undefined,
): Promise<TableSummary[]> {
  const lines = openLines(file);
  const done: TableSummary[] = [];
  let current: {
    name: string;
    columns: BackupColumn[];
    rows: number;
    hash: ReturnType<typeof createHash>;
    failure?: unknown;
  } | null = null;
  let batch: string[] = [];
  let batchChars = 0;
  let manifest: TableSummary[] | null = null;
  const flush = async () => {
    if (!current || !batch.length) return;
    const exprs = current.columns.map((c, i) =>
      c.isBytea
        ? sql`decode(r.v->>${sql.raw(String(i))}, 'base64')`
        : sql`(r.v->>${sql.raw(String(i))})::${sql.raw(c.type)}`,
    );
    const rows = `[${batch.join(',')}]`;
    batch = [];
    if (current.failure) return;
    try {
      await db.execute(
        sql`insert into ${ident(current.name)} (${sql.join(
          current.columns.map((c) => ident(c.name)),
          sql`, `,
        )})
            overriding system value
            select ${sql.join(exprs, sql`, `)} from json_array_elements(${rows}::json) as r(v)`,
      );
    } catch (error) {
      // A damaged value may fail its cast before the table's checksum is read: finish reading the table
      // and blame the damage if the checksum disagrees, the database otherwise.
      current.failure = error;
    }
    batchChars = 0;
  };
  try {
    let lineNo = 0;
    for await (const line of lines.reader) {
      lineNo++;
      if (lineNo === 1 || !line) continue;
      if (manifest) throw damaged(file, `после оглавления копии есть строка ${lineNo}`);
      if (line.startsWith('[')) {
        if (!current) throw damaged(file, `строка ${lineNo} вне таблицы`);
        current.hash.update(`${line}\n`);
        current.rows++;
        batch.push(line);
        batchChars += line.length;
        if (batch.length >= PAGE_ROWS || batchChars >= BATCH_CHARS) await flush();
        continue;
      }
      let record: { kind?: string } & Record<string, unknown>;
      try {
        record = JSON.parse(line) as typeof record;
      } catch {
        throw damaged(file, `строка ${lineNo} не читается`);
      }
      if (record.kind === 'table') {
        if (current) throw damaged(file, `таблица «${current.name}» не закончена (строка ${lineNo})`);
        const name = String(record.name);
        const columns = record.columns as BackupColumn[];
        await checkTarget(db, name, columns);
        if (MIGRATION_SEEDED_TABLES.has(name)) await db.execute(sql`delete from ${ident(name)}`);
        current = { name, columns, rows: 0, hash: createHash('sha256') };
      } else if (record.kind === 'end') {
        await flush();
        if (!current || record.table !== current.name) throw damaged(file, `строка ${lineNo} вне таблицы`);
        const sha256 = current.hash.digest('hex');
        if (record.rows !== current.rows || record.sha256 !== sha256)
          throw damaged(
            file,
            `таблица «${current.name}» не сходится с контрольной суммой (строк в файле ${current.rows}, в оглавлении ${String(record.rows)})`,
          );
        if (current.failure) {
          const cause =
            current.failure instanceof Error ? (current.failure.cause ?? current.failure) : current.failure;
          throw new AppError(
            'bad_request',
            `Таблица «${current.name}» из копии не записана в базу: ${cause instanceof Error ? cause.message : String(cause)}. База данных осталась пустой.`,
          );
        }
        done.push({ name: current.name, rows: current.rows, sha256 });
        onProgress?.({
          done: done.length,
          total: header.tables.length,
          table: current.name,
          rows: current.rows,
        });
        current = null;
      } else if (record.kind === 'manifest') {
        manifest = record.tables as TableSummary[];
      } else {
        throw damaged(file, `строка ${lineNo} не читается`);
      }
    }
    const failure = lines.failure();
    if (failure) throw damaged(file, `сжатые данные испорчены (${failure.message})`);
    if (!manifest || current) throw damaged(file, 'файл обрезан: нет оглавления в конце');
    const expected = JSON.stringify(manifest.map((t) => [t.name, t.rows, t.sha256]));
    if (
      expected !== JSON.stringify(done.map((t) => [t.name, t.rows, t.sha256])) ||
      JSON.stringify(header.tables) !== JSON.stringify(done.map((t) => t.name))
    )
      throw damaged(file, 'оглавление не совпадает с таблицами копии');
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_') || /unexpected end of file|incorrect header check/.test(String(error)))
      throw damaged(file, `сжатые данные испорчены или файл обрезан (${(error as Error).message})`);
    throw error;
  } finally {
    lines.close();
  }
  await resetSequences(db);
  return done;
}

async function checkTarget(db: Db, table: string, columns: BackupColumn[]) {
  const [exists] = await queryRows<{ ok: boolean }>(
    db,
    sql`select to_regclass(${`public."${table}"`}) is not null as ok`,
  );
  if (!exists.ok)
    throw new AppError(
      'bad_request',
      `В базе нет таблицы «${table}» из копии: схема базы не совпадает с копией.`,
    );
  const present = new Set((await listColumns(db, table)).map((c) => c.name));
  const missing = columns.find((c) => !present.has(c.name));
  if (missing)
    throw new AppError(
      'bad_request',
      `В таблице «${table}» базы нет столбца «${missing.name}» из копии: схема базы не совпадает с копией.`,
    );
}

/** Every sequence owned by a column continues after the largest restored value. */
async function resetSequences(db: Db) {
  const owned = await queryRows<{ table: string; column: string; seq: string }>(
    db,
    sql`select c.relname as "table", a.attname as "column", s.oid::regclass::text as seq
        from pg_depend d
        join pg_class s on s.oid = d.objid and s.relkind = 'S'
        join pg_class c on c.oid = d.refobjid
        join pg_attribute a on a.attrelid = c.oid and a.attnum = d.refobjsubid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and d.deptype in ('a', 'i')`,
  );
  for (const o of owned) {
    const query: SQL = sql`select setval(${o.seq}::regclass, coalesce(max(${ident(o.column)}), 1), max(${ident(o.column)}) is not null) from ${ident(o.table)}`;
    await db.execute(query);
  }
}
