import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
let roadmapId = 0;

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2026-11-01' });
  await seedDemo({ db: t.database.db, seed: 11, today: '2026-11-01', password: 'management-pass-1' });
  for (const login of ['metodist', 'school1']) cookies[login] = await t.login(login, 'management-pass-1');
  roadmapId = (await call('metodist', 'GET', '/api/roadmaps')).json()[0].id;
}, 300_000);
afterAll(() => t.close());

function call(who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  return t.request({ method, url, cookie: cookies[who], body });
}

describe('the roadmap of seed 001', () => {
  it('loads with its sections, deadlines and executors, measures linked to the program’s indicators', async () => {
    const roadmap = (await call('metodist', 'GET', `/api/roadmaps/${roadmapId}`)).json();
    expect(roadmap.measures).toHaveLength(25);
    const diagnostics = roadmap.measures.find((m: { number: string }) => m.number === 'IV.1');
    expect(diagnostics).toMatchObject({
      title: 'Изучение профессиональных дефицитов педагогических работников',
      deadlineKind: 'date',
      status: 'done',
    });
    expect(diagnostics.indicators.map((i: { indicatorCode: string }) => i.indicatorCode)).toEqual(['1.1']);
    expect(roadmap.measures.find((m: { number: string }) => m.number === 'I.2').deadlineKind).toBe(
      'on_request',
    );
    expect(
      roadmap.measures.find((m: { number: string }) => m.number === 'I.1').recommendationIds.length,
    ).toBeGreaterThan(0);
  });

  it('validates a measure in Russian and refuses an organization manager', async () => {
    const bad = await call('metodist', 'POST', `/api/roadmaps/${roadmapId}/measures`, {
      section: 'V',
      number: 'V.1',
      title: 'Семинар',
      deadlineKind: 'period',
      deadlineFrom: '2026-02-01',
      executors: 'Методический кабинет',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Укажите начало и окончание периода исполнения.');
    const denied = await call('school1', 'POST', `/api/roadmaps/${roadmapId}/measures`, {
      section: 'V',
      number: 'V.1',
      title: 'Семинар',
      deadlineKind: 'whole_period',
      executors: 'Методический кабинет',
    });
    expect(denied.statusCode).toBe(403);
    expect((await call('school1', 'GET', `/api/roadmaps/${roadmapId}`)).statusCode).toBe(200);
  });
});

describe('the effect of measures', () => {
  it('compares the campaign before a measure with the next one, per organization and for the municipality', async () => {
    const effect = (await call('metodist', 'GET', `/api/roadmaps/${roadmapId}/effect`)).json();
    const diagnostics = effect.measures.find((m: { number: string }) => m.number === 'IV.1');
    const indicator = diagnostics.indicators[0];
    expect(indicator.before.year).toBe(2024);
    expect(indicator.after.year).toBe(2025);
    expect(indicator.after.value).toBeGreaterThan(indicator.before.value);
    expect(indicator.verdict).toBe('improved');
    expect(diagnostics.verdict).toBe('improved');
    expect(indicator.organizations.length).toBe(25);
    expect(
      indicator.organizations.every((o: { verdict: string }) =>
        ['improved', 'unchanged', 'worsened', 'no_data'].includes(o.verdict),
      ),
    ).toBe(true);
  });
});

describe('decisions and documents', () => {
  it('stores a decision with its document and only the municipality can download it', async () => {
    const boundary = 'pedmonitorboundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="prikaz.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 приказ\r\n--${boundary}--\r\n`;
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/files?municipalityId=1',
      headers: { cookie: cookies.metodist, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(upload.statusCode).toBe(201);
    const file = upload.json();
    const decision = await call('metodist', 'POST', '/api/decisions', {
      municipalityId: 1,
      kind: 'order',
      number: '12',
      date: '2026-09-01',
      title: 'Об итогах мониторинга',
      fileId: file.id,
    });
    expect(decision.statusCode).toBe(201);
    const download = await call('metodist', 'GET', `/api/files/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain('%PDF-1.4');
    expect(
      (await call('metodist', 'GET', '/api/decisions'))
        .json()
        .some((d: { title: string }) => d.title === 'Об итогах мониторинга'),
    ).toBe(true);
  });
});

describe('МУКО self-assessment', () => {
  it('scores every element of the cycle from what exists, with evidence links that open', async () => {
    const assessment = (await call('metodist', 'GET', '/api/muko')).json();
    expect(assessment.rows.map((r: { title: string; score: number }) => [r.title, r.score])).toEqual([
      ['Цели', 1],
      ['Показатели', 1],
      ['Методы сбора информации', 1],
      ['Мониторинг', 1],
      ['Анализ', 1],
      ['Адресные рекомендации', 1],
      ['Меры и мероприятия', 1],
      ['Управленческие решения', 1],
      ['Анализ эффективности', 1],
    ]);
    expect(assessment.total).toBe(9);
    for (const row of assessment.rows) {
      expect(row.evidence.length).toBeGreaterThan(0);
      expect(row.evidence.length).toBeLessThanOrEqual(5);
    }
    const apiLinks = assessment.rows
      .flatMap((r: { evidence: { url: string }[] }) => r.evidence.map((e) => e.url))
      .filter((u: string) => u.startsWith('/api/public/') || u.startsWith('/api/files/'));
    for (const url of apiLinks) expect((await call('metodist', 'GET', url)).statusCode, url).toBe(200);
    const publicPage = assessment.rows
      .find((r: { key: string }) => r.key === 'monitoring')
      .evidence.find((e: { url: string }) => e.url.startsWith('/public/'));
    expect(
      (await t.request({ method: 'GET', url: publicPage.url.replace('/public/', '/api/public/') }))
        .statusCode,
    ).toBe(200);
  });

  it('scores 0 where the cycle is broken', async () => {
    const db = t.database.db;
    await db.execute('delete from decisions' as never);
    const assessment = (await call('metodist', 'GET', '/api/muko')).json();
    expect(assessment.rows.find((r: { key: string }) => r.key === 'decisions')).toMatchObject({
      score: 0,
      evidence: [],
    });
    expect(assessment.total).toBe(8);
  });

  it('exports the table as XLSX and DOCX', async () => {
    const xlsx = await call('metodist', 'GET', '/api/muko.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const docx = await call('metodist', 'GET', '/api/muko.docx');
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent('Самооценка МУКО.docx'));
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
