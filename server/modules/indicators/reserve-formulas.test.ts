import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callKey, collectCalls, parseFormula, type AggregateCallNode } from '../../../core/formula/index.ts';
import { DEFAULT_PROGRAM_PARAMETERS, reportingPeriod } from '../../../core/indicators/period.ts';
import type { Database } from '../../db/client.ts';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher } from '../../seed/factories.ts';
import { createTestDatabase } from '../../test/harness.ts';
import { computeIndicators } from './compute.ts';
import { loadReferenceData, referenceCount } from './reference.ts';
import { testIndicator as indicator } from '../../test/indicators.ts';

/**
 * The кадровый резерв in formulas, on a district built by hand: every expected number is counted from the
 * candidates listed below, and checked on the SQL compiler and on the independent JavaScript count.
 * Period: 2025 (calendar), valued on 2026-01-01.
 */
let database: Database;
const ids = { m: 0, school: 0, kg: 0 };
const period = reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, 2025);

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const m = await createMunicipality(db);
  const other = await createMunicipality(db, { name: 'Соседний район' });
  const school = await createOrganization(db, m.id, { shortName: 'СОШ 1' });
  const kg = await createOrganization(db, m.id, { shortName: 'Д/с 1', kind: 'preschool' });
  const foreignSchool = await createOrganization(db, other.id, { shortName: 'Чужая СОШ' });
  Object.assign(ids, { m: m.id, school: school.id, kg: kg.id });
  const teacher = (org: typeof school, lastName: string) => createTeacher(db, org, { lastName });
  const ta = await teacher(school, 'А');
  const tb = await teacher(school, 'Б');
  const tc = await teacher(school, 'В');
  await teacher(school, 'Г'); // no candidacy
  const td = await teacher(kg, 'Д');
  const tf = await teacher(foreignSchool, 'Ф');
  const kinds = new Map((await db.select().from(s.reservePositionKinds)).map((k) => [k.code, k.id] as const));
  const [psychologist] = await db
    .insert(s.reservePositionKinds)
    .values({ municipalityId: m.id, name: 'педагог-психолог' })
    .returning();
  const order = { orderNumber: '1-к', orderDate: '2023-01-01' };
  await db.insert(s.reserveCandidates).values([
    // 1. In the reserve all the period.
    {
      municipalityId: m.id,
      organizationId: school.id,
      teacherId: ta.id,
      positionKindId: kinds.get('head')!,
      includedDate: '2024-05-01',
      ...order,
    },
    // 2. Appointed in the period.
    {
      municipalityId: m.id,
      organizationId: school.id,
      teacherId: tb.id,
      positionKindId: kinds.get('head')!,
      includedDate: '2024-09-01',
      status: 'appointed',
      decisionDate: '2025-03-01',
      appointedPosition: 'директор',
      ...order,
    },
    // 3. Excluded in the period.
    {
      municipalityId: m.id,
      organizationId: school.id,
      teacherId: tc.id,
      positionKindId: kinds.get('methodist')!,
      includedDate: '2025-02-01',
      status: 'excluded',
      decisionDate: '2025-06-01',
      exclusionReason: 'переезд',
      ...order,
    },
    // 4. Appointed before the period: not of it.
    {
      municipalityId: m.id,
      organizationId: kg.id,
      teacherId: td.id,
      positionKindId: kinds.get('mentor')!,
      includedDate: '2023-01-01',
      status: 'appointed',
      decisionDate: '2024-08-01',
      appointedPosition: 'наставник',
      ...order,
    },
    // 5. From outside, included by the department: the municipal total only.
    {
      municipalityId: m.id,
      organizationId: null,
      fullName: 'Сидорова А. И.',
      positionKindId: kinds.get('methodist')!,
      includedDate: '2025-10-01',
      ...order,
    },
    // 6. Included after the period: not of it.
    {
      municipalityId: m.id,
      organizationId: school.id,
      teacherId: ta.id,
      positionKindId: kinds.get('tutor')!,
      includedDate: '2026-02-01',
      ...order,
    },
    // 7. The municipality's own kind, from outside, proposed by the kindergarten.
    {
      municipalityId: m.id,
      organizationId: kg.id,
      fullName: 'Петрова Е. В.',
      positionKindId: psychologist.id,
      includedDate: '2025-01-15',
      ...order,
    },
    // 8. Another municipality's.
    {
      municipalityId: other.id,
      organizationId: foreignSchool.id,
      teacherId: tf.id,
      positionKindId: kinds.get('head')!,
      includedDate: '2025-01-01',
      ...order,
    },
  ]);
});
afterAll(() => database.close());

