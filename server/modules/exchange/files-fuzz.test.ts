import { eq, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../../core/random.ts';
import { REQUEST_HEADER, REQUEST_HEADER_VALUE } from '../../../core/request-header.ts';
import type { FileLimits } from '../../config.ts';
import { queryRows } from '../../db/client.ts';
import { teachers } from '../../db/schema/index.ts';
import { ensureCatalogs } from '../../seed/demo.ts';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';
import { campaignFromTemplate, createTestApp, type TestApp } from '../../test/harness.ts';
import { multipart } from './test-support.ts';
import { sheetXml, withDeclaredSize, workbookParts, zip } from './workbook/file-fixtures.ts';

/**
 * Hostile and broken files against the file routes: the import upload and the campaign form upload. Every
 * refusal is a Russian 4xx without a stack trace, and nothing is written. Random input comes from a seeded
 * generator: a failure reproduces with the same seed. The limits are small so that the bombs stay small.
 */
const MB = 1024 * 1024;
const LIMITS: FileLimits = {
  uploadBytes: 2 * MB,
  unzippedBytes: 32 * MB,
  entryBytes: 16 * MB,
  compressionRatio: 100,
  rowsPerSheet: 5000,
  errorsListed: 200,
};
const SEED = 20261201;
const PASSWORD = 'files-fuzz-password-1';

let t: TestApp;
const ids = { school: 0, campaign: 0 };
const cookies: Record<string, string> = {};

beforeAll(async () => {
  // «Today» within the main stage of the 2025 campaign, so that the school may fill its form.
  t = await createTestApp({ fixedToday: '2025-10-01', fileLimits: LIMITS });
  const db = t.database.db;
  await ensureCatalogs(db);
  const m = await createMunicipality(db);
  ids.school = (await createOrganization(db, m.id, { shortName: 'Школа 1' })).id;
  const people = {
    head: [{ role: 'org_manager' as const, organizationId: ids.school, municipalityId: m.id }],
    coord: [{ role: 'coordinator' as const, municipalityId: m.id }],
  };
  for (const [login, grants] of Object.entries(people)) {
    await createUser(db, { login, password: PASSWORD, grants });
    cookies[login] = await t.login(login, PASSWORD);
  }
  ids.campaign = (await campaignFromTemplate(t, cookies.coord, { municipalityId: m.id })).campaignId;
}, 120_000);
afterAll(() => t.close());

const importUrl = () => `/api/organizations/${ids.school}/imports`;
const formUrl = () => `/api/campaigns/${ids.campaign}/organizations/${ids.school}/submission/form.xlsx`;

function upload(url: string, file: Buffer, fileName: string): Promise<LightMyRequestResponse> {
  const body = multipart(file, fileName);
  return t.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, cookie: cookies.head },
  });
}

/** Counts and versions of what an upload could write. Equal means nothing was written. */
async function snapshot(): Promise<string> {
  const rows = await queryRows(
    t.database.db,
    sql`select
      (select count(*) from teachers) as teachers,
      (select count(*) from positions) as positions,
      (select count(*) from vacancies) as vacancies,
      (select count(*) || ':' || coalesce(sum(version), 0) from submissions) as submissions,
      (select count(*) from audit_log) as audit`,
  );
  return JSON.stringify(rows);
}

/** A refusal: the status, a Russian message matching `message`, no trace of the code, nothing written. */
async function expectRefused(
  send: () => Promise<LightMyRequestResponse>,
  status: 400 | 413,
  message?: RegExp,
): Promise<string> {
  const before = await snapshot();
  const response = await send();
  expect(response.statusCode, response.body).toBe(status);
  const text = response.json().error.message as string;
  expect(text).toMatch(/[А-Яа-яЁё]{4}/);
  if (message) expect(text).toMatch(message);
  expect(response.body).not.toMatch(/\bat .+:\d+:\d+|node:internal|\.ts\b|RangeError|TypeError/);
  expect(await snapshot()).toBe(before);
  return text;
}

