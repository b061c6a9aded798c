import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import * as s from '../db/schema/index.ts';
import { createTestDatabase } from '../test/harness.ts';
import { seedDemo } from './demo.ts';

/**
 * Every meeting, event and decision of the demo whose name says when it happens falls in those months:
 * the «Августовское педагогическое совещание» in August, an «итоговое заседание» at the end of the school
 * year, an «установочное» one at its start, a «новогодний» one around the New Year.
 */
const SEASONS: { name: RegExp; months: number[] }[] = [
  { name: /август/i, months: [8] },
  { name: /новогодн/i, months: [12, 1] },
  { name: /итогов(ое|ый|ая) (заседание|совещание|педсовет)|итоги (учебного )?года/i, months: [5, 6] },
  { name: /установочн/i, months: [8, 9] },
  { name: /перв(ой|ая) четверт/i, months: [10, 11] },
  { name: /полугоди/i, months: [12, 1] },
  { name: /осенн/i, months: [9, 10, 11] },
  { name: /зимн/i, months: [12, 1, 2] },
  { name: /весенн/i, months: [3, 4, 5] },
];

let database: Database;
let named: { kind: string; name: string; date: string }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const { municipalityId } = await seedDemo({ db, seed: 1, today: '2026-12-01', password: 'calendar-1' });
  const events = await db
    .select({ name: s.events.title, date: s.events.date })
    .from(s.events)
    .where(eq(s.events.municipalityId, municipalityId));
  const meetings = await db
    .select({ name: s.associationMeetings.topic, date: s.associationMeetings.date })
    .from(s.associationMeetings);
  const decisions = await db
    .select({ name: s.decisions.title, date: s.decisions.date })
    .from(s.decisions)
    .where(eq(s.decisions.municipalityId, municipalityId));
  named = [
    ...events.map((e) => ({ kind: 'мероприятие', ...e })),
    ...meetings.map((m) => ({ kind: 'заседание', ...m })),
    ...decisions.map((d) => ({ kind: 'решение', ...d })),
  ];
}, 300_000);
afterAll(() => database?.close());

describe('the demo calendar', () => {
  it('holds each named meeting and event in the months its name says', () => {
    const contradictions = named.flatMap(({ kind, name, date }) => {
      const month = Number(date.slice(5, 7));
      const season = SEASONS.find((x) => x.name.test(name));
      return season && !season.months.includes(month) ? [`${kind} «${name}» ${date}`] : [];
    });
    expect(contradictions).toEqual([]);
  });

  it('has such named meetings to check: the August conference every year, the closing meetings', () => {
    const august = named.filter((x) => /августовское/i.test(x.name));
    expect(august.length).toBeGreaterThanOrEqual(3);
    expect(august.every((x) => x.date.slice(5, 7) === '08' && Number(x.date.slice(8, 10)) >= 20)).toBe(true);
    expect(named.filter((x) => /итоговое заседание/i.test(x.name)).length).toBeGreaterThan(0);
  });
});
