import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnostics, trainings } from '../../../db/schema/index.ts';
import { createWorld, expectError, type World } from '../shared/test-world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

describe('training providers', () => {
  let id = 0;

  it('every logged-in user reads the catalog; anonymous is refused', async () => {
    expect((await w.get('teachera1', '/api/providers')).statusCode).toBe(200);
    expect((await w.t.request({ method: 'GET', url: '/api/providers' })).statusCode).toBe(401);
  });

  it('a coordinator adds a provider; the list and the audit show it', async () => {
    const response = await w.post('coord1', '/api/providers', {
      name: 'ЦНППМ Ростовской области',
      kind: 'cnppm',
    });
    expect(response.statusCode, response.body).toBe(201);
    id = response.json().id;
    expect(response.json()).toMatchObject({
      name: 'ЦНППМ Ростовской области',
      kind: 'cnppm',
      trainingCount: 0,
      version: 1,
    });
    const list = await w.get('mgra1', '/api/providers?kind=cnppm');
    expect(list.headers['x-total-count']).toBe('1');
    expect(list.json()[0].name).toBe('ЦНППМ Ростовской области');
    const [entry] = await w.audit('provider', id);
    expect(entry).toMatchObject({ action: 'create', userLogin: 'coord1' });
    expect(entry.summary).toBe(
      'Добавлено: организация, проводящая обучение, «ЦНППМ Ростовской области» (ЦНППМ)',
    );
  });

  it('validates with Russian messages and refuses a duplicate name', async () => {
    const bad = await w.post('coord1', '/api/providers', { name: '', kind: 'university' });
    expectError(bad, 400);
    expect(bad.json().error.message).toContain('«Наименование»: обязательное поле');
    expect(bad.json().error.message).toContain('«Тип»: допустимые значения — ЦНППМ, ИРО / РИПК');
    expectError(
      await w.post('root', '/api/providers', { name: 'цнппм ростовской области', kind: 'iro' }),
      409,
      'Организация «цнппм ростовской области» уже есть в справочнике.',
    );
  });

  it('an org_manager or a teacher cannot change the catalog', async () => {
    expectError(
      await w.post('mgra1', '/api/providers', { name: 'Своя', kind: 'other' }),
      403,
      'Справочники ведут администратор и муниципальный координатор.',
    );
    expectError(await w.patch('teachera1', `/api/providers/${id}`, { name: 'X', version: 1 }), 403);
  });

  it('PATCH needs the current version', async () => {
    const ok = await w.patch('coord1', `/api/providers/${id}`, { name: 'ЦНППМ РО', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(2);
    const stale = await w.patch('coord1', `/api/providers/${id}`, { name: 'Другое', version: 1 });
    expectError(stale, 409);
    expect(stale.json().error.code).toBe('version_conflict');
    const [entry] = await w.audit('provider', id);
    expect(entry).toMatchObject({
      action: 'update',
      before: { name: 'ЦНППМ Ростовской области' },
      after: { name: 'ЦНППМ РО' },
    });
  });

  it('a provider in use cannot be deleted; an unused one can', async () => {
    await w.t.database.db.insert(trainings).values({
      teacherId: w.teachers.a1[0],
      type: 'upskilling',
      title: 'Функциональная грамотность',
      providerId: id,
      hours: 36,
      startDate: '2025-10-01',
      endDate: '2025-10-20',
    });
    expectError(
      await w.del('coord1', `/api/providers/${id}`),
      409,
      'Организацию «ЦНППМ РО» удалить нельзя: она указана в 1 записи об обучении педагогов. Сначала измените эти записи.',
    );
    const spare = (await w.post('coord1', '/api/providers', { name: 'Учебный центр', kind: 'other' })).json();
    const removed = await w.del('coord1', `/api/providers/${spare.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expectError(await w.get('coord1', `/api/providers/${spare.id}`), 404);
    expect((await w.audit('provider', spare.id))[0].action).toBe('delete');
  });
});

describe('deficits catalog', () => {
  it('a coordinator adds a deficit; everyone reads it', async () => {
    const created = await w.post('coord1', '/api/deficits', {
      code: 'М-06',
      area: 'methodical',
      title: 'Работа с текстом на уроке',
    });
    expect(created.statusCode, created.body).toBe(201);
    const list = await w.get('teachera1', '/api/deficits?area=methodical');
    expect(list.json().map((d: { code: string }) => d.code)).toEqual(['М-06']);
    expect((await w.audit('deficit', 'М-06'))[0].action).toBe('create');
  });

  it('validates the code and refuses a duplicate', async () => {
    const bad = await w.post('coord1', '/api/deficits', {
      code: 'плохой код',
      area: 'methodical',
      title: 'Т',
    });
    expectError(bad, 400);
    expect(bad.json().error.message).toContain('«Код»: буквы, дефис и номер, например М-06');
    expectError(
      await w.post('coord1', '/api/deficits', { code: 'М-06', area: 'subject', title: 'Другое' }),
      409,
      'Дефицит с кодом «М-06» уже есть в справочнике.',
    );
  });

  it('an org_manager cannot edit; a coordinator edits the title', async () => {
    expectError(await w.patch('mgra1', '/api/deficits/М-06', { title: 'X', version: 1 }), 403);
    const ok = await w.patch('coord1', `/api/deficits/${encodeURIComponent('М-06')}`, {
      title: 'Смысловое чтение',
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ title: 'Смысловое чтение', version: 2, municipalityId: w.m1 });
  });

  it('an edit needs the current version: a stale one is refused and nothing is overwritten', async () => {
    const url = `/api/deficits/${encodeURIComponent('М-06')}`;
    const missing = await w.patch('coord1', url, { title: 'Без версии' });
    expectError(missing, 400);
    expect(missing.json().error.message).toContain('«Версия записи»: обязательное поле');
    const stale = await w.patch('coord1', url, { title: 'Устаревшее', version: 1 });
    expectError(stale, 409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect((await w.get('coord1', url)).json().title).toBe('Смысловое чтение');
  });

  it('a deficit found by a diagnostic cannot be deleted', async () => {
    await w.t.database.db.insert(diagnostics).values({
      teacherId: w.teachers.a1[0],
      date: '2025-11-01',
      level: 'municipal',
      instrument: 'Диагностика методических компетенций',
      deficitCodes: ['М-06'],
    });
    expectError(
      await w.del('coord1', `/api/deficits/${encodeURIComponent('М-06')}`),
      409,
      'Дефицит М-06 удалить нельзя: он указан в 1 диагностике. Измените его название вместо удаления.',
    );
    await w.post('coord1', '/api/deficits', { code: 'О-09', area: 'assessment', title: 'Лишний' });
    expect((await w.del('coord1', `/api/deficits/${encodeURIComponent('О-09')}`)).statusCode).toBe(200);
    expectError(
      await w.get('coord1', `/api/deficits/${encodeURIComponent('О-09')}`),
      404,
      'Дефицит не найден(а).',
    );
  });
});

describe('catalog ownership', () => {
  const code = (c: string) => `/api/deficits/${encodeURIComponent(c)}`;
  let own = 0;
  let shared = 0;
  beforeAll(async () => {
    own = (
      await w.post('coord1', '/api/providers', { name: 'Методический центр района 1', kind: 'other' })
    ).json().id;
    const created = await w.post('root', '/api/providers', { name: 'Общий ИРО', kind: 'iro' });
    expect(created.json().municipalityId).toBeNull();
    shared = created.json().id;
    await w.post('coord1', '/api/deficits', { code: 'П-41', area: 'subject', title: 'Свой дефицит' });
    await w.post('root', '/api/deficits', { code: 'П-42', area: 'subject', title: 'Общий дефицит' });
  });

  it('an entry belongs to the municipality of the coordinator who added it', async () => {
    expect((await w.get('teachera1', `/api/providers/${own}`)).json().municipalityId).toBe(w.m1);
    expect((await w.get('coord2', code('П-41'))).json().municipalityId).toBe(w.m1);
  });

  it('a coordinator of another municipality cannot rename or delete it', async () => {
    const message = 'Эту запись справочника ведёт отдел образования другого муниципалитета.';
    expectError(
      await w.patch('coord2', `/api/providers/${own}`, { name: 'Чужое', version: 1 }),
      403,
      message,
    );
    expectError(await w.del('coord2', `/api/providers/${own}`), 403, message);
    expectError(await w.patch('coord2', code('П-41'), { title: 'Чужое', version: 1 }), 403, message);
    expectError(await w.del('coord2', code('П-41')), 403, message);
    expect((await w.get('coord1', `/api/providers/${own}`)).json().name).toBe('Методический центр района 1');
    expect((await w.get('coord1', code('П-41'))).json().title).toBe('Свой дефицит');
  });

  it('a coordinator cannot add an entry for another municipality', async () => {
    expectError(
      await w.post('coord2', '/api/providers', { name: 'Подложный', kind: 'other', municipalityId: w.m1 }),
      403,
    );
    expectError(
      await w.post('coord2', '/api/deficits', {
        code: 'П-43',
        area: 'subject',
        title: 'Подложный',
        municipalityId: null,
      }),
      403,
      'Общие записи справочников (без муниципалитета) ведёт администратор системы.',
    );
  });

  it('system-wide entries are kept by a system administrator only', async () => {
    const message = 'Общие записи справочников (без муниципалитета) ведёт администратор системы.';
    expectError(
      await w.patch('coord1', `/api/providers/${shared}`, { name: 'Переименован', version: 1 }),
      403,
      message,
    );
    expectError(await w.del('coord1', code('П-42')), 403, message);
    const ok = await w.patch('root', `/api/providers/${shared}`, { name: 'ИРО области', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    const foreign = await w.patch('root', code('П-41'), { title: 'Поправлено', version: 1 });
    expect(foreign.statusCode, foreign.body).toBe(200);
    expect((await w.del('root', `/api/providers/${own}`)).statusCode).toBe(200);
  });
});
