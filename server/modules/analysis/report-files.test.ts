import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../../db/backup.ts';
import { seedDemo } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/** Files on a school's report on a recommendation: upload, download, access, limits, review, backup. */
let t: TestApp;
const cookies: Record<string, string> = {};
let recommendation: { id: number; version: number; status: string; text: string; campaignTitle: string };
const LIMIT = 256 * 1024;
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('Отчёт о проведённых мероприятиях')]);

beforeAll(async () => {
  t = await createTestApp({
    fixedToday: '2026-11-01',
    fileLimits: { ...createLimits(), uploadBytes: LIMIT },
  });
  await seedDemo({ db: t.database.db, seed: 5, today: '2026-11-01', password: 'files-pass-1' });
  for (const login of ['metodist', 'school1', 'school5', 'teacher'])
    cookies[login] = await t.login(login, 'files-pass-1');
  const own = (await get('school5', '/api/my-recommendations')).json();
  recommendation = own.find((r: { status: string }) => r.status === 'planned' || r.status === 'in_progress');
}, 300_000);
afterAll(() => t.close());

function createLimits() {
  return {
    uploadBytes: LIMIT,
    unzippedBytes: 200 * 1024 * 1024,
    entryBytes: 100 * 1024 * 1024,
    compressionRatio: 100,
    rowsPerSheet: 100_000,
    errorsListed: 200,
  };
}

