import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callKey, collectCalls, parseFormula, type AggregateCallNode } from '../../../core/formula/index.ts';
import { DEFAULT_PROGRAM_PARAMETERS, reportingPeriod } from '../../../core/indicators/period.ts';
import { zhirnovsky } from '../../../core/templates/zhirnovsky-002.ts';
import type { Database } from '../../db/client.ts';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher } from '../../seed/factories.ts';
import { createTestDatabase } from '../../test/harness.ts';
import { computeIndicators } from './compute.ts';
import { loadReferenceData, referenceCount } from './reference.ts';
import { testIndicator as indicator } from '../../test/indicators.ts';

/**
 * Seed 002's «обеспечение ЦНППМ кураторами индивидуальных маршрутов и тьюторами» on a district built by hand:
 * routes whose curator and tutor are people of the register of the methodical service, routes with names
 * typed before the register, no route. Period: 2025 (calendar).
 */
let database: Database;
const ids = { m: 0, school: 0, kg: 0 };
const period = reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, 2025);

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const m = await createMunicipality(db);
  const school = await createOrganization(db, m.id, { shortName: 'СОШ 1' });
  const kg = await createOrganization(db, m.id, { shortName: 'Д/с 1', kind: 'preschool' });
  Object.assign(ids, { m: m.id, school: school.id, kg: kg.id });
  const [curator, tutor] = await db
    .insert(s.methodicalSpecialists)
    .values([
      { municipalityId: m.id, fullName: 'Куратова Ольга Викторовна', roles: ['cnppm_curator'] },
      { municipalityId: m.id, fullName: 'Тьюторова Анна Сергеевна', roles: ['tutor'] },
    ])
    .returning();
  const teacher = (org: typeof school, lastName: string) => createTeacher(db, org, { lastName });
  const a = await teacher(school, 'А');
  const b = await teacher(school, 'Б');
  const c = await teacher(school, 'В');
  await teacher(school, 'Г'); // no route
  const e = await teacher(kg, 'Д');
  const f = await teacher(kg, 'Е');
  const period2025 = { startDate: '2025-02-01', endDate: '2025-12-31' };
  await db.insert(s.routes).values([
    // А: curator and tutor from the register — counted.
    { teacherId: a.id, ...period2025, curatorId: curator.id, tutorId: tutor.id },
    // Б: a registered curator, the tutor typed by name — not counted.
    { teacherId: b.id, ...period2025, curatorId: curator.id, tutorName: 'Иванова И. И.' },
    // В: both typed by name, before the register — not counted, though «with a curator».
    { teacherId: c.id, ...period2025, curatorName: 'Петрова П. П.', tutorName: 'Сидорова С. С.' },
    // Д: both from the register — counted.
    { teacherId: e.id, ...period2025, curatorId: curator.id, tutorId: tutor.id },
    // Е: both from the register, but the route ended before the period — not of it.
    {
      teacherId: f.id,
      startDate: '2024-01-01',
      endDate: '2024-12-31',
      curatorId: curator.id,
      tutorId: tutor.id,
    },
  ]);
});
afterAll(() => database.close());

/** What each formula counts: the school, the kindergarten, the municipality (teachers above). */
const EXPECTED: [string, number, number, number][] = [
  ['teachers(route)', 3, 1, 4], // А Б В | Д
  ['teachers(route(curator))', 3, 1, 4], // a name typed counts as a curator
  ['teachers(route(registeredCurator))', 2, 1, 3], // А Б | Д
  ['teachers(route(registeredTutor))', 1, 1, 2], // А | Д
  ['teachers(route(registeredCurator, registeredTutor))', 1, 1, 2], // А | Д
  ['teachers(route(not registeredTutor))', 2, 0, 2], // Б В
];

describe('route(registeredCurator, registeredTutor)', () => {
  it.each(EXPECTED)('%s: school %i, kindergarten %i, municipality %i', async (formula, school, kg, total) => {
    const { results, problems } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId: ids.m, period },
      indicators: [indicator('X', formula)],
    });
    expect(problems).toEqual([]);
    const value = (org: number | null) => results.find((r) => r.organization === org)!.value;
    expect([value(ids.school), value(ids.kg), value(null)]).toEqual([school, kg, total]);

    const data = await loadReferenceData(database.db);
    const parsed = parseFormula(formula);
    if (!parsed.ok) throw new Error(formula);
    const [{ call }] = collectCalls(parsed.ast);
    const count = referenceCount(data, ids.m, period, call as AggregateCallNode);
    expect(
      [count.byOrg.get(ids.school) ?? 0, count.byOrg.get(ids.kg) ?? 0, count.total],
      callKey(call),
    ).toEqual([school, kg, total]);
  });

  it('seed 002 indicator 3 is the share of teachers with ИОМ whose curator and tutor are from the register', async () => {
    const template = zhirnovsky.criteria.flatMap((c) => c.indicators).find((i) => i.code === '3')!;
    expect(template.numerator).toBe('teachers(route(registeredCurator, registeredTutor))');
    const { results, problems } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId: ids.m, period },
      indicators: [indicator('3', template.numerator, template.denominator)],
    });
    expect(problems).toEqual([]);
    const r = (org: number | null) => results.find((x) => x.organization === org)!;
    expect(r(null)).toMatchObject({ numerator: 2, denominator: 4, value: 50 });
    expect(r(ids.school)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(r(ids.school).value).toBeCloseTo(33.33, 1);
    expect(r(ids.kg)).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
  });
});