const random = (rnd: Random, length: number) => Buffer.from(Array.from({ length }, () => rnd.int(0, 255)));

const VACANCY_HEADER = ['ID', 'Месяц', 'Должность', 'Предмет', 'Количество вакансий'];
const STAFF_HEADER = [
  'ID',
  'ID педагога',
  'Фамилия',
  'Имя',
  'Отчество',
  'Дата рождения',
  'Пол',
  'СНИЛС',
  'Электронная почта',
  'Телефон',
  'Дата начала педагогической деятельности',
  'Квалификационная категория',
  'Дата присвоения категории',
  'Руководитель (управленческие кадры)',
  'Преподаваемые предметы',
  'Должность',
  'Основное место работы',
  'Ставка',
  'Дата приёма',
  'Дата увольнения',
];
const staffRow = (lastName: string, firstName: string, patronymic = '') => [
  '',
  '',
  lastName,
  firstName,
  patronymic,
  '02.02.1998',
  'женский',
  '',
  '',
  '',
  '01.09.2020',
  'без категории',
  '',
  'нет',
  'математика',
  'учитель математики',
  'да',
  '1',
  '01.09.2020',
  '',
];
/** A small valid workbook: one teacher on «Педагоги». */
const validParts = () => workbookParts({ Педагоги: sheetXml([STAFF_HEADER, staffRow('Белова', 'Ирина')]) });

describe('the import upload refuses what is not a workbook or a sheet', () => {
  it('random bytes under any name, with or without a ZIP signature: 400', async () => {
    const rnd = new Random(SEED);
    for (let i = 0; i < 12; i++) {
      const bytes = random(rnd, rnd.int(1000, 60_000));
      if (rnd.chance(0.5)) bytes.write('PK\u0003\u0004', 0, 'latin1');
      const name = rnd.pick(['книга.xlsx', 'лист.csv', 'файл.bin', 'данные']);
      await expectRefused(() => upload(importUrl(), bytes, name), 400);
    }
  });

  it('an archive cut short anywhere: 400 «не читается»', async () => {
    const rnd = new Random(SEED + 1);
    const file = zip(validParts());
    for (let i = 0; i < 10; i++) {
      const cut = file.subarray(0, rnd.int(5, file.length - 1));
      await expectRefused(() => upload(importUrl(), cut, 'книга.xlsx'), 400, /не читается/);
    }
  });

  it('the old .xls format and a .xlsx that is no ZIP get a message of their own', async () => {
    const text = await expectRefused(
      () => upload(importUrl(), Buffer.from('просто текст'), 'книга.xls'),
      400,
    );
    expect(text).toMatch(/\.xls не поддерживается/);
    await expectRefused(
      () => upload(importUrl(), Buffer.from('просто текст'), 'книга.xlsx'),
      400,
      /не читается/,
    );
  });

  it('a file over the upload limit: 413 naming the limit', async () => {
    const big = random(new Random(SEED + 2), LIMITS.uploadBytes + 1);
    await expectRefused(() => upload(importUrl(), big, 'книга.xlsx'), 413, /допускается до 2 МБ/);
  });
});