const get = (who: string, url: string) => t.request({ method: 'GET', url, cookie: cookies[who] });
const send = (who: string, method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
  t.request({ method, url, cookie: cookies[who], body });

function upload(who: string, id: number, name: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = '----report-files-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/recommendations/${id}/files`,
    headers: { cookie: cookies[who], 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

describe('files on a report on a recommendation', () => {
  let fileId = 0;

  it('the addressed school attaches a file; its Russian name is kept; the department downloads it', async () => {
    const response = await upload(
      'school5',
      recommendation.id,
      'Отчёт о курсах № 2.pdf',
      PDF,
      'application/pdf',
    );
    expect(response.statusCode, response.body).toBe(201);
    fileId = response.json().id;
    expect(response.json().name).toBe('Отчёт о курсах № 2.pdf');
    const listed = (await get('metodist', `/api/recommendations/${recommendation.id}/files`)).json();
    expect(listed.map((f: { name: string; size: number }) => [f.name, f.size])).toEqual([
      ['Отчёт о курсах № 2.pdf', PDF.length],
    ]);
    const download = await get('metodist', `/api/recommendations/${recommendation.id}/files/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(encodeURIComponent('Отчёт о курсах № 2.pdf'));
    // The department's lists and the school's cabinet show the file beside the report.
    const own = (await get('school5', '/api/my-recommendations')).json();
    expect(own.find((r: { id: number }) => r.id === recommendation.id).files[0].name).toBe(
      'Отчёт о курсах № 2.pdf',
    );
  });

  it('another school, a teacher and the general file download reach neither the file nor the list', async () => {
    for (const who of ['school1', 'teacher']) {
      expect((await get(who, `/api/recommendations/${recommendation.id}/files`)).statusCode).toBe(403);
      expect((await get(who, `/api/recommendations/${recommendation.id}/files/${fileId}`)).statusCode).toBe(
        403,
      );
      // The department's document download does not open a school's report file to the municipality.
      expect((await get(who, `/api/files/${fileId}`)).statusCode).toBe(403);
    }
    expect((await upload('school1', recommendation.id, 'чужой.pdf', PDF)).statusCode).toBe(403);
    // The department reads, the school attaches: the department does not attach to a school's report.
    expect((await upload('metodist', recommendation.id, 'отдел.pdf', PDF)).statusCode).toBe(403);
  });

  it('refuses other types, content that is not what its name says, empty files and files over the limit', async () => {
    const cases: [string, Buffer, number, RegExp][] = [
      ['программа.exe', Buffer.from('MZ\x90\x00'), 400, /допустимы PDF, DOCX, XLSX, ODT, JPG, PNG/],
      ['скрипт.html', Buffer.from('<script>alert(1)</script>'), 400, /допустимы/],
      ['фото.png', Buffer.from('%PDF-1.4 not a png'), 400, /не является файлом PNG/],
      ['письмо.docx', Buffer.from('<html></html>'), 400, /не является файлом DOCX/],
      ['пустой.pdf', Buffer.alloc(0), 400, /пустой/],
      ['большой.pdf', Buffer.concat([PDF, Buffer.alloc(LIMIT)]), 413, /слишком велик/],
    ];
    for (const [name, content, status, message] of cases) {
      const response = await upload('school5', recommendation.id, name, content);
      expect(response.statusCode, name).toBe(status);
      expect(response.json().error.message, name).toMatch(message);
    }
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect((await upload('school5', recommendation.id, 'Фото стенда.PNG', png)).statusCode).toBe(201);
    const listed = (await get('school5', `/api/recommendations/${recommendation.id}/files`)).json();
    expect(listed).toHaveLength(2);
  });

  it('the department returns the report with a comment, then accepts it; a closed report takes no files', async () => {
    const reported = (
      await send('school5', 'PATCH', `/api/recommendations/${recommendation.id}`, {
        status: 'reported',
        report: 'Проведены курсы, приложены документы.',
        version: recommendation.version,
      })
    ).json();
    expect(reported.status).toBe('reported');
    const review = (body: object, who = 'metodist') =>
      send(who, 'POST', `/api/recommendations/${recommendation.id}/review`, body);
    expect((await review({ decision: 'accept', version: reported.version }, 'school5')).statusCode).toBe(403);
    const noComment = await review({ decision: 'return', version: reported.version });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.message).toMatch(/Комментарий/);
    const returned = await review({
      decision: 'return',
      comment: 'Приложите приказ о направлении на курсы.',
      version: reported.version,
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({
      status: 'in_progress',
      reviewComment: 'Приложите приказ о направлении на курсы.',
    });
    // The school hears it in its bell: which recommendation, and what to improve; no other school does.
    const bell = async (who: string) =>
      (await get(who, '/api/notifications')).json().items as { title: string; body: string; link: string }[];
    const excerpt = recommendation.text.slice(0, 100);
    const toSchool = (await bell('school5')).find(
      (n) => n.title === 'Отчёт по рекомендации возвращён на доработку',
    );
    expect(toSchool).toBeDefined();
    expect(toSchool!.body).toContain(recommendation.campaignTitle);
    expect(toSchool!.body).toContain(excerpt);
    expect(toSchool!.body).toContain('Что доработать: Приложите приказ о направлении на курсы.');
    expect(toSchool!.link).toBe('/my-recommendations');
    expect((await bell('school1')).some((n) => n.title.startsWith('Отчёт по рекомендации'))).toBe(false);
    // Not reported now: there is nothing to accept.
    expect((await review({ decision: 'accept', version: returned.json().version })).statusCode).toBe(409);
    const again = (
      await send('school5', 'PATCH', `/api/recommendations/${recommendation.id}`, {
        status: 'reported',
        version: returned.json().version,
      })
    ).json();
    const accepted = await review({ decision: 'accept', version: again.version });
    expect(accepted.json().status).toBe('done');
    const acceptedNote = (await bell('school5')).find((n) => n.title === 'Отчёт по рекомендации принят');
    expect(acceptedNote?.body).toContain(excerpt);
    expect(acceptedNote?.body).not.toContain('Что доработать');
    expect((await upload('school5', recommendation.id, 'поздний.pdf', PDF)).statusCode).toBe(403);
    expect(
      (await send('school5', 'DELETE', `/api/recommendations/${recommendation.id}/files/${fileId}`))
        .statusCode,
    ).toBe(403);
    // The card of the organization shows the files of its report.
    const school5 = (await get('school5', '/api/auth/me'))
      .json()
      .roles.find((g: { role: string }) => g.role === 'org_manager').organizationId;
    const card = (await get('metodist', `/api/organizations/${school5}/monitoring`)).json();
    const onCard = card.recommendations.find((r: { id: number }) => r.id === recommendation.id);
    expect(onCard.status).toBe('done');
    expect(onCard.files.map((f: { name: string }) => f.name)).toContain('Отчёт о курсах № 2.pdf');
  });

  it('the backup carries the report files and their links', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-report-files-'));
    try {
      const file = path.join(folder, 'copy.pmbackup');
      await createBackup({ database: t.database, file });
      const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
      const parsed = lines.map(
        (l) => JSON.parse(l) as { kind?: string; name?: string; table?: string; rows?: number },
      );
      expect(parsed.some((l) => l.kind === 'table' && l.name === 'recommendation_files')).toBe(true);
      expect(parsed.find((l) => l.kind === 'end' && l.table === 'files')!.rows).toBeGreaterThanOrEqual(2);
      const end = parsed.find((l) => l.kind === 'end' && l.table === 'recommendation_files')!;
      expect(end.rows).toBe(2);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
