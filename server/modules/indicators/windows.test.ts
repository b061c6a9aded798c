import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportingPeriod } from '../../../core/indicators/period.ts';
import { findTemplate } from '../../../core/templates/index.ts';
import * as s from '../../db/schema/index.ts';
import type { Database } from '../../db/client.ts';
import { createMunicipality, createOrganization, createTeacher } from '../../seed/factories.ts';
import { createTestDatabase } from '../../test/harness.ts';
import { computeIndicators } from './compute.ts';

/**
 * The look-back window `years = N` at its exact boundary days, and the seed templates' shares computed on
 * a hand-built district where every expected count is read off the rows below. Eight teachers in one school:
 * M1–M4 directors, T1–T4 teachers.
 */
let database: Database;
let municipalityId = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await db.insert(s.deficits).values({ code: 'М-01', area: 'methodical', title: 'Урок' });
  const m = await createMunicipality(db);
  municipalityId = m.id;
  const school = await createOrganization(db, m.id, { shortName: 'СОШ 1' });
  const teacher = (lastName: string, isManager = false) =>
    createTeacher(db, school, { lastName, isManager, pedagogicalStartDate: '2010-09-01' });
  const [m1, m2, m3] = [await teacher('М1', true), await teacher('М2', true), await teacher('М3', true)];
  await teacher('М4', true);
  const [t1, t2, t3, t4] = [
    await teacher('Т1'),
    await teacher('Т2'),
    await teacher('Т3'),
    await teacher('Т4'),
  ];
  const training = (
    teacherId: number,
    endDate: string,
    type: 'upskilling' | 'retraining' = 'upskilling',
  ) => ({
    teacherId,
    type,
    title: 'Курсы',
    hours: 36,
    startDate: '2020-01-01',
    endDate,
    topics: [],
  });
  // Хорольский 4.1 on 01.01.2026: M1 ended exactly three years before (counts), M2 a day earlier (does not),
  // M3 on the reference date itself (counts).
  await db
    .insert(s.trainings)
    .values([
      training(m1.id, '2023-01-01'),
      training(m2.id, '2022-12-31'),
      training(m3.id, '2026-01-01'),
      training(t1.id, '2026-05-15', 'retraining'),
      training(t2.id, '2026-05-16', 'retraining'),
    ]);
  const diagnosis = async (teacherId: number, date: string) => {
    const [d] = await db
      .insert(s.diagnostics)
      .values({ teacherId, date, level: 'municipal', instrument: 'РМК', deficitCodes: ['М-01'] })
      .returning();
    return d.id;
  };
  // Diagnostics with deficits: T1 01.01.2024, T2 31.12.2023, T3 01.06.2025 (no route), T4 15.05.2024.
  const d1 = await diagnosis(t1.id, '2024-01-01');
  const d2 = await diagnosis(t2.id, '2023-12-31');
  await diagnosis(t3.id, '2025-06-01');
  const d4 = await diagnosis(t4.id, '2024-05-15');
  await db.insert(s.routes).values([
    { teacherId: t1.id, diagnosticId: d1, startDate: '2025-02-01', endDate: '2025-12-31' },
    { teacherId: t2.id, diagnosticId: d2, startDate: '2025-03-01', endDate: '2025-10-31' },
    { teacherId: t4.id, diagnosticId: d4, startDate: '2025-09-01', endDate: '2026-06-30' },
  ]);
  // Егорлыкский #4, academic year 2025/26: T1 first category, T2 refused, T3 compliance, M1 highest on its last day.
  await db.insert(s.certifications).values([
    { teacherId: t1.id, date: '2025-10-01', result: 'first' },
    { teacherId: t2.id, date: '2025-11-01', result: 'refused' },
    { teacherId: t3.id, date: '2026-03-01', result: 'compliance' },
    { teacherId: m1.id, date: '2026-08-31', result: 'highest' },
  ]);
});
afterAll(() => database.close());

/** One indicator of a seed template computed for the municipality in a year. */
async function templateIndicator(templateCode: string, indicatorCode: string, year: number) {
  const template = findTemplate(templateCode)!;
  const i = template.criteria.flatMap((c) => c.indicators).find((x) => x.code === indicatorCode)!;
  const { results, problems } = await computeIndicators({
    db: database.db,
    ctx: { municipalityId, period: reportingPeriod(template.parameters, year) },
    indicators: [
      {
        code: i.code,
        name: i.name,
        unit: i.unit,
        numerator: i.numerator,
        denominator: i.denominator ?? null,
        factor: i.factor ?? 1,
        direction: i.direction ?? 'higher',
        levelHigh: i.levelHigh ?? null,
        levelMedium: i.levelMedium ?? null,
      },
    ],
  });
  expect(problems).toEqual([]);
  const r = results.find((x) => x.organization === null)!;
  return { numerator: r.numerator, denominator: r.denominator, value: r.value };
}

describe('years = N includes the day N years before the reference date', () => {
  it('Хорольский 4.1 on 01.01.2026: trainings that ended from 01.01.2023 to 01.01.2026', async () => {
    expect(await templateIndicator('seed-003-khorolsky', '4.1', 2025)).toEqual({
      numerator: 2, // M1 (01.01.2023), M3 (01.01.2026); not M2 (31.12.2022)
      denominator: 4,
      value: 50,
    });
  });
});

describe('a share never counts in its numerator those outside its denominator', () => {
  it('Хорольский 1.2 on 01.01.2026: routes of the teachers diagnosed from 01.01.2024', async () => {
    // Diagnosed within two years: T1 (01.01.2024, the boundary day), T3, T4; T2 (31.12.2023) is outside,
    // and its route does not count either.
    expect(await templateIndicator('seed-003-khorolsky', '1.2', 2025)).toEqual({
      numerator: 2, // T1, T4
      denominator: 3,
      value: 66.6667,
    });
  });
  it('Жирновский #2 on 15.05.2026: diagnosed from 15.05.2024; the period ends on the reference date', async () => {
    expect(await templateIndicator('seed-002-zhirnovsky', '2', 2026)).toEqual({
      numerator: 1, // T4 (diagnosed 15.05.2024, the boundary day, route in the period)
      denominator: 2, // T3, T4
      value: 50,
    });
    // Retraining: T1 ended on 15.05.2026 (counts), T2 on 16.05.2026 — after the value «на 15.05».
    expect(await templateIndicator('seed-002-zhirnovsky', '5', 2026)).toMatchObject({ numerator: 1 });
  });
  it('Егорлыкский #4: only certifications that gave a category', async () => {
    expect(await templateIndicator('seed-001-egorlyksky', '4', 2026)).toEqual({
      numerator: 2, // T1 first, M1 highest on 31.08.2026; not T2 refused, not T3 compliance
      denominator: 8,
      value: 25,
    });
  });
});