describe('ZIP bombs are refused before they are inflated, or as soon as they inflate too much', () => {
  it('a part declared larger than the limit of a part (the hidden entry): 413', async () => {
    const parts = validParts();
    parts['xl/media/hidden.bin'] = new Uint8Array(LIMITS.entryBytes + MB);
    const file = zip(parts);
    expect(file.length).toBeLessThan(LIMITS.uploadBytes);
    await expectRefused(
      () => upload(importUrl(), file, 'книга.xlsx'),
      413,
      /Файл слишком велик после распаковки: часть «xl\/media\/hidden\.bin»/,
    );
  });

  it('thousands of parts: 413', async () => {
    const parts = validParts();
    for (let i = 0; i < 2001; i++) parts[`xl/junk/${i}.xml`] = strToU8('<a/>');
    await expectRefused(
      () => upload(importUrl(), zip(parts), 'книга.xlsx'),
      413,
      /2[\s\u00a0]?00[0-9] частей/,
    );
  });

  it('a part packed a thousand to one: 413', async () => {
    const parts = validParts();
    parts['xl/media/zeros.bin'] = new Uint8Array(3 * MB);
    await expectRefused(() => upload(importUrl(), zip(parts), 'книга.xlsx'), 413, /сжата в \d+ раз/);
  });

  it('a sheet whose declared size lies: inflating stops at the limit of a part', async () => {
    const padding = ' '.repeat(LIMITS.entryBytes + MB);
    const parts = workbookParts({
      Педагоги: sheetXml([STAFF_HEADER, staffRow('Белова', 'Ирина')], padding),
    });
    const file = withDeclaredSize(zip(parts), 'xl/worksheets/sheet1.xml', 1000);
    await expectRefused(
      () => upload(importUrl(), file, 'книга.xlsx'),
      413,
      /Файл слишком велик после распаковки: часть «xl\/worksheets\/sheet1\.xml» больше 16 МБ/,
    );
  });

  it('several lying sheets, each under the limit of a part: inflating stops at the limit of the file', async () => {
    const padding = ' '.repeat(12 * MB);
    let file: Buffer = zip(
      workbookParts({
        Педагоги: sheetXml([STAFF_HEADER], padding),
        Вакансии: sheetXml([VACANCY_HEADER], padding),
        Обучение: sheetXml([['ID']], padding),
      }),
    );
    for (let i = 1; i <= 3; i++) file = withDeclaredSize(file, `xl/worksheets/sheet${i}.xml`, 1000);
    await expectRefused(
      () => upload(importUrl(), file, 'книга.xlsx'),
      413,
      /части книги вместе больше 32 МБ/,
    );
  });
});

describe('row counts', () => {
  it('200,000 empty rows below the header read as an empty sheet: no errors, nothing to change', async () => {
    // Formatted down (a style, no value) and, every tenth row, a cell of spaces: Excel writes such rows.
    const empty = Array.from({ length: 200_000 }, (_, i) =>
      i % 10
        ? `<row r="${i + 2}"><c r="A${i + 2}" s="1"/></row>`
        : `<row r="${i + 2}"><c r="C${i + 2}" t="inlineStr"><is><t> </t></is></c></row>`,
    ).join('');
    const file = zip(workbookParts({ Вакансии: sheetXml([VACANCY_HEADER], empty) }));
    const before = await snapshot();
    const response = await upload(importUrl(), file, 'книга.xlsx');
    expect(response.statusCode, response.body).toBe(201);
    const preview = response.json();
    expect(preview.errors).toEqual([]);
    expect(preview.errorCount).toBe(0);
    expect(preview.totals).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 0 });
    expect(await snapshot()).toBe(before);
  });

  it('more rows with data than the limit, in a workbook or a CSV: 413 naming the sheet', async () => {
    const rows = Array.from({ length: LIMITS.rowsPerSheet + 1 }, (_, i) => [
      '',
      '09.2025',
      'учитель',
      `предмет ${i}`,
      '1',
    ]);
    const book = zip(workbookParts({ Вакансии: sheetXml([VACANCY_HEADER, ...rows]) }));
    await expectRefused(
      () => upload(importUrl(), book, 'книга.xlsx'),
      413,
      /Лист «Вакансии»: больше 5\u00a0000 строк с данными/,
    );
    const csv = [VACANCY_HEADER, ...rows].map((r) => r.join(';')).join('\r\n');
    await expectRefused(
      () => upload(importUrl(), Buffer.from(csv), 'лист.csv'),
      413,
      /Файл CSV: больше 5\u00a0000 строк с данными/,
    );
  });

  it('errors beyond the listed ones are counted, not listed', async () => {
    const rows = Array.from({ length: 300 }, () => ['', 'не месяц', 'учитель', 'математика', '1']);
    const csv = [VACANCY_HEADER, ...rows].map((r) => r.join(';')).join('\r\n');
    const response = await upload(importUrl(), Buffer.from(csv), 'лист.csv');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().errors).toHaveLength(LIMITS.errorsListed);
    expect(response.json().errorCount).toBe(300);
  });
});

