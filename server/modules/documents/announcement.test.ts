import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normativeActs } from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createUser } from '../../seed/factories.ts';
import { campaignFromTemplate, createTestApp, type TestApp } from '../../test/harness.ts';
import { hasLibreOffice, pagesOfDocx } from '../../test/office.ts';
import { documentXmlOf, docxLines } from '../../test/report-docx.ts';

/**
 * The announcement letter of a campaign (seed 000 is one): the DOCX read back as text carries the basis
 * order, the goal, the dates дд.мм.гггг, the indicators with what is asked, how to fill the form, the
 * responsible person and the participants; only the department makes it.
 */
let t: TestApp;
const PASSWORD = 'announce-pass-1';
const cookies: Record<string, string> = {};
let campaignId = 0;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const m = await createMunicipality(db);
  await createOrganization(db, m.id, { shortName: 'МБОУ СОШ № 1' });
  await createOrganization(db, m.id, { shortName: 'МБОУ СОШ № 2' });
  await db.insert(normativeActs).values({
    municipalityId: m.id,
    kind: 'other',
    number: '145',
    date: '2025-09-01',
    title: 'О проведении мониторинга профессионального развития педагогов',
    validFrom: '2025-09-01',
  });
  await createUser(db, {
    login: 'coord',
    fullName: 'Петрова Анна Ивановна',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  const school = await createOrganization(db, m.id, { shortName: 'МБОУ СОШ № 3' });
  await createUser(db, {
    login: 'head',
    password: PASSWORD,
    grants: [{ role: 'org_manager', municipalityId: m.id, organizationId: school.id }],
  });
  cookies.coord = await t.login('coord', PASSWORD);
  cookies.head = await t.login('head', PASSWORD);
  ({ campaignId } = await campaignFromTemplate(t, cookies.coord, { municipalityId: m.id, year: 2025 }));
}, 120_000);
afterAll(() => t?.close());

const paragraphsOf = async (docx: Buffer) => docxLines(await documentXmlOf(docx));

describe('the announcement letter of a campaign', () => {
  it('carries the basis, goal, dates, indicators, instructions, responsible and participants', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/campaigns/${campaignId}/announcement-letter`,
      cookie: cookies.coord,
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = (await paragraphsOf(res.rawPayload)).join('\n');
    expect(text).toContain('Руководителям образовательных организаций');
    expect(text).toMatch(
      /на основании приказа .* от 01\.09\.2025 № 145 «О проведении мониторинга профессионального развития педагогов»/,
    );
    expect(text).toMatch(/Цель мониторинга: /);
    expect(text).toMatch(
      /Сроки: начало мониторинга — \d\d\.\d\d\.2025; сбор данных — с \d\d\.\d\d\.\d{4} по \d\d\.\d\d\.\d{4}/,
    );
    expect(text).toContain('в системе pedmonitor (http://localhost');
    expect(text).toContain('нажмите «Отправить»');
    expect(text).toContain('Ответственный в отделе образования: Петрова Анна Ивановна');
    expect(text).toContain('Показатели мониторинга');
    expect(text).toMatch(/в форме: |рассчитывается по реестру педагогов/);
    expect(text).toContain('Участвуют 3 организации');
    for (const n of [1, 2, 3]) expect(text).toContain(`МБОУ СОШ № ${n}`);
  });

  it('is made by the department only', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/campaigns/${campaignId}/announcement-letter`,
      cookie: cookies.head,
    });
    expect(res.statusCode).toBe(403);
  });
});

if (!hasLibreOffice)
  console.warn(
    'announcement.test.ts: libreoffice не найден в PATH — проверка открытия письма в LibreOffice пропущена (в CI её запускает проход db-тестов).',
  );

describe.skipIf(!hasLibreOffice)('opening the letter in LibreOffice (needs libreoffice on PATH)', () => {
  it('converts to PDF without error and lays out the text it carries', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/campaigns/${campaignId}/announcement-letter`,
      cookie: cookies.coord,
    });
    expect(res.statusCode).toBe(200);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-announcement-'));
    try {
      writeFileSync(path.join(dir, 'announcement.docx'), res.rawPayload);
      // A profile of its own: another LibreOffice running on the machine must not capture the conversion.
      const converted = spawnSync(
        'libreoffice',
        [
          `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          path.join(dir, 'announcement.docx'),
        ],
        { encoding: 'utf8', timeout: 180_000 },
      );
      expect(converted.status, converted.stderr).toBe(0);
      const pdf = readFileSync(path.join(dir, 'announcement.pdf'));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Laid out page by page, the letter carries the addressee and the responsible person.
    const pages = (await pagesOfDocx({ 'announcement.docx': res.rawPayload }))['announcement.docx'];
    expect(pages.length).toBeGreaterThan(0);
    const all = pages.join('\n');
    expect(all).toContain('Руководителям образовательных организаций');
    expect(all).toContain('Ответственный в отделе образования');
  }, 240_000);
});
