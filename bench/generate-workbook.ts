import { addDays, isoDate } from '../core/dates.ts';
import { DEFAULT_DEFICITS } from '../core/deficits.ts';
import { COMPETITION_RESULTS, LEVELS, TRAINING_TOPICS } from '../core/enums.ts';
import { Random } from '../core/random.ts';
import { completeSnils } from '../core/registry/snils.ts';
import {
  CERTIFICATIONS_SHEET,
  COMPETITIONS_SHEET,
  DIAGNOSTICS_SHEET,
  EDUCATIONS_SHEET,
  EVENTS_SHEET,
  TEACHERS_SHEET,
  TRAININGS_SHEET,
} from '../server/modules/exchange/format/sheets.ts';
import {
  femaleSurname,
  FEMALE_FIRST_NAMES,
  FATHERS,
  MALE_FIRST_NAMES,
  patronymic,
  SURNAMES,
} from '../server/seed/names.ts';

/**
 * The import benchmark's own workbook: a large organization whose file carries `rows` rows over seven sheets,
 * every child row naming its teacher by СНИЛС (as a file from another system would). Deterministic per seed.
 */
export interface GeneratedWorkbook {
  rows: Map<string, Record<string, unknown>[]>;
  total: number;
}

const randomDate = (rng: Random, from: string, days: number) => addDays(from, rng.int(0, days));

function snils(n: number): string {
  return completeSnils(String(100_000_000 + n * 7919).slice(-9));
}

/** Shares of the rows per sheet; «Педагоги» gets what is left. */
const SHARES: [string, number][] = [
  [EDUCATIONS_SHEET.name, 0.2],
  [CERTIFICATIONS_SHEET.name, 0.1],
  [DIAGNOSTICS_SHEET.name, 0.15],
  [TRAININGS_SHEET.name, 0.2],
  [COMPETITIONS_SHEET.name, 0.05],
  [EVENTS_SHEET.name, 0.1],
];

