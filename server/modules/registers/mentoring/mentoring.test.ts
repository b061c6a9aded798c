import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, expectError, type World } from '../shared/test-world.ts';

let w: World;
let programId = 0;
let pairId = 0;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

const pair = (extra: object = {}) => ({
  organizationId: w.a1,
  programId,
  mentorId: w.teachers.a1[0],
  menteeId: w.teachers.a1[1],
  form: 'педагог — педагог',
  startDate: '2025-09-01',
  ...extra,
});

describe('mentoring programs', () => {
  it('an org_manager adds its program; another organization’s manager cannot see or change it', async () => {
    const created = await w.post('mgra1', '/api/mentoring-programs', {
      organizationId: w.a1,
      title: 'Программа наставничества на 2025/2026 учебный год',
      startDate: '2025-09-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    programId = created.json().id;
    expect(created.json()).toMatchObject({ organizationShortName: 'Школа А1', pairCount: 0 });
    expectError(await w.get('mgra2', `/api/mentoring-programs/${programId}`), 403);
    expectError(await w.get('mgra2', `/api/mentoring-programs?organizationId=${w.a1}`), 403);
    expectError(
      await w.patch('mgra2', `/api/mentoring-programs/${programId}`, { title: 'X', version: 1 }),
      403,
    );
    expectError(
      await w.post('mgra2', '/api/mentoring-programs', {
        organizationId: w.a1,
        title: 'X',
        startDate: '2025-09-01',
      }),
      403,
      'Нет прав изменять данные этой организации.',
    );
    expect((await w.get('mgra2', '/api/mentoring-programs')).json()).toEqual([]);
    expect((await w.get('coord2', '/api/mentoring-programs')).json()).toEqual([]);
    expect((await w.audit('mentoringProgram', programId))[0].action).toBe('create');
  });

  it('Russian validation messages', async () => {
    const bad = await w.post('mgra1', '/api/mentoring-programs', {
      organizationId: w.a1,
      title: '',
      startDate: '31.02.2025',
      endDate: '2024-01-01',
    });
    expectError(bad, 400);
    expect(bad.json().error.message).toContain('«Название»: обязательное поле');
    expect(bad.json().error.message).toContain(
      '«Начало»: некорректная дата (нужна дата в формате дд.мм.гггг)',
    );
  });
});

describe('mentoring pairs', () => {
  it('a pair of two teachers of the organization, with names in the row', async () => {
    const created = await w.post('mgra1', '/api/mentoring-pairs', pair());
    expect(created.statusCode, created.body).toBe(201);
    pairId = created.json().id;
    expect(created.json()).toMatchObject({
      mentorName: 'Алексеева Мария Петровна',
      menteeName: 'Андреев Мария Петровна',
      programTitle: 'Программа наставничества на 2025/2026 учебный год',
    });
    expect((await w.get('coord1', `/api/mentoring-programs/${programId}`)).json().pairCount).toBe(1);
    const [entry] = await w.audit('mentoringPair', pairId);
    expect(entry.summary).toBe(
      'Добавлено: пара «Алексеева Мария Петровна — Андреев Мария Петровна» (педагог — педагог) с 01.09.2025, Школа А1',
    );
  });

  it('the mentee must work in the organization; the mentor may come from the municipality, not beyond', async () => {
    expectError(
      await w.post('mgra1', '/api/mentoring-pairs', pair({ menteeId: w.teachers.a2[0] })),
      400,
      'Борисова Мария Петровна не работает в этой организации: наставляемый должен быть её педагогом.',
    );
    const fromA2 = await w.post('mgra1', '/api/mentoring-pairs', pair({ mentorId: w.teachers.a2[0] }));
    expect(fromA2.statusCode, fromA2.body).toBe(201);
    expectError(
      await w.post('mgra1', '/api/mentoring-pairs', pair({ mentorId: w.teachers.b1[0] })),
      400,
      'Наставник — педагог другого муниципалитета.',
    );
    expectError(
      await w.post('mgra1', '/api/mentoring-pairs', pair({ mentorId: w.teachers.a1[1] })),
      400,
      /Наставник и наставляемый — разные люди/,
    );
  });

  it('the program must be of the same organization', async () => {
    const other = await w.post('mgra2', '/api/mentoring-programs', {
      organizationId: w.a2,
      title: 'Другая программа',
      startDate: '2025-09-01',
    });
    expectError(
      await w.post('mgra1', '/api/mentoring-pairs', pair({ programId: other.json().id })),
      400,
      'Программа наставничества относится к другой организации.',
    );
  });

  it('filters by teacher (mentor or mentee) and stays inside the organization for an org_manager', async () => {
    const asMentee = await w.get('coord1', `/api/mentoring-pairs?teacherId=${w.teachers.a1[1]}`);
    expect(asMentee.headers['x-total-count']).toBe('2');
    const asMentor = await w.get('coord1', `/api/mentoring-pairs?teacherId=${w.teachers.a2[0]}`);
    expect(asMentor.json().map((p: { organizationShortName: string }) => p.organizationShortName)).toEqual([
      'Школа А1',
    ]);
    expect((await w.get('mgra2', `/api/mentoring-pairs?teacherId=${w.teachers.a2[0]}`)).json()).toEqual([]);
    expectError(await w.patch('mgra2', `/api/mentoring-pairs/${pairId}`, { outcome: 'X', version: 1 }), 403);
    expectError(await w.del('coord2', `/api/mentoring-pairs/${pairId}`), 403);
  });

  it('versioned update and delete, audited', async () => {
    const ok = await w.patch('mgra1', `/api/mentoring-pairs/${pairId}`, {
      endDate: '2026-05-31',
      outcome: 'Наставляемый провёл открытый урок',
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expectError(await w.patch('coord1', `/api/mentoring-pairs/${pairId}`, { outcome: 'Y', version: 1 }), 409);
    expectError(
      await w.patch('coord1', `/api/mentoring-pairs/${pairId}`, { endDate: '2025-01-01', version: 2 }),
      400,
      'Дата окончания не может быть раньше даты начала',
    );
    expect((await w.del('mgra1', `/api/mentoring-pairs/${pairId}`)).statusCode).toBe(200);
    expect((await w.audit('mentoringPair', pairId)).map((e) => e.action)).toEqual([
      'delete',
      'update',
      'create',
    ]);
  });
});
