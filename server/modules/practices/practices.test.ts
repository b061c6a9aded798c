import { eq, and } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAM_PARAMETERS, reportingPeriod } from '../../../core/indicators/period.ts';
import { PRACTICE_CRITERIA } from '../../../core/practices.ts';
import * as s from '../../db/schema/index.ts';
import { createClosedCampaign } from '../../seed/factories.ts';
import { computeIndicators } from '../indicators/compute.ts';
import { createWorld, expectError, type World } from '../registers/shared/test-world.ts';

let w: World;
let expertId = 0;
let outsiderId = 0;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const fullScores = (points: number) => Object.fromEntries(PRACTICE_CRITERIA.map((c) => [c.code, points]));

beforeAll(async () => {
  // A fixed «today» before the real date: a report's publication day is on it, not on the database's date.
  w = await createWorld({ fixedToday: '2026-11-01' });
  const db = w.t.database.db;
  await db.insert(s.deficits).values([
    { code: 'П-01', area: 'methodical', title: 'Формирующее оценивание' },
    { code: 'П-02', area: 'psychological', title: 'Работа с детьми с ОВЗ' },
  ]);
  await w.addUser('expert', [{ role: 'teacher', organizationId: w.a2 }]);
  await w.addUser('outsider', [{ role: 'teacher', organizationId: w.b1 }]);
  const ids = await db.select({ id: s.users.id, login: s.users.login }).from(s.users);
  expertId = ids.find((u) => u.login === 'expert')!.id;
  outsiderId = ids.find((u) => u.login === 'outsider')!.id;
});
afterAll(() => w.close());

const draft = (overrides: Record<string, unknown> = {}) => ({
  organizationId: w.a1,
  title: 'Формирующее оценивание на уроках математики',
  kind: 'development',
  subject: 'математика',
  stage: 'ooo',
  description: 'Приёмы обратной связи на уроке.',
  links: ['https://example.org/lesson'],
  authorIds: [w.teachers.a1[0]],
  deficitCodes: ['П-01'],
  ...overrides,
});

