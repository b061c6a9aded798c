import { eq as sqlEq, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullYearsBetween } from '../../../core/dates.ts';
import { DEFAULT_PROGRAM_PARAMETERS, reportingPeriod } from '../../../core/indicators/period.ts';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher } from '../../seed/factories.ts';
import { createTestDatabase, recordQueries } from '../../test/harness.ts';
import type { Database } from '../../db/client.ts';
import { insertCampaign } from '../campaigns/campaigns.repository.ts';
import type { ComputeContext } from './compiler/context.ts';
import { computeIndicators, type IndicatorDefinition } from './compute.ts';

/**
 * A small district built by hand, where every expected number below is counted by reading the data,
 * independently of the SQL compiler.
 */
let database: Database;
const ids = { m: 0, school: 0, shnor: 0, kg: 0 };
const period = reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, 2025); // 2025, valued on 2026-01-01

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await db.insert(s.deficits).values({ code: 'М-01', area: 'methodical', title: 'Урок' });
  const [provider] = await db.insert(s.providers).values({ name: 'ЦНППМ', kind: 'cnppm' }).returning();
  const m = await createMunicipality(db);
  ids.m = m.id;
  const school = await createOrganization(db, m.id, { shortName: 'СОШ 1' });
  const shnor = await createOrganization(db, m.id, { shortName: 'СОШ 2', isLowResults: true });
  const kg = await createOrganization(db, m.id, { shortName: 'Д/с 1', kind: 'preschool' });
  Object.assign(ids, { school: school.id, shnor: shnor.id, kg: kg.id });

  // School: 4 teachers. A — young (25, started 2024), B — 34, started 2023 (young), C — 50, started 1998,
  // D — left in 2024 (not counted at 2026-01-01).
  const a = await createTeacher(db, school, {
    lastName: 'А',
    birthDate: '2000-05-01',
    pedagogicalStartDate: '2024-09-01',
    subjects: ['математика'],
  });
  const b = await createTeacher(db, school, {
    lastName: 'Б',
    birthDate: '1991-06-15',
    pedagogicalStartDate: '2023-09-01',
    subjects: ['физика'],
  });
  const c = await createTeacher(db, school, {
    lastName: 'В',
    birthDate: '1975-02-02',
    pedagogicalStartDate: '1998-09-01',
    subjects: ['математика'],
  });
  const d = await createTeacher(db, school, {
    lastName: 'Г',
    birthDate: '1980-01-01',
    pedagogicalStartDate: '2005-09-01',
  });
  await db.update(s.positions).set({ endDate: '2024-06-30' }).where(sqlEq(s.positions.teacherId, d.id));
  // ШНОР school: 2 teachers, and C also works there part-time: C counts once at municipal level.
  const e = await createTeacher(db, shnor, {
    lastName: 'Д',
    birthDate: '1990-01-10',
    pedagogicalStartDate: '2021-09-01',
  });
  const f = await createTeacher(db, shnor, {
    lastName: 'Е',
    birthDate: '1966-03-03',
    pedagogicalStartDate: '1988-09-01',
  });
  await db.insert(s.positions).values({
    teacherId: c.id,
    organizationId: shnor.id,
    title: 'учитель',
    isMainJob: false,
    rate: 0.5,
    startDate: '2020-09-01',
  });
  // Kindergarten: 1 educator.
  const g = await createTeacher(db, kg, {
    lastName: 'Ж',
    birthDate: '1985-08-08',
    pedagogicalStartDate: '2010-09-01',
    title: 'воспитатель',
  });

  // Diagnostics in 2025: A municipal with a deficit, C municipal, E regional; F municipal in 2024 (outside).
  await db.insert(s.diagnostics).values([
    {
      teacherId: a.id,
      date: '2025-10-10',
      level: 'municipal',
      instrument: 'РМК',
      areas: ['methodical'],
      deficitCodes: ['М-01'],
    },
    { teacherId: c.id, date: '2025-03-01', level: 'municipal', instrument: 'РМК', areas: ['subject'] },
    { teacherId: e.id, date: '2025-11-11', level: 'regional', instrument: 'ЦНППМ', areas: ['subject'] },
    { teacherId: f.id, date: '2024-10-10', level: 'municipal', instrument: 'РМК' },
  ]);
  // Trainings finished in 2025: B upbringing, F upbringing + quality; G preschool in 2023 (outside the period, inside 3 years).
  await db.insert(s.trainings).values([
    {
      teacherId: b.id,
      type: 'upskilling',
      title: 'Воспитание',
      providerId: provider.id,
      hours: 36,
      startDate: '2025-02-01',
      endDate: '2025-02-20',
      topics: ['upbringing'],
    },
    {
      teacherId: f.id,
      type: 'upskilling',
      title: 'Воспитание и ОКО',
      providerId: provider.id,
      hours: 72,
      startDate: '2025-03-01',
      endDate: '2025-04-01',
      topics: ['upbringing', 'quality_assessment'],
    },
    {
      teacherId: g.id,
      type: 'retraining',
      title: 'ДО',
      hours: 520,
      startDate: '2023-01-01',
      endDate: '2023-06-01',
      topics: ['preschool_quality'],
    },
  ]);
  // Mentoring: program in the school 2024/25; pair C → A.
  const [program] = await db
    .insert(s.mentoringPrograms)
    .values({
      organizationId: school.id,
      title: 'Наставничество 2024/25',
      startDate: '2024-09-01',
      endDate: '2025-08-31',
    })
    .returning();
  await db.insert(s.mentoringPairs).values({
    programId: program.id,
    organizationId: school.id,
    mentorId: c.id,
    menteeId: a.id,
    form: 'педагог — педагог',
    startDate: '2024-09-15',
  });
  // Associations: a municipal RMO (members C and E) and the school's ШМО (member B).
  const [rmo] = await db
    .insert(s.associations)
    .values({
      municipalityId: m.id,
      name: 'РМО математиков',
      level: 'municipal',
      type: 'rmo',
      startDate: '2020-09-01',
    })
    .returning();
  const [shmo] = await db
    .insert(s.associations)
    .values({
      municipalityId: m.id,
      organizationId: school.id,
      name: 'ШМО',
      level: 'institutional',
      type: 'shmo',
      startDate: '2020-09-01',
    })
    .returning();
  await db.insert(s.associationMembers).values([
    { associationId: rmo.id, teacherId: c.id, joinedOn: '2021-09-01' },
    { associationId: rmo.id, teacherId: e.id, joinedOn: '2025-09-01' },
    { associationId: shmo.id, teacherId: b.id, joinedOn: '2023-09-01' },
  ]);
  // A municipal event in 2025 with A and G, a regional one with E.
  const [ev1] = await db
    .insert(s.events)
    .values({
      municipalityId: m.id,
      title: 'Семинар',
      level: 'municipal',
      date: '2025-04-04',
      format: 'offline',
    })
    .returning();
  const [ev2] = await db
    .insert(s.events)
    .values({ municipalityId: m.id, title: 'Форум', level: 'regional', date: '2025-11-15', format: 'online' })
    .returning();
  await db.insert(s.eventParticipations).values([
    { eventId: ev1.id, teacherId: a.id, role: 'participant' },
    { eventId: ev1.id, teacherId: g.id, role: 'speaker' },
    { eventId: ev2.id, teacherId: e.id, role: 'participant' },
  ]);
  // Vacancies: December 2025 snapshot (2 in the ШНОР school), and an older one ignored.
  await db.insert(s.vacancies).values([
    { organizationId: shnor.id, month: '2025-12-01', position: 'учитель', subject: 'физика', count: 2 },
    { organizationId: school.id, month: '2025-06-01', position: 'учитель', count: 5 },
  ]);
  // Acts: a municipal act on mentoring in force, and the school's own (expired one ignored).
  await db.insert(s.normativeActs).values([
    {
      municipalityId: m.id,
      kind: 'mentoring',
      number: '57',
      date: '2024-01-20',
      title: 'О наставничестве',
      validFrom: '2024-01-20',
    },
    {
      municipalityId: m.id,
      organizationId: school.id,
      kind: 'mentoring',
      number: '12-о',
      date: '2024-09-01',
      title: 'Положение',
      validFrom: '2024-09-01',
    },
    {
      municipalityId: m.id,
      organizationId: shnor.id,
      kind: 'mentoring',
      number: '3',
      date: '2020-09-01',
      title: 'Старое',
      validFrom: '2020-09-01',
      validTo: '2023-12-31',
    },
  ]);
});
afterAll(() => database.close());

