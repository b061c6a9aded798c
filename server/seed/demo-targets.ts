import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';

/**
 * The demo district's own targets by year («целевые значения» of its passport), so plan against fact has
 * something to show: the results table's «План / Отклонение» rows, the target lines of the analysis, the
 * справка and the drafted «целевой показатель … не достигнут». The templates carry only the targets their
 * documents give (seed 001's acts); these figures are the demo's, set around the values its registry yields
 * so that some targets are met and some are missed. Keys are offsets from the demo's calendar year.
 */
const DEMO_TARGETS: Record<string, Record<string, Record<number, number>>> = {
  // The program of the closed campaigns (calendar years), a rising trajectory towards the current year.
  'seed-004-myasnikovsky': {
    '1.1': { [-3]: 20, [-2]: 25, [-1]: 35, 0: 45, 1: 55 },
    '2.1': { [-3]: 35, [-2]: 40, [-1]: 50, 0: 60 },
    '3.1': { [-2]: 1, [-1]: 1, 0: 1 },
    '3.4': { [-3]: 60, [-2]: 70, [-1]: 80, 0: 90 },
    '4.1': { [-3]: 40, [-2]: 45, [-1]: 55, 0: 65 },
    '5.1': { [-3]: 98, [-2]: 98, [-1]: 98, 0: 98 },
    // Lower is better: vacancies are to go down.
    '5.4': { [-3]: 4, [-2]: 3, [-1]: 1, 0: 0 },
  },
  // The program of the running campaign (a school year: its year is the one the school year ends).
  'seed-000-kardymovsky': {
    '1.1': { [-1]: 45, 0: 50, 1: 60 },
    '2.1': { [-1]: 30, 0: 33, 1: 35 },
    '2.3': { [-1]: 62, 0: 65, 1: 70 },
    '3.1': { [-1]: 60, 0: 70, 1: 80 },
    '4.1': { [-1]: 38, 0: 40, 1: 45 },
    '5.1': { [-1]: 4, 0: 3, 1: 2 },
  },
};

/** Sets the demo's targets on the district's programs made from the seed templates. */
export async function seedDemoTargets(options: { db: Db; year: number; programs: Record<string, number> }) {
  const { db, year } = options;
  for (const [code, byIndicator] of Object.entries(DEMO_TARGETS)) {
    const programId = options.programs[code];
    if (programId === undefined) continue;
    for (const [indicator, byOffset] of Object.entries(byIndicator)) {
      const targets = Object.fromEntries(
        Object.entries(byOffset).map(([offset, value]) => [String(year + Number(offset)), value]),
      );
      await db
        .update(s.indicators)
        .set({ targets })
        .where(and(eq(s.indicators.programId, programId), eq(s.indicators.code, indicator)));
    }
  }
}