async function create(overrides: Record<string, unknown> = {}) {
  const response = await w.post('mgra1', '/api/practices', draft(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const step = async (who: string, id: number, body: Record<string, unknown>) => {
  const current = (await w.get('coord1', `/api/practices/${id}`)).json();
  return w.post(who, `/api/practices/${id}/transitions`, { version: current.version, ...body });
};

describe('the review workflow', () => {
  it('walks an entry from the school to the catalog, with the history of every step', async () => {
    const p = await create();
    expect(p.status).toBe('draft');
    expect(p.can).toMatchObject({ edit: true, manage: false, actions: ['submit'] });
    // Another school of the district neither sees the draft nor finds it.
    expectError(await w.get('mgra2', `/api/practices/${p.id}`), 403);
    expect((await w.get('mgra2', '/api/practices')).json().map((x: { id: number }) => x.id)).not.toContain(
      p.id,
    );

    expect((await step('mgra1', p.id, { action: 'submit' })).json().status).toBe('submitted');
    expectError(
      await step('mgra1', p.id, { action: 'take', reviewBody: 'council', reviewerIds: [expertId] }),
      403,
      '«Направить на экспертизу» — решение отдела образования (координатора).',
    );
    expectError(
      await step('coord1', p.id, { action: 'take', reviewBody: 'council', reviewerIds: [outsiderId] }),
      400,
      'Эксперты: выберите пользователей этого муниципалитета.',
    );
    const taken = await step('coord1', p.id, {
      action: 'take',
      reviewBody: 'council',
      reviewerIds: [expertId],
    });
    expect(taken.json().status).toBe('on_review');
    // The expert finds what it reviews, though it is not published and not of its school.
    const mine = (await w.get('expert', '/api/practices?mine=true')).json();
    expect(mine.map((x: { id: number }) => x.id)).toEqual([p.id]);
    expectError(
      await step('coord1', p.id, { action: 'recommend' }),
      409,
      'Рекомендовать можно после экспертизы: ни один эксперт ещё не выставил оценку.',
    );
    expectError(
      await w.put('expert', `/api/practices/${p.id}/review`, { scores: { ...fullScores(4), novelty: 6 } }),
      400,
      'Оценка: по критерию «Новизна» — целое число баллов от 0 до 5.',
    );
    expectError(await w.put('mgra2', `/api/practices/${p.id}/review`, { scores: fullScores(4) }), 403);
    const reviewed = await w.put('expert', `/api/practices/${p.id}/review`, {
      scores: fullScores(4),
      comment: 'Хороший материал',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    // The author's school sees the scores by the published criteria and the comment.
    const seen = (await w.get('mgra1', `/api/practices/${p.id}`)).json();
    expect(seen.reviews).toEqual([
      expect.objectContaining({
        reviewerName: 'expert',
        total: 4 * PRACTICE_CRITERIA.length,
        comment: 'Хороший материал',
      }),
    ]);
    expect((await step('coord1', p.id, { action: 'recommend' })).json().status).toBe('recommended');
    const published = (await step('coord1', p.id, { action: 'publish' })).json();
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();
    expect(published.history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'draft',
      'submitted',
      'on_review',
      'recommended',
      'published',
    ]);
    // The catalog: teachers and other schools of the district find it; another district does not.
    const found = (await w.get('teachera1', '/api/practices?status=published&q=оценивание')).json();
    expect(found.map((x: { id: number }) => x.id)).toContain(p.id);
    expect(
      (await w.get('mgra2', `/api/practices?deficitCode=П-01`)).json().map((x: { id: number }) => x.id),
    ).toContain(p.id);
    expectError(await w.get('outsider', `/api/practices/${p.id}`), 403);
    expect((await w.get('coord2', '/api/practices')).json()).toEqual([]);
    const audit = await w.audit('practice', p.id);
    expect(audit[0].summary).toBe(
      'Материал «Формирующее оценивание на уроках математики»: рекомендована к распространению → опубликована',
    );
  });

  it('returns with a reason the author reads, takes the entry back, and refuses what the status does not allow', async () => {
    const p = await create({ title: 'Программа внеурочной деятельности' });
    expectError(
      await step('coord1', p.id, { action: 'publish' }),
      409,
      'Действие «Опубликовать в каталоге» недоступно: материал в статусе «черновик». Доступно: «Подать на экспертизу».',
    );
    await step('mgra1', p.id, { action: 'submit' });
    expectError(
      await step('coord1', p.id, { action: 'return' }),
      400,
      'Комментарий: укажите причину («Вернуть на доработку»).',
    );
    const returned = (
      await step('coord1', p.id, { action: 'return', comment: 'Добавьте результаты' })
    ).json();
    expect(returned).toMatchObject({ status: 'returned', reason: 'Добавьте результаты' });
    const stale = returned.version - 1;
    expectError(
      await w.patch('mgra1', `/api/practices/${p.id}`, { description: 'Новое', version: stale }),
      409,
    );
    const edited = await w.patch('mgra1', `/api/practices/${p.id}`, {
      description: 'С результатами',
      version: returned.version,
    });
    expect(edited.json().description).toBe('С результатами');
    expect((await step('mgra1', p.id, { action: 'submit' })).json()).toMatchObject({
      status: 'submitted',
      reason: null,
    });
    expectError(
      await w.patch('mgra1', `/api/practices/${p.id}`, {
        description: 'Ещё',
        version: edited.json().version + 1,
      }),
      403,
      'Материал в статусе «подана» не редактируется: его меняют в черновике или на доработке.',
    );
    expectError(await w.del('mgra1', `/api/practices/${p.id}`), 409);
    const rejected = (
      await step('coord1', p.id, { action: 'reject', comment: 'Не соответствует теме' })
    ).json();
    expect(rejected).toMatchObject({ status: 'rejected', can: { actions: [] } });
  });

  it('checks the authors, the deficits and the links', async () => {
    expectError(await w.post('mgra1', '/api/practices', draft({ authorIds: [] })), 400, /автор/);
    expectError(
      await w.post('mgra1', '/api/practices', draft({ authorIds: [w.teachers.b1[0]] })),
      400,
      'Авторы: выберите педагогов из реестра муниципалитета.',
    );
    expectError(
      await w.post('mgra1', '/api/practices', draft({ deficitCodes: ['НЕТ-1'] })),
      400,
      'Дефициты: нет в каталоге — НЕТ-1.',
    );
    expectError(
      await w.post('mgra1', '/api/practices', draft({ links: ['javascript:alert(1)'] })),
      400,
      /«Ссылка»: укажите адрес страницы/,
    );
    expectError(await w.post('mgra1', '/api/practices', draft({ organizationId: w.a2 })), 403);
    expectError(await w.post('coord2', '/api/practices', draft()), 403);
  });
});

describe('files, events and the public page', () => {
  it('keeps the files of a draft to its school and opens them with the published entry', async () => {
    const p = await create({ title: 'Видеоурок по геометрии', kind: 'video_lesson' });
    const upload = await w.t.app.inject({
      method: 'POST',
      url: `/api/practices/${p.id}/files`,
      headers: {
        cookie: await w.t.login('mgra1', 'registers-password-1'),
        'content-type': 'multipart/form-data; boundary=X',
      },
      payload: Buffer.concat([
        Buffer.from(
          '--X\r\nContent-Disposition: form-data; name="file"; filename="plan.png"\r\nContent-Type: image/png\r\n\r\n',
        ),
        PNG,
        Buffer.from('\r\n--X--\r\n'),
      ]),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const fileId = upload.json().id;
    expectError(await w.get('mgra2', `/api/practices/${p.id}/files/${fileId}`), 403);
    expectError(await w.get('mgra2', `/api/files/${fileId}`), 403);
    expect((await w.get('mgra1', `/api/practices/${p.id}/files/${fileId}`)).rawPayload).toEqual(PNG);

    await step('mgra1', p.id, { action: 'submit' });
    await step('coord1', p.id, { action: 'take', reviewBody: 'council', reviewerIds: [expertId] });
    await w.put('expert', `/api/practices/${p.id}/review`, { scores: fullScores(5) });
    await step('coord1', p.id, { action: 'recommend' });
    await step('coord1', p.id, { action: 'publish' });
    expect((await w.get('mgra2', `/api/practices/${p.id}/files/${fileId}`)).statusCode).toBe(200);
    expect((await w.get('mgra2', `/api/files/${fileId}`)).statusCode).toBe(200);
    expectError(await w.get('outsider', `/api/files/${fileId}`), 403);
  });

  it('links events of the municipality and shows on the public page only what the coordinator allows', async () => {
    const db = w.t.database.db;
    const [event] = await db
      .insert(s.events)
      .values({
        municipalityId: w.m1,
        title: 'Семинар РМО',
        level: 'municipal',
        date: '2026-10-10',
        format: 'offline',
      })
      .returning();
    const [foreign] = await db
      .insert(s.events)
      .values({
        municipalityId: w.m2,
        title: 'Чужой семинар',
        level: 'municipal',
        date: '2026-10-10',
        format: 'offline',
      })
      .returning();
    const [p] = (await w.get('coord1', '/api/practices?status=published&q=геометрии')).json();
    expectError(await w.post('mgra1', `/api/practices/${p.id}/events`, { eventId: event.id }), 403);
    expectError(
      await w.post('coord1', `/api/practices/${p.id}/events`, { eventId: foreign.id }),
      400,
      'Мероприятие: нет такого мероприятия в муниципалитете.',
    );
    const linked = (await w.post('coord1', `/api/practices/${p.id}/events`, { eventId: event.id })).json();
    expect(linked.events).toEqual([{ id: event.id, title: 'Семинар РМО', date: '2026-10-10' }]);

    // No public page yet: the municipality has no published report.
    expectError(
      await w.t.request({ method: 'GET', url: `/api/public/municipalities/${w.m1}/practices` }),
      404,
    );
    // A report published for 20.11.2026 — after the fixed today, before the real date — opens nothing yet.
    const { campaign: earlier } = await createClosedCampaign(db, w.m1, 2024);
    await db
      .insert(s.campaignReports)
      .values({ campaignId: earlier.id, isPublished: true, publishOn: '2026-11-20' });
    expectError(
      await w.t.request({ method: 'GET', url: `/api/public/municipalities/${w.m1}/practices` }),
      404,
      'Публичная страница муниципалитета не найден(а).',
    );
    const { campaign } = await createClosedCampaign(db, w.m1, 2025);
    await db.insert(s.campaignReports).values({ campaignId: campaign.id, isPublished: true });
    const publicList = async () =>
      (await w.t.request({ method: 'GET', url: `/api/public/municipalities/${w.m1}/practices` })).json();
    expect(await publicList()).toEqual([]);
    expectError(
      await w.patch('mgra1', `/api/practices/${p.id}`, { isPublic: true, version: linked.version }),
      403,
    );
    const shown = await w.patch('coord1', `/api/practices/${p.id}`, {
      isPublic: true,
      version: linked.version,
    });
    expect(shown.statusCode, shown.body).toBe(200);
    expect((await publicList()).map((x: { title: string }) => x.title)).toEqual(['Видеоурок по геометрии']);
  });
});

describe('practices(…) in formulas', () => {
  it('counts entries by their status at the end of the period, per author organization', async () => {
    const db = w.t.database.db;
    const [p] = (await w.get('coord1', '/api/practices?status=published&q=математики')).json();
    // The entry was recommended in 2025 and published in 2026.
    await db
      .update(s.practiceTransitions)
      .set({ at: new Date('2025-05-01T10:00:00Z') })
      .where(eq(s.practiceTransitions.practiceId, p.id));
    await db
      .update(s.practiceTransitions)
      .set({ at: new Date('2026-02-01T10:00:00Z') })
      .where(
        and(eq(s.practiceTransitions.practiceId, p.id), eq(s.practiceTransitions.toStatus, 'published')),
      );
    const others = (await w.get('coord1', '/api/practices'))
      .json()
      .filter((x: { id: number }) => x.id !== p.id);
    for (const o of others)
      await db
        .update(s.practiceTransitions)
        .set({ at: new Date('2027-03-01T10:00:00Z') })
        .where(eq(s.practiceTransitions.practiceId, o.id));
    const compute = async (year: number, numerator: string) => {
      const { results, problems } = await computeIndicators({
        db,
        ctx: { municipalityId: w.m1, period: reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, year) },
        indicators: [
          {
            code: 'x',
            name: 'x',
            unit: 'count',
            numerator,
            denominator: null,
            factor: 1,
            direction: 'higher',
            levelHigh: 1,
            levelMedium: 0,
          },
        ],
      });
      expect(problems).toEqual([]);
      return (org: number | null) => results.find((r) => r.organization === org)?.value;
    };
    const published2025 = await compute(2025, 'practices(status = published)');
    expect([published2025(null), published2025(w.a1)]).toEqual([0, 0]);
    const recommended2025 = await compute(2025, 'practices(status = recommended, kind = development)');
    expect([recommended2025(null), recommended2025(w.a1), recommended2025(w.a2)]).toEqual([1, 1, 0]);
    const published2026 = await compute(2026, 'practices(status = published, stage = ooo)');
    expect([published2026(null), published2026(w.a1)]).toEqual([1, 1]);
    const all2027 = await compute(2027, 'practices(status != draft)');
    expect(all2027(null)).toBe(3);
  });
});
