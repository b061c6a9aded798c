import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { Config } from '../../config.ts';
import { queryRows } from '../../db/client.ts';
import { seedDemo } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import type { ImportPreviewOutput } from './exchange.schema.ts';

/** Test support of the exchange area: the demo district, uploads as multipart, workbooks to edit. */

export const TODAY = '2026-03-02';
export const PASSWORD = 'exchange-demo-password';

export interface ExchangeWorld {
  t: TestApp;
  cookie: (login: string) => Promise<string>;
  organizationOf(login: string): Promise<number>;
  download(login: string, organizationId: number, template?: boolean): Promise<LightMyRequestResponse>;
  upload(
    login: string,
    organizationId: number,
    file: Buffer,
    fileName: string,
  ): Promise<LightMyRequestResponse>;
  preview(
    login: string,
    organizationId: number,
    file: Buffer,
    fileName?: string,
  ): Promise<ImportPreviewOutput>;
  confirm(login: string, importId: string): Promise<LightMyRequestResponse>;
  /** A fingerprint of every registry table: ids, versions and update times. Equal means nothing was written. */
  fingerprint(): Promise<string>;
  close(): Promise<void>;
}

export function multipart(file: Buffer, fileName: string) {
  const boundary = `----pedmonitor${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const TABLES = [
  'teachers',
  'positions',
  'teacher_subjects',
  'educations',
  'certifications',
  'diagnostics',
  'trainings',
  'routes',
  'route_steps',
  'competition_participations',
  'mentoring_pairs',
  'association_members',
  'events',
  'event_participations',
  'vacancies',
  'normative_acts',
];

export async function createExchangeWorld(overrides: Partial<Config> = {}): Promise<ExchangeWorld> {
  const t = await createTestApp({ fixedToday: TODAY, ...overrides });
  await seedDemo({ db: t.database.db, seed: 5, today: TODAY, password: PASSWORD });
  const cookies = new Map<string, string>();
  const cookie = async (login: string) => {
    if (!cookies.has(login)) cookies.set(login, await t.login(login, PASSWORD));
    return cookies.get(login)!;
  };
  const upload = async (login: string, organizationId: number, file: Buffer, fileName: string) => {
    const body = multipart(file, fileName);
    return t.app.inject({
      method: 'POST',
      url: `/api/organizations/${organizationId}/imports`,
      payload: body.payload,
      headers: { ...body.headers, cookie: await cookie(login) },
    });
  };
  return {
    t,
    cookie,
    async organizationOf(login) {
      const [row] = await queryRows<{ id: number }>(
        t.database.db,
        sql`select r.organization_id as id from user_roles r join users u on u.id = r.user_id where u.login = ${login}`,
      );
      return row.id;
    },
    async download(login, organizationId, template = false) {
      return t.request({
        method: 'GET',
        url: `/api/organizations/${organizationId}/workbook${template ? '?template=1' : ''}`,
        cookie: await cookie(login),
      });
    },
    upload,
    async preview(login, organizationId, file, fileName = 'книга.xlsx') {
      const response = await upload(login, organizationId, file, fileName);
      if (response.statusCode !== 201)
        throw new Error(`upload failed ${response.statusCode}: ${response.body}`);
      return response.json() as ImportPreviewOutput;
    },
    async confirm(login, importId) {
      return t.request({
        method: 'POST',
        url: `/api/imports/${importId}/confirm`,
        cookie: await cookie(login),
      });
    },
    async fingerprint() {
      const parts: string[] = [];
      for (const table of TABLES) {
        const rows = await queryRows(
          t.database.db,
          table === 'teacher_subjects'
            ? sql`select teacher_id, subject from teacher_subjects order by 1, 2`
            : sql`select id, version, updated_at from ${sql.identifier(table)} order by id`,
        );
        parts.push(`${table}:${JSON.stringify(rows)}`);
      }
      return parts.join('\n');
    },
    close: () => t.close(),
  };
}

export async function loadWorkbook(buffer: Buffer | string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((typeof buffer === 'string' ? Buffer.from(buffer, 'binary') : buffer) as never);
  return workbook;
}

export const saveWorkbook = async (workbook: ExcelJS.Workbook) =>
  Buffer.from(await workbook.xlsx.writeBuffer());

/** The column number of a header in row 1. */
export function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  sheet.getRow(1).eachCell((cell, col) => {
    if (cell.value === header) found = col;
  });
  if (!found) throw new Error(`no column ${header} on ${sheet.name}`);
  return found;
}

/** The first data row whose cell under `header` satisfies the test; its number. */
export function findRow(sheet: ExcelJS.Worksheet, header: string, test: (value: unknown) => boolean): number {
  const col = columnOf(sheet, header);
  for (let r = 2; r <= sheet.rowCount; r++) if (test(sheet.getRow(r).getCell(col).value)) return r;
  throw new Error(`no row on ${sheet.name} with a matching ${header}`);
}

export function cell(sheet: ExcelJS.Worksheet, row: number, header: string) {
  return sheet.getRow(row).getCell(columnOf(sheet, header));
}

/** Appends a row with values by header. */
export function appendRow(sheet: ExcelJS.Worksheet, values: Record<string, unknown>) {
  const row = sheet.getRow(sheet.rowCount + 1);
  for (const [header, value] of Object.entries(values))
    row.getCell(columnOf(sheet, header)).value = value as never;
  row.commit();
  return row.number;
}