export function generateWorkbookRows(options: {
  rows: number;
  providers: string[];
  seed?: number;
}): GeneratedWorkbook {
  const rng = new Random(options.seed ?? 20260301);
  const teacherCount = Math.round(options.rows * (1 - SHARES.reduce((s, [, share]) => s + share, 0)));
  const people = Array.from({ length: teacherCount }, (_, i) => {
    const female = rng.chance(0.8);
    const surname = rng.pick(SURNAMES);
    const birthDate = randomDate(rng, '1960-01-01', 14000);
    return {
      snils: snils(i + 1),
      lastName: female ? femaleSurname(surname) : surname,
      firstName: rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
      middleName: patronymic(rng.pick(FATHERS), female ? 'female' : 'male'),
      birthDate,
      sex: female ? 'female' : 'male',
      pedagogicalStartDate: addDays(birthDate, 365 * 22 + rng.int(0, 2000)),
    };
  });
  const ref = (p: (typeof people)[number]) => ({
    'teacher.name': `${p.lastName} ${p.firstName} ${p.middleName}`,
    'teacher.snils': p.snils,
    'teacher.birthDate': p.birthDate,
  });
  const counts = new Map(SHARES.map(([name, share]) => [name, Math.round(options.rows * share)]));
  const count = (name: string) => counts.get(name)!;
  const pick = () => rng.pick(people);
  const rows = new Map<string, Record<string, unknown>[]>();
  rows.set(
    TEACHERS_SHEET.name,
    people.map((p) => ({
      ...p,
      qualificationCategory: rng.pick(['none', 'first', 'highest']),
      categoryDate: null,
      isManager: rng.chance(0.05),
      subjects: [rng.pick(['математика', 'русский язык', 'история', 'физика', 'биология'])],
      title: rng.pick(['учитель', 'педагог дополнительного образования', 'воспитатель']),
      isMainJob: true,
      rate: rng.pick([0.5, 1, 1.25, 1.5]),
      startDate: addDays(p.pedagogicalStartDate, rng.int(0, 3000)),
      endDate: null,
    })),
  );
  for (const row of rows.get(TEACHERS_SHEET.name)!)
    if (row.qualificationCategory !== 'none') row.categoryDate = randomDate(rng, '2018-01-01', 2500);
  const unique = <T extends Record<string, unknown>>(list: T[], key: (r: T) => string) => {
    const seen = new Set<string>();
    return list.filter((r) => !seen.has(key(r)) && Boolean(seen.add(key(r))));
  };
  rows.set(
    CERTIFICATIONS_SHEET.name,
    Array.from({ length: count(CERTIFICATIONS_SHEET.name) }, (_, i) => ({
      ...ref(people[i % people.length]),
      date: isoDate(2015 + Math.floor(i / people.length), rng.int(1, 12), rng.int(1, 28)),
      result: rng.pick(['compliance', 'first', 'highest']),
      documentNumber: `${rng.int(1, 900)}-к`,
    })),
  );
  rows.set(
    DIAGNOSTICS_SHEET.name,
    Array.from({ length: count(DIAGNOSTICS_SHEET.name) }, (_, i) => ({
      ...ref(people[i % people.length]),
      date: addDays('2023-01-10', i),
      level: rng.pick(LEVELS),
      instrument: 'Диагностика ЦНППМ',
      areas: rng.sample(['subject', 'methodical', 'assessment'], rng.int(1, 2)),
      score: rng.int(10, 40),
      maxScore: 40,
      deficitCodes: rng.sample(DEFAULT_DEFICITS, rng.int(0, 2)).map((d) => d.code),
    })),
  );
  rows.set(
    TRAININGS_SHEET.name,
    Array.from({ length: count(TRAININGS_SHEET.name) }, (_, i) => {
      const start = addDays('2021-01-11', i);
      return {
        ...ref(people[i % people.length]),
        type: rng.chance(0.9) ? 'upskilling' : 'retraining',
        title: `Курс № ${rng.int(1, 40)}`,
        providerId: rng.pick(options.providers),
        hours: rng.pick([16, 36, 72, 250]),
        startDate: start,
        endDate: addDays(start, 20),
        documentNumber: `УД-${i}`,
        topics: rng.sample(TRAINING_TOPICS, rng.int(1, 2)),
      };
    }),
  );
  rows.set(
    COMPETITIONS_SHEET.name,
    unique(
      Array.from({ length: count(COMPETITIONS_SHEET.name) }, (_, i) => ({
        ...ref(people[i % people.length]),
        name: rng.pick(['Учитель года', 'Сердце отдаю детям', 'Педагогический дебют']),
        level: rng.pick(LEVELS),
        date: addDays('2022-02-01', i),
        result: rng.pick(COMPETITION_RESULTS),
      })),
      (r) => `${r['teacher.snils']}|${r.name}|${r.date}`,
    ),
  );
  rows.set(
    EVENTS_SHEET.name,
    unique(
      Array.from({ length: count(EVENTS_SHEET.name) }, () => {
        const n = rng.int(1, 60);
        return {
          ...ref(pick()),
          'event.title': `Семинар № ${n}`,
          'event.level': 'municipal',
          'event.date': addDays('2024-09-02', n * 3),
          'event.format': 'offline',
          role: rng.pick(['participant', 'participant', 'speaker']),
        };
      }),
      (r) => `${r['teacher.snils']}|${r['event.title']}`,
    ),
  );
  // Education takes the rows the other sheets left, so the file has exactly the rows asked for.
  rows.set(
    EDUCATIONS_SHEET.name,
    Array.from(
      { length: options.rows - [...rows.values()].reduce((sum, list) => sum + list.length, 0) },
      (_, i) => ({
        ...ref(people[i % people.length]),
        level: rng.pick(['higher', 'secondary_vocational']),
        institution: `${rng.pick(['Южный федеральный университет', 'Таганрогский институт', 'Педагогический колледж'])} № ${i}`,
        specialty: 'учитель',
        graduationYear: rng.int(1985, 2024),
        matchesProfile: rng.chance(0.9),
      }),
    ),
  );
  const total = [...rows.values()].reduce((s, list) => s + list.length, 0);
  return { rows, total };
}
