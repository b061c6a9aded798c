import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, expectError, type World } from '../shared/test-world.ts';

/** A fixed «today» before the real date: «в силе» must be on it, not on the database's date. */
const TODAY = '2026-11-01';

let w: World;
let municipalId = 0;
let schoolId = 0;
beforeAll(async () => {
  w = await createWorld({ fixedToday: TODAY });
});
afterAll(() => w.close());

const act = (extra: object = {}) => ({
  kind: 'mentoring',
  number: '112',
  date: '2025-08-29',
  title: 'Об утверждении положения о наставничестве',
  validFrom: '2025-09-01',
  ...extra,
});

describe('normative acts', () => {
  it('a coordinator registers a municipal act (no organization): the municipality is its own', async () => {
    const response = await w.post(
      'coord1',
      '/api/normative-acts',
      act({ url: 'https://rayon.example.ru/npa/112.pdf' }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ municipalityId: w.m1, organizationId: null, isInForce: true });
    municipalId = response.json().id;
    expect((await w.audit('normativeAct', municipalId))[0]).toMatchObject({
      action: 'create',
      userLogin: 'coord1',
    });
  });

  it('an org_manager cannot register a municipal act but registers its own', async () => {
    expectError(
      await w.post('mgra1', '/api/normative-acts', act()),
      403,
      'Записи муниципального уровня ведут администратор и координатор муниципалитета.',
    );
    const own = await w.post('mgra1', '/api/normative-acts', act({ organizationId: w.a1, number: '45-од' }));
    expect(own.statusCode, own.body).toBe(201);
    schoolId = own.json().id;
    expect(own.json().organizationShortName).toBe('Школа А1');
    expectError(await w.post('mgra1', '/api/normative-acts', act({ organizationId: w.a2 })), 403);
  });

  it('validates the link, the kind and the period in Russian', async () => {
    const ftp = await w.post('coord1', '/api/normative-acts', act({ url: 'ftp://files/npa.pdf' }));
    expectError(ftp, 400);
    expect(ftp.json().error.message).toContain(
      '«Ссылка»: укажите адрес страницы, начинающийся с http:// или https://',
    );
    const bad = await w.post('coord1', '/api/normative-acts', act({ kind: 'law', validTo: '2024-01-01' }));
    expectError(bad, 400);
    expect(bad.json().error.message).toContain('«Вид»: допустимые значения — о методических объединениях');
    expectError(
      await w.patch('coord1', `/api/normative-acts/${municipalId}`, { validTo: '2025-01-01', version: 1 }),
      400,
      'Дата окончания не может быть раньше даты начала',
    );
  });

  it('an org_manager reads municipal acts and its own, not another organization’s', async () => {
    const other = await w.post('mgra2', '/api/normative-acts', act({ organizationId: w.a2 }));
    const seen = (await w.get('mgra1', '/api/normative-acts')).json().map((a: { id: number }) => a.id);
    expect(seen.sort()).toEqual([municipalId, schoolId].sort());
    expectError(await w.get('mgra1', `/api/normative-acts/${other.json().id}`), 403);
    expectError(await w.get('mgra1', `/api/normative-acts?organizationId=${w.a2}`), 403);
    expectError(
      await w.patch('mgra1', `/api/normative-acts/${municipalId}`, { title: 'X', version: 1 }),
      403,
    );
    // A coordinator of another municipality sees none of them and changes nothing.
    expect((await w.get('coord2', '/api/normative-acts')).json()).toEqual([]);
    expectError(await w.del('coord2', `/api/normative-acts/${schoolId}`), 403);
  });

  it('filters by level, kind and the date it is in force', async () => {
    const ids = async (query: string) =>
      (await w.get('coord1', `/api/normative-acts?${query}`)).json().map((a: { id: number }) => a.id);
    expect(await ids('level=municipal')).toEqual([municipalId]);
    expect(await ids(`level=organization&organizationId=${w.a1}`)).toEqual([schoolId]);
    expect(await ids('inForceOn=2025-08-31')).toEqual([]);
    expect((await ids('inForceOn=2026-01-01&kind=mentoring')).length).toBe(3);
    expect(await ids('kind=associations')).toEqual([]);
  });

  it('versioned change and delete, both audited', async () => {
    const ok = await w.patch('mgra1', `/api/normative-acts/${schoolId}`, {
      validTo: '2025-12-31',
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().isInForce).toBe(false);
    expectError(await w.patch('coord1', `/api/normative-acts/${schoolId}`, { number: '1', version: 1 }), 409);
    expect((await w.del('mgra1', `/api/normative-acts/${schoolId}`)).statusCode).toBe(200);
    const actions = (await w.audit('normativeAct', schoolId)).map((e) => e.action);
    expect(actions).toEqual(['delete', 'update', 'create']);
  });

  it('is in force on the server’s «today» (config.fixedToday), not on the database’s date', async () => {
    const inForce = async (validFrom: string, validTo: string | null) => {
      const response = await w.post(
        'coord1',
        '/api/normative-acts',
        act({ number: `т-${validFrom}`, validFrom, validTo }),
      );
      expect(response.statusCode, response.body).toBe(201);
      const id = response.json().id;
      const listed = (await w.get('coord1', `/api/normative-acts?q=т-${validFrom}`)).json();
      expect(listed.map((a: { isInForce: boolean }) => a.isInForce)).toEqual([response.json().isInForce]);
      expect((await w.get('coord1', `/api/normative-acts/${id}`)).json().isInForce).toBe(
        response.json().isInForce,
      );
      return response.json().isInForce;
    };
    // From 20.11.2026: not yet on the fixed 01.11.2026, though the real date is past it.
    expect(await inForce('2026-11-20', null)).toBe(false);
    // Until 15.11.2026: still in force on 01.11.2026.
    expect(await inForce('2026-09-01', '2026-11-15')).toBe(true);
  });
});

describe('kinds of acts and the programs they approve', () => {
  let programId = 0;
  let regulationId = 0;
  let conceptId = 0;

  it('registers the положения, the concept and the model as kinds of their own', async () => {
    const regulation = await w.post(
      'coord1',
      '/api/normative-acts',
      act({ kind: 'monitoring_regulation', number: '87', title: 'Об утверждении Положения о мониторинге' }),
    );
    expect(regulation.statusCode, regulation.body).toBe(201);
    regulationId = regulation.json().id;
    const concept = await w.post(
      'coord1',
      '/api/normative-acts',
      act({ kind: 'concept', number: '88', title: 'Концепция МСОКО' }),
    );
    conceptId = concept.json().id;
    for (const kind of ['msoko_regulation', 'vsoko_regulation', 'model', 'order', 'roadmap'])
      expect(
        (await w.post('coord1', '/api/normative-acts', act({ kind, number: kind }))).statusCode,
        kind,
      ).toBe(201);
    expect(
      (await w.get('coord1', '/api/normative-acts?kind=concept')).json().map((a: { id: number }) => a.id),
    ).toEqual([conceptId]);
    const bad = await w.post('coord1', '/api/normative-acts', act({ kind: 'law' }));
    expect(bad.json().error.message).toContain('Положение о мониторинге');
  });

  it('links a program to its approving acts: the program shows them, each act shows the program', async () => {
    const program = await w.post('coord1', '/api/programs/from-template', {
      municipalityId: w.m1,
      templateCode: 'seed-004-myasnikovsky',
    });
    expect(program.statusCode, program.body).toBe(201);
    programId = program.json().id;
    const put = await w.put('coord1', `/api/programs/${programId}/normative-acts`, {
      normativeActIds: [regulationId, conceptId],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().map((a: { kindLabel: string; number: string }) => [a.kindLabel, a.number])).toEqual([
      ['Положение о мониторинге', '87'],
      ['Концепция', '88'],
    ]);
    const tree = (await w.get('coord1', `/api/programs/${programId}`)).json();
    expect(tree.approvingActs.map((a: { id: number }) => a.id)).toEqual([regulationId, conceptId]);
    const read = (await w.get('coord1', `/api/normative-acts/${regulationId}`)).json();
    expect(read.programs).toEqual([{ id: programId, title: program.json().title }]);
    expect((await w.get('coord1', `/api/normative-acts/${municipalId}`)).json().programs).toEqual([]);
  });

  it('takes municipal acts of the program’s municipality only, from its department only', async () => {
    const other = await w.post('coord2', '/api/normative-acts', act({ kind: 'order', number: '9' }));
    expectError(
      await w.put('coord1', `/api/programs/${programId}/normative-acts`, {
        normativeActIds: [other.json().id],
      }),
      400,
      `Утверждающие акты (поле normativeActIds): № ${other.json().id} — не акты муниципального уровня этого муниципалитета.`,
    );
    expectError(
      await w.put('mgra1', `/api/programs/${programId}/normative-acts`, { normativeActIds: [] }),
      403,
    );
    expectError(
      await w.put('coord2', `/api/programs/${programId}/normative-acts`, { normativeActIds: [] }),
      403,
    );
    // Unlinked: the act no longer shows the program.
    const cleared = await w.put('coord1', `/api/programs/${programId}/normative-acts`, {
      normativeActIds: [],
    });
    expect(cleared.json()).toEqual([]);
    expect((await w.get('coord1', `/api/normative-acts/${regulationId}`)).json().programs).toEqual([]);
  });
});
