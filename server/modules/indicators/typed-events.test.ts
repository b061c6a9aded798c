import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectCalls, parseFormula, type AggregateCallNode } from '../../../core/formula/index.ts';
import { DEFAULT_PROGRAM_PARAMETERS, reportingPeriod } from '../../../core/indicators/period.ts';
import { ensureCatalogs } from '../../seed/demo.ts';
import { createTeacher } from '../../seed/factories.ts';
import { testIndicator as indicator } from '../../test/indicators.ts';
import { createWorld, expectError, type World } from '../registers/shared/test-world.ts';
import { computeIndicators } from './compute.ts';
import { loadReferenceData, referenceCount } from './reference.ts';

/**
 * Typed events and trainings (issue 14, point 3): an event's kind and the deficits it addresses, a
 * training's format and deficits, kept through the API (unknown deficit codes refused) and counted by the
 * formula filters — seed 000's 3.3 «доля открытых уроков, проведённых молодыми педагогами» from records.
 */
let w: World;
const period = reportingPeriod(DEFAULT_PROGRAM_PARAMETERS, 2025);
const day = (offset: number) => {
  const d = new Date(`${period.start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const ids = { young: 0, veteran: 0, veteranA2: 0 };

beforeAll(async () => {
  w = await createWorld();
  const db = w.t.database.db;
  await ensureCatalogs(db);
  const a1 = { id: w.a1, municipalityId: w.m1 };
  const a2 = { id: w.a2, municipalityId: w.m1 };
  // Young by the default rule at the reference date (under 35, under 3 years of experience), and not.
  const youngStart = `${Number(period.referenceDate.slice(0, 4)) - 1}-09-01`;
  const people = [
    {
      key: 'young',
      org: a1,
      lastName: 'Молодцова',
      birthDate: '2000-03-01',
      pedagogicalStartDate: youngStart,
    },
    {
      key: 'veteran',
      org: a1,
      lastName: 'Старова',
      birthDate: '1970-03-01',
      pedagogicalStartDate: '1995-09-01',
    },
    {
      key: 'veteranA2',
      org: a2,
      lastName: 'Опытнова',
      birthDate: '1975-03-01',
      pedagogicalStartDate: '2000-09-01',
    },
  ] as const;
  for (const { key, org, ...person } of people) ids[key] = (await createTeacher(db, org, person)).id;
}, 120_000);
afterAll(() => w.close());

async function openLesson(who: string, organizationId: number, speaker: number, offset: number) {
  const created = await w.post(who, '/api/events', {
    title: `Открытый урок ${offset}`,
    level: 'institutional',
    organizationId,
    date: day(offset),
    format: 'offline',
    type: 'open_lesson',
  });
  expect(created.statusCode, created.body).toBe(201);
  const added = await w.post(who, `/api/events/${created.json().id}/participants`, {
    teacherIds: [speaker],
    role: 'speaker',
  });
  expect(added.statusCode, added.body).toBe(201);
  return created.json().id as number;
}

describe('typed events and trainings', () => {
  it('keeps an event’s kind and deficits, and refuses a deficit not in the catalog naming the field', async () => {
    const seminarOf = (overrides: Record<string, unknown>) =>
      w.post('coord1', '/api/events', {
        title: 'Семинар',
        level: 'municipal',
        date: day(10),
        format: 'online',
        type: 'seminar',
        ...overrides,
      });
    const bad = await seminarOf({ deficitCodes: ['Х-99'] });
    expectError(bad, 400);
    expect(bad.json().error.message).toBe(
      '«Дефициты, на которые направлено (коды)»: дефицита с кодом «Х-99» нет в справочнике дефицитов',
    );
    const wrongKind = await seminarOf({ type: 'lecture' });
    expectError(wrongKind, 400);
    expect(wrongKind.json().error.message).toContain(
      '«Вид мероприятия»: допустимые значения — семинар, вебинар',
    );
    const seminar = await seminarOf({
      title: 'Семинар по функциональной грамотности',
      deficitCodes: ['М-02'],
    });
    expect(seminar.statusCode, seminar.body).toBe(201);
    expect(seminar.json()).toMatchObject({ type: 'seminar', deficitCodes: ['М-02'] });
    const joined = await w.post('coord1', `/api/events/${seminar.json().id}/participants`, {
      teacherIds: [ids.young],
      role: 'participant',
    });
    expect(joined.statusCode, joined.body).toBe(201);
    // An event entered without a kind has none («не указан»), not a made-up one.
    const untyped = await w.post('coord1', '/api/events', {
      title: 'Совещание',
      level: 'municipal',
      date: day(11),
      format: 'offline',
    });
    expect(untyped.json()).toMatchObject({ type: null, deficitCodes: [] });
  });

  it('keeps a training’s format and deficits', async () => {
    const training = (deficitCodes: string[]) =>
      w.post('coord1', `/api/teachers/${ids.young}/trainings`, {
        type: 'upskilling',
        title: 'Функциональная грамотность',
        hours: 36,
        startDate: day(20),
        endDate: day(25),
        format: 'online',
        deficitCodes,
      });
    const bad = await training(['Х-99']);
    expectError(bad, 400);
    expect(bad.json().error.message).toContain('дефицита с кодом «Х-99» нет в справочнике дефицитов');
    const ok = await training(['М-02']);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ format: 'online', deficitCodes: ['М-02'] });
  });

  it('computes the share of open lessons given by young teachers from records, as the reference does', async () => {
    await openLesson('mgra1', w.a1, ids.young, 30);
    await openLesson('mgra1', w.a1, ids.veteran, 31);
    await openLesson('mgra1', w.a1, ids.young, 32);
    await openLesson('mgra2', w.a2, ids.veteranA2, 33);
    // Each case: code, formula, the municipal value (the share: 2 of the 4 open lessons).
    const cases: [string, string, number][] = [
      ['byYoung', 'events(type = open_lesson, byYoung)', 2],
      ['notByYoung', 'events(type = open_lesson, not byYoung)', 2],
      ['lessons', 'events(type = open_lesson)', 4],
      ['onDeficit', 'events(deficit = "М-02")', 1],
      ['seminarists', 'teachers(event(type = seminar, deficit = "М-02"))', 1],
      ['speakers', 'teachers(event(type = open_lesson, role = speaker))', 3],
      ['onlineTrained', 'teachers(trained(format = online, deficit = "М-02"))', 1],
      ['offlineTrained', 'teachers(trained(format = offline))', 0],
    ];
    const definitions = [
      indicator('3.3', 'events(type = open_lesson, byYoung)', 'events(type = open_lesson)'),
      ...cases.map(([code, formula]) => indicator(code, formula)),
    ];
    const { results, problems } = await computeIndicators({
      db: w.t.database.db,
      ctx: { municipalityId: w.m1, period },
      indicators: definitions,
    });
    expect(problems).toEqual([]);
    const value = (code: string, org: number | null) =>
      results.find((r) => r.indicator === code && r.organization === org)?.value;
    expect(value('3.3', null)).toBe(50); // 2 of the 4 open lessons
    expect(value('3.3', w.a1)).toBeCloseTo(66.67, 1); // 2 of 3
    expect(value('3.3', w.a2)).toBe(0);
    for (const [code, formula, expected] of cases) expect(value(code, null), formula).toBe(expected);

    const data = await loadReferenceData(w.t.database.db);
    for (const d of definitions.filter((x) => !x.denominator)) {
      const parsed = parseFormula(d.numerator);
      if (!parsed.ok) throw new Error(d.numerator);
      const call = collectCalls(parsed.ast)[0].call as AggregateCallNode;
      expect(referenceCount(data, w.m1, period, call).total, d.numerator).toBe(value(d.code, null));
    }
  });
});