const indicator = (
  code: string,
  numerator: string,
  denominator: string | null = 'teachers()',
  unit: IndicatorDefinition['unit'] = 'percent',
): IndicatorDefinition => ({
  code,
  name: code,
  unit,
  numerator,
  denominator,
  factor: unit === 'percent' ? 100 : 1,
  direction: 'higher',
  levelHigh: 50,
  levelMedium: 25,
});

async function compute(...definitions: IndicatorDefinition[]) {
  const { results, problems } = await computeIndicators({
    db: database.db,
    ctx: { municipalityId: ids.m, period },
    indicators: definitions,
  });
  expect(problems).toEqual([]);
  return (code: string, org: 'school' | 'shnor' | 'kg' | null) =>
    results.find((r) => r.indicator === code && r.organization === (org === null ? null : ids[org]))!;
}

describe('computing indicators from teacher-level records', () => {
  it('counts teachers at the reference date; a teacher in two organizations counts once for the municipality', async () => {
    const r = await compute(indicator('all', 'teachers()', null, 'count'));
    expect(r('all', 'school').value).toBe(3); // A, B, C (D left)
    expect(r('all', 'shnor').value).toBe(3); // E, F and C part-time
    expect(r('all', 'kg').value).toBe(1);
    expect(r('all', null).value).toBe(6); // A, B, C, E, F, G — not 7
  });

  it('the municipal share is computed over all teachers, not averaged from schools', async () => {
    const r = await compute(indicator('diag', 'teachers(diagnosed(level = municipal))'));
    expect(r('diag', 'school')).toMatchObject({
      numerator: 2,
      denominator: 3,
      value: 66.6667,
      level: 'high',
    }); // A, C
    expect(r('diag', 'shnor')).toMatchObject({
      numerator: 1,
      denominator: 3,
      value: 33.3333,
      level: 'medium',
    }); // C
    expect(r('diag', 'kg')).toMatchObject({ numerator: 0, denominator: 1, value: 0, level: 'low' });
    expect(r('diag', null)).toMatchObject({ numerator: 2, denominator: 6, value: 33.3333 }); // A and C of 6 distinct teachers
  });

  it('young teachers by the program rule (under 35, experience under 3 years at 2026-01-01)', async () => {
    const r = await compute(
      indicator('young', 'teachers(young)', null, 'count'),
      indicator('youngMentee', 'teachers(young, mentee)', 'teachers(young)'),
    );
    expect(r('young', null).value).toBe(2); // A (25, 1 year), B (34, 2 years); E is 35 → not young
    expect(r('youngMentee', 'school')).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(r('youngMentee', 'kg').value).toBeNull(); // no young teachers: no data, not 0 %
  });

  it('experience and age ranges, organization kind and ШНОР', async () => {
    const r = await compute(
      indicator('exp5', 'teachers(experience <= 5)'),
      indicator('age', 'teachers(age >= 50)', null, 'count'),
      indicator('shnorT', 'teachers(lowResults)', null, 'count'),
      indicator('pre', 'teachers(orgKind = preschool)', null, 'count'),
    );
    expect(r('exp5', null)).toMatchObject({ numerator: 3, denominator: 6 }); // A 1, B 2, E 4
    expect(r('age', null).value).toBe(2); // C 50, F 59
    expect(r('shnorT', null).value).toBe(3); // E, F, C
    expect(r('shnorT', 'school').value).toBe(0);
    expect(r('pre', null).value).toBe(1);
  });

  it('training by topic in the period, and a look-back window of years', async () => {
    const r = await compute(
      indicator('upbringing', 'teachers(trained(topic = upbringing))'),
      indicator('retrain3', 'teachers(trained(type = retraining, years = 3))', null, 'count'),
      indicator('cnppm72', 'teachers(trained(provider = cnppm, hours >= 72))', null, 'count'),
    );
    expect(r('upbringing', null)).toMatchObject({ numerator: 2, denominator: 6, value: 33.3333 }); // B, F
    // Not the mean of the organizations' shares (33.3, 33.3, 0 → 22.2).
    const mean =
      (['school', 'shnor', 'kg'] as const).reduce((sum, o) => sum + r('upbringing', o).value!, 0) / 3;
    expect(mean).toBeCloseTo(22.2222, 3);
    expect(r('retrain3', null).value).toBe(1); // G in 2023, within 3 years of 2026-01-01
    expect(r('cnppm72', null).value).toBe(1); // F
  });

  it('membership, events, mentors, deficits', async () => {
    const r = await compute(
      indicator('network', 'teachers(member)'),
      indicator('munEvent', 'teachers(event(level = municipal))', null, 'count'),
      indicator('mentors', 'teachers(mentor)', null, 'count'),
      indicator('deficit', 'teachers(diagnosed(deficit = "М-01"))', null, 'count'),
    );
    expect(r('network', null).numerator).toBe(3); // C, E, B
    expect(r('network', 'shnor').numerator).toBe(2); // E and C (C works there too)
    expect(r('munEvent', null).value).toBe(2); // A, G
    expect(r('mentors', 'school').value).toBe(1);
    expect(r('deficit', null).value).toBe(1);
  });

  it('counts of programs, associations, vacancies and presence of acts', async () => {
    const r = await compute(
      indicator('programs', 'mentoringPrograms()', null, 'count'),
      indicator('assoc', 'associations()', null, 'count'),
      indicator('vac', 'vacancies()', null, 'count'),
      indicator('actMun', 'acts(kind = mentoring, level = municipal)', null, 'presence'),
      indicator('actOrg', 'acts(kind = mentoring, level = organization)', null, 'presence'),
      indicator('staffing', 'positions()', 'positions() + vacancies()'),
    );
    expect(r('programs', 'school').value).toBe(1);
    expect(r('programs', null).value).toBe(1);
    expect(r('assoc', 'school').value).toBe(1); // its ШМО
    expect(r('assoc', null).value).toBe(2); // РМО and ШМО
    expect(r('vac', 'shnor').value).toBe(2);
    expect(r('vac', 'school').value).toBe(0); // June snapshot is not the latest month
    expect(r('vac', null).value).toBe(2);
    expect(r('actMun', 'kg').value).toBe(1); // the municipal act applies to every organization
    expect(r('actOrg', 'school').value).toBe(1);
    expect(r('actOrg', 'shnor').value).toBe(0); // its act expired
    expect(r('staffing', 'shnor')).toMatchObject({ numerator: 3, denominator: 5, value: 60 });
  });

  it('measures positions() in the query of teachers(): one scan of the positions, the same counts', async () => {
    const positions = [
      indicator('pos', 'positions()', null, 'count'),
      indicator('posMain', 'positions(mainJob, orgKind = school)', null, 'count'),
    ];
    const alone = await compute(...positions);
    const recorded = recordQueries(database);
    const together = await compute(indicator('all', 'teachers()', null, 'count'), ...positions).finally(() =>
      recorded.stop(),
    );
    for (const code of ['pos', 'posMain'])
      for (const org of ['school', 'shnor', 'kg', null] as const)
        expect(together(code, org).value, `${code} ${org}`).toBe(alone(code, org).value);
    expect(together('pos', 'shnor').value).toBe(3); // E, F and C's part-time position
    expect(together('pos', null).value).toBe(7); // C's two positions are two
    expect(together('all', null).value).toBe(6);
    expect(recorded.queries.filter((q) => /from positions p/i.test(q))).toHaveLength(1);
  });

  it('applies the young-teacher rule exactly at its boundaries, and the rule is a parameter', async () => {
    const db = database.db;
    const m2 = await createMunicipality(db);
    const org = await createOrganization(db, m2.id);
    await createTeacher(db, org, {
      lastName: '34 года, стаж 2',
      birthDate: '1991-01-02',
      pedagogicalStartDate: '2023-09-01',
    });
    await createTeacher(db, org, {
      lastName: '35 лет в день расчёта',
      birthDate: '1991-01-01',
      pedagogicalStartDate: '2025-09-01',
    }); // 35 on 2026-01-01
    await createTeacher(db, org, {
      lastName: '30 лет, стаж ровно 3',
      birthDate: '1995-05-05',
      pedagogicalStartDate: '2023-01-01',
    });
    await createTeacher(db, org, {
      lastName: '30 лет, стаж 2',
      birthDate: '1995-05-05',
      pedagogicalStartDate: '2023-01-02',
    });
    const young = [indicator('young', 'teachers(young)', null, 'count')];
    const at = (maxAge: number) =>
      computeIndicators({
        db,
        ctx: {
          municipalityId: m2.id,
          period: reportingPeriod({ ...DEFAULT_PROGRAM_PARAMETERS, youngMaxAge: maxAge }, 2025),
        },
        indicators: young,
      });
    const municipal = async (maxAge: number) =>
      (await at(maxAge)).results.find((r) => r.organization === null)!.value;
    expect(await municipal(35)).toBe(2); // «34 года, стаж 2» and «30 лет, стаж 2»
    expect(await municipal(36)).toBe(3);
  });

  it('a month reported as «вакансий нет» (count 0) is the latest snapshot, not a month without a report', async () => {
    const db = database.db;
    const m3 = await createMunicipality(db);
    const org = await createOrganization(db, m3.id);
    const vacancies = [indicator('vac', 'vacancies()', null, 'count')];
    const value = async () =>
      (
        await computeIndicators({ db, ctx: { municipalityId: m3.id, period }, indicators: vacancies })
      ).results.find((r) => r.organization === org.id)!.value;
    await db
      .insert(s.vacancies)
      .values({ organizationId: org.id, month: '2025-11-01', position: 'учитель', count: 3 });
    expect(await value()).toBe(3); // no December report: November is the latest
    await db
      .insert(s.vacancies)
      .values({ organizationId: org.id, month: '2025-12-01', position: 'учитель', count: 0 });
    expect(await value()).toBe(0);
  });

  it('limits the computation to some organizations', async () => {
    const { results } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId: ids.m, period, organizationIds: [ids.school, ids.kg] },
      indicators: [indicator('all', 'teachers()', null, 'count')],
    });
    expect(results.map((x) => [x.organization, x.value])).toEqual([
      [ids.school, 3],
      [ids.kg, 1],
      [null, 4],
    ]);
  });

  it("limits the computation to a campaign's participants as a set the database joins, binding no id per organization", async () => {
    const db = database.db;
    const [program] = await db
      .insert(s.programs)
      .values({ municipalityId: ids.m, title: 'Участники', parameters: DEFAULT_PROGRAM_PARAMETERS })
      .returning();
    const campaignOf = (year: number, organizationIds: number[]) =>
      insertCampaign(
        db,
        {
          municipalityId: ids.m,
          programId: program.id,
          title: `Участники ${year}`,
          year,
          initialStart: '2025-04-01',
          initialEnd: '2025-05-01',
          mainStart: '2025-05-01',
          mainEnd: '2025-06-01',
          finalStart: '2025-06-01',
          finalEnd: '2025-07-10',
        },
        organizationIds,
      );
    const two = await campaignOf(2025, [ids.school, ids.kg]);
    const one = await campaignOf(2024, [ids.school]);
    // Every statement the computation sends, with its parameters.
    const sent: unknown[][] = [];
    const watched = new Proxy(db, {
      get(target, key, receiver) {
        if (key !== 'execute') return Reflect.get(target, key, receiver);
        return (query: SQL) => {
          sent.push(new PgDialect().sqlToQuery(query).params);
          return target.execute(query);
        };
      },
    });
    const indicators = [
      indicator('all', 'teachers()', null, 'count'),
      indicator('acts', 'acts()', null, 'count'),
      indicator('vac', 'vacancies()', null, 'count'),
    ];
    const paramsOf = async (ctx: Partial<ComputeContext>) => {
      sent.length = 0;
      const computed = await computeIndicators({
        db: watched,
        ctx: { municipalityId: ids.m, period, ...ctx },
        indicators,
      });
      return { computed, params: sent.map((p) => [...p]) };
    };
    const byCampaign = await paramsOf({ campaignId: two });
    const byIds = await paramsOf({ organizationIds: [ids.school, ids.kg] });
    expect(byCampaign.computed.results).toEqual(byIds.computed.results);
    expect(byCampaign.computed.organizations.map((o) => o.id)).toEqual([ids.school, ids.kg]);
    expect(
      byCampaign.computed.results.find((r) => r.indicator === 'all' && r.organization === null)!.value,
    ).toBe(4);
    // As many parameters for a campaign of two participants as for one of one: none per organization.
    const byOne = await paramsOf({ campaignId: one });
    expect(byOne.params.map((p) => p.length)).toEqual(byCampaign.params.map((p) => p.length));
    expect(byOne.computed.organizations.map((o) => o.id)).toEqual([ids.school]);
    for (const params of byCampaign.params) expect(params).toContain(two);
    // A list of ids is one array parameter, not one parameter per id.
    const byOneId = await paramsOf({ organizationIds: [ids.school] });
    expect(byOneId.params.map((p) => p.length)).toEqual(byIds.params.map((p) => p.length));
    for (const params of byIds.params) expect(params).toContainEqual([ids.school, ids.kg]);
  });

  it('reports formula errors in Russian instead of computing', async () => {
    const { problems, results } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId: ids.m, period },
      indicators: [indicator('bad', 'teacher(young)')],
    });
    expect(results).toEqual([]);
    expect(problems[0].errors[0].message).toMatch(/Неизвестная функция «teacher»/);
  });
});