describe('CSV encodings and binary data', () => {
  const vacancies = [VACANCY_HEADER, ['', '09.2025', 'учитель', 'математика', '2']]
    .map((r) => r.join(';'))
    .join('\r\n');

  it('Windows-1251 and UTF-8 are both read', async () => {
    for (const [bytes, encoding] of [
      [iconv.encode(vacancies, 'win1251'), 'windows-1251'],
      [Buffer.from(vacancies), 'utf-8'],
    ] as const) {
      const response = await upload(importUrl(), bytes, 'вакансии.csv');
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ encoding, errors: [] });
    }
  });

  it('NUL bytes, UTF-16 and garbage bytes: 400 naming the line', async () => {
    const withNul = Buffer.from(`${vacancies}\r\n\u0000\u0000;;`);
    await expectRefused(
      () => upload(importUrl(), withNul, 'вакансии.csv'),
      400,
      /в строке 3 есть двоичные данные/,
    );
    await expectRefused(
      () => upload(importUrl(), iconv.encode(vacancies, 'utf16-le'), 'в.csv'),
      400,
      /двоичные/,
    );
    const rnd = new Random(SEED + 3);
    for (let i = 0; i < 5; i++) {
      const garbage = Buffer.concat([Buffer.from(vacancies), random(rnd, rnd.int(200, 5000))]);
      await expectRefused(() => upload(importUrl(), garbage, 'вакансии.csv'), 400, /двоичные данные/);
    }
  });
});

