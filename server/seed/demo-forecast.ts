import { and, asc, eq } from 'drizzle-orm';
import { isoDate, type IsoDate } from '../../core/dates.ts';
import { Random } from '../../core/random.ts';
import { schoolYearOf } from '../../core/school-year.ts';
import type { Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';
import { SCHOOL_SUBJECTS, UNIVERSITIES, COLLEGES } from './demo-district.ts';
import {
  FATHERS,
  FEMALE_FIRST_NAMES,
  femaleSurname,
  MALE_FIRST_NAMES,
  patronymic,
  SURNAMES,
} from './names.ts';

/**
 * The students of целевое обучение the demo district's schools expect: a dozen, graduating in each of the next
 * four school years, mostly in the subjects schools lack (mathematics, physics, foreign languages). Its own
 * random numbers, so the rest of the demo stays what other tests rely on; the district's age structure (a
 * fifth of teachers of pension age or near it) gives the forecast its departures.
 */
export async function seedDemoForecast(options: {
  db: Db;
  seed: number;
  today: IsoDate;
  municipalityId: number;
}) {
  const { db, today, municipalityId } = options;
  const rng = new Random(options.seed * 7919 + 31);
  const schools = await db
    .select({ id: s.organizations.id })
    .from(s.organizations)
    .where(and(eq(s.organizations.municipalityId, municipalityId), eq(s.organizations.kind, 'school')))
    .orderBy(asc(s.organizations.id));
  if (!schools.length) return;
  const current = schoolYearOf(today);
  const wanted = ['математика', 'физика', 'иностранный язык', 'русский язык и литература', 'информатика'];
  const subjects = [...wanted, ...SCHOOL_SUBJECTS.map(([name]) => name)];
  const rows: (typeof s.targetStudents.$inferInsert)[] = [];
  for (let i = 0; i < 12; i++) {
    const isFemale = rng.chance(0.8);
    const surname = rng.pick(SURNAMES);
    const father = rng.pick(FATHERS);
    const graduationYear = current + 1 + (i % 4);
    const isCollege = rng.chance(0.2);
    const subject = i < 8 ? wanted[i % wanted.length] : rng.pick(subjects);
    rows.push({
      organizationId: rng.pick(schools).id,
      fullName: [
        isFemale ? femaleSurname(surname) : surname,
        rng.pick(isFemale ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
        patronymic(father, isFemale ? 'female' : 'male'),
      ].join(' '),
      university: rng.pick(isCollege ? COLLEGES : UNIVERSITIES),
      specialty: isCollege
        ? '44.02.02 Преподавание в начальных классах'
        : `44.03.05 Педагогическое образование (${subject})`,
      subject: isCollege ? 'начальные классы' : subject,
      graduationYear,
      contractNumber: `${i + 1}-ЦО`,
      contractDate: isoDate(graduationYear - rng.int(2, 4), 8, rng.int(15, 30)),
      notes: i === 0 ? 'Договор заключён с отделом образования, место работы — школа' : null,
    });
  }
  await db.insert(s.targetStudents).values(rows);
}