describe('age and experience are full years at the reference date', () => {
  // Around the boundaries of 2026-01-01: a birthday on the day and the day after, 29 February, a
  // pedagogical start after the reference date (experience 0, never negative).
  const people = [
    { birthDate: '1991-01-01', start: '2023-01-01' },
    { birthDate: '1991-01-02', start: '2023-01-02' },
    { birthDate: '1996-02-29', start: '2025-12-31' },
    { birthDate: '2000-02-29', start: '2026-01-02' },
    { birthDate: '1976-01-01', start: '2021-01-01' },
    { birthDate: '1975-12-31', start: '2020-12-31' },
    { birthDate: '2004-06-30', start: '2026-09-01' },
  ];
  let municipalityId = 0;
  beforeAll(async () => {
    const m = await createMunicipality(database.db);
    municipalityId = m.id;
    const school = await createOrganization(database.db, m.id, { shortName: 'СОШ краевая' });
    for (const [i, p] of people.entries())
      await createTeacher(database.db, school, {
        lastName: `Граница ${i}`,
        birthDate: p.birthDate,
        pedagogicalStartDate: p.start,
        positionStart: '2019-09-01',
      });
  });

  const ref = period.referenceDate;
  const years = (from: string) => Math.max(0, fullYearsBetween(from, ref));
  const test = (value: number, operator: string, n: number | number[]) => {
    const list = Array.isArray(n) ? n : [n];
    switch (operator) {
      case '<':
        return value < list[0];
      case '<=':
        return value <= list[0];
      case '>':
        return value > list[0];
      case '>=':
        return value >= list[0];
      case '=':
        return value === list[0];
      case '!=':
        return value !== list[0];
      default:
        return list.includes(value);
    }
  };
  const cases: [string, string, number | number[]][] = [];
  for (const operator of ['<', '<=', '>', '>=', '=', '!=']) {
    for (const n of [0, 1, 2, 3, 25, 29, 30, 34, 35, 50]) {
      cases.push(['age', operator, n], ['experience', operator, n]);
    }
  }
  cases.push(['age', 'in', [29, 35]], ['experience', 'in', [0, 3, 5]]);

  it('every comparison counts exactly the teachers whose full years satisfy it', async () => {
    const definitions = cases.map(([filter, operator, n], i) =>
      indicator(
        `c${i}`,
        Array.isArray(n)
          ? `teachers(${filter} in (${n.join(', ')}))`
          : `teachers(${filter} ${operator} ${n})`,
        null,
        'count',
      ),
    );
    const { results, problems } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId, period },
      indicators: definitions,
    });
    expect(problems).toEqual([]);
    cases.forEach(([filter, operator, n], i) => {
      const expected = people.filter((p) =>
        test(filter === 'age' ? fullYearsBetween(p.birthDate, ref) : years(p.start), operator, n),
      ).length;
      const got = results.find((r) => r.indicator === `c${i}` && r.organization === null)!.value;
      expect({ filter, operator, n, got }).toEqual({ filter, operator, n, got: expected });
    });
  });

  it('the young-teacher rule of the program uses the same full years', async () => {
    const { results } = await computeIndicators({
      db: database.db,
      ctx: { municipalityId, period },
      indicators: [indicator('young', 'teachers(young)', null, 'count')],
    });
    const { maxAge, maxExperience } = period.youngRule;
    const expected = people.filter(
      (p) => fullYearsBetween(p.birthDate, ref) < maxAge && years(p.start) < maxExperience,
    ).length;
    expect(results.find((r) => r.organization === null)!.value).toBe(expected);
  });
});