describe('formula injection', () => {
  it('«=1+2» in a name cell is stored as the text, and a formula cell is never evaluated', async () => {
    const csv = [STAFF_HEADER, staffRow('=1+2', '=HYPERLINK("http://x.example";"y")')]
      .map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(';'))
      .join('\r\n');
    const fromCsv = await upload(importUrl(), Buffer.from(csv), 'педагоги.csv');
    expect(fromCsv.statusCode, fromCsv.body).toBe(201);
    expect(fromCsv.json().errors).toEqual([]);
    const confirmed = await t.request({
      method: 'POST',
      url: `/api/imports/${fromCsv.json().importId}/confirm`,
      cookie: cookies.head,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const [stored] = await t.database.db.select().from(teachers).where(eq(teachers.lastName, '=1+2'));
    expect(stored.firstName).toBe('=HYPERLINK("http://x.example";"y")');

    // In a workbook: a text «=2+3» stays text; a formula without a saved value is an empty cell.
    const xml = sheetXml(
      [STAFF_HEADER, staffRow('=2+3', 'Ирина')],
      '<row r="3">' +
        STAFF_HEADER.map((_, c) => {
          const ref = `${String.fromCharCode(65 + c)}3`;
          if (c === 4) return `<c r="${ref}" t="str"><f>1+2</f></c>`;
          const value = staffRow('Формулова', 'Анна')[c];
          return value ? `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>` : '';
        }).join('') +
        '</row>',
    );
    const preview = await upload(importUrl(), zip(workbookParts({ Педагоги: xml })), 'книга.xlsx');
    expect(preview.statusCode, preview.body).toBe(201);
    expect(preview.json().errors).toEqual([]);
    const applied = await t.request({
      method: 'POST',
      url: `/api/imports/${preview.json().importId}/confirm`,
      cookie: cookies.head,
    });
    expect(applied.statusCode, applied.body).toBe(200);
    const names = await t.database.db
      .select({ lastName: teachers.lastName, middleName: teachers.middleName })
      .from(teachers)
      .where(sql`${teachers.lastName} in ('=2+3', 'Формулова')`)
      .orderBy(teachers.lastName);
    expect(names).toEqual([
      { lastName: '=2+3', middleName: null },
      { lastName: 'Формулова', middleName: null },
    ]);
  });
});

describe('the campaign form workbook', () => {
  async function downloaded(): Promise<Buffer> {
    const response = await t.app.inject({ method: 'GET', url: formUrl(), headers: { cookie: cookies.head } });
    expect(response.statusCode).toBe(200);
    return response.rawPayload;
  }

  it('its own download is read back (the reader reads what ExcelJS writes)', async () => {
    const response = await upload(formUrl(), await downloaded(), 'форма.xlsx');
    expect(response.statusCode, response.body).toBe(200);
  });

  it('random bytes, a cut archive, bombs and lying sizes: 400 or 413, nothing written', async () => {
    const rnd = new Random(SEED + 4);
    const form = await downloaded();
    await expectRefused(() => upload(formUrl(), random(rnd, 5000), 'форма.xlsx'), 400, /не читается/);
    await expectRefused(() => upload(formUrl(), form.subarray(0, form.length >> 1), 'форма.xlsx'), 400);
    const parts = unzipSync(form);
    await expectRefused(
      () =>
        upload(
          formUrl(),
          Buffer.from(zipSync({ ...parts, 'xl/hidden.bin': new Uint8Array(17 * MB) })),
          'ф.xlsx',
        ),
      413,
      /слишком велик после распаковки/,
    );
    const sheetPath = Object.keys(parts).find((p) => /worksheets\/sheet2\.xml$/.test(p))!;
    const padded = strToU8(
      new TextDecoder()
        .decode(parts[sheetPath])
        .replace('</sheetData>', `${' '.repeat(17 * MB)}</sheetData>`),
    );
    const lying = withDeclaredSize(Buffer.from(zipSync({ ...parts, [sheetPath]: padded })), sheetPath, 1000);
    await expectRefused(() => upload(formUrl(), lying, 'ф.xlsx'), 413, /больше 16 МБ/);
    const big = random(rnd, LIMITS.uploadBytes + 1);
    await expectRefused(() => upload(formUrl(), big, 'ф.xlsx'), 413, /допускается до 2 МБ/);
  });
});

describe('the server keeps answering while it reads a hostile file', () => {
  it('/api/health answers during the uploads, each time within seconds, not after the whole file', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const padding = ' '.repeat(LIMITS.entryBytes + MB);
    const bomb = withDeclaredSize(
      zip(workbookParts({ Педагоги: sheetXml([STAFF_HEADER], padding) })),
      'xl/worksheets/sheet1.xml',
      1000,
    );
    const empty = Array.from(
      { length: 200_000 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" s="1"/></row>`,
    );
    const emptyRows = zip(workbookParts({ Вакансии: sheetXml([VACANCY_HEADER], empty.join('')) }));
    const send = async (file: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)]), 'книга.xlsx');
      const response = await fetch(`${address}${importUrl()}`, {
        method: 'POST',
        body: form,
        headers: { cookie: cookies.head, [REQUEST_HEADER]: REQUEST_HEADER_VALUE },
      });
      return response.status;
    };
    let isUploading = true;
    const latencies: number[] = [];
    const polling = (async () => {
      while (isUploading) {
        const started = performance.now();
        const response = await fetch(`${address}/api/health`);
        await response.arrayBuffer();
        if (isUploading) latencies.push(performance.now() - started);
      }
    })();
    const statuses = await Promise.all([send(bomb), send(emptyRows), send(bomb), send(emptyRows)]);
    isUploading = false;
    await polling;
    expect(statuses).toEqual([413, 201, 413, 201]);
    // Parsed on the main thread, the 200,000 rows held every answer for seconds. The bound is generous:
    // the machine running the tests is shared.
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(3000);
  });
});