/** What each formula counts: the school, the kindergarten, the municipality (candidate numbers above). */
const EXPECTED: [string, number, number, number][] = [
  ['reserve()', 3, 1, 5], // 1 2 3 | 7 | + 5
  ['reserve(inReserve)', 1, 1, 3], // 1 | 7 | + 5
  ['reserve(appointed)', 1, 0, 1], // 2
  ['reserve(excluded)', 1, 0, 1], // 3
  ['reserve(position = head)', 2, 0, 2],
  ['reserve(position = methodist)', 1, 0, 2],
  ['reserve(position != head)', 1, 1, 3], // 3 | 7 | 5
  ['reserve(positionName = "педагог-психолог")', 0, 1, 1],
  ['reserve(fromRegistry)', 3, 0, 3],
  ['reserve(not fromRegistry, inReserve)', 0, 1, 2],
  ['reserve(orgKind = preschool)', 0, 1, 1],
  ['reserve(orgKind != preschool)', 3, 0, 4], // the department's own is of no kind
  ['teachers(reserved)', 3, 0, 3], // А Б В (Д's candidacy ended before the period)
  ['teachers(reserved(position = head, inReserve))', 1, 0, 1], // А
  ['teachers(not reserved)', 1, 1, 2], // Г | Д
];

describe('reserve(…) and teachers(reserved(…))', () => {
  it.each(EXPECTED)('%s: school %i, kindergarten %i, municipality %i', async (formula, school, kg, total) => {
    const { results, problems } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId: ids.m, period },
      indicators: [indicator('X', formula)],
    });
    expect(problems).toEqual([]);
    const value = (org: number | null) => results.find((r) => r.organization === org)!.value;
    expect([value(ids.school), value(ids.kg), value(null)]).toEqual([school, kg, total]);

    // The independent count in JavaScript agrees.
    const data = await loadReferenceData(database.db);
    const parsed = parseFormula(formula);
    if (!parsed.ok) throw new Error(formula);
    const [{ call }] = collectCalls(parsed.ast);
    const c = referenceCount(data, ids.m, period, call as AggregateCallNode);
    expect([c.byOrg.get(ids.school) ?? 0, c.byOrg.get(ids.kg) ?? 0, c.total], callKey(call)).toEqual([
      school,
      kg,
      total,
    ]);
  });

  it('the share appointed within the period and the share of the staff in the reserve', async () => {
    const { results, problems } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId: ids.m, period },
      indicators: [
        indicator('appointed', 'reserve(appointed)', 'reserve()'),
        indicator('staff', 'teachers(reserved(inReserve))', 'teachers()'),
      ],
    });
    expect(problems).toEqual([]);
    const r = (code: string, org: number | null) =>
      results.find((x) => x.indicator === code && x.organization === org)!;
    expect(r('appointed', null)).toMatchObject({ numerator: 1, denominator: 5, value: 20 });
    expect(r('appointed', ids.school)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(r('appointed', ids.school).value).toBeCloseTo(33.33, 1);
    expect(r('appointed', ids.kg)).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    // In the reserve at the end of 2025: А of the school's four; none of the kindergarten's one.
    expect(r('staff', ids.school)).toMatchObject({ numerator: 1, denominator: 4, value: 25 });
    expect(r('staff', null)).toMatchObject({ numerator: 1, denominator: 5, value: 20 });
  });
});
