import { addDays, isoDate } from '../core/dates.ts';
import { DEFAULT_DEFICITS } from '../core/deficits.ts';
import { TRAINING_TOPICS } from '../core/enums.ts';
import { Random } from '../core/random.ts';
import type { Db } from '../server/db/client.ts';
import * as s from '../server/db/schema/index.ts';

/**
 * The benchmark's own data: one municipality the size of a whole region (2,000 organizations, 60,000
 * teachers) with three years of records, generated in linear time and streamed to the database a chunk
 * of teachers at a time, so memory stays flat at region scale (20,000 organizations, 600,000 teachers).
 */
export interface RegionSize {
  organizations: number;
  teachers: number;
  /**
   * Municipalities the organizations are spread over, round robin (default 1: one municipality the size
   * of a region). A teacher belongs to the municipality of their main job; the associations and the
   * events are the first municipality's.
   */
  municipalities?: number;
}

/** Teachers made and written at once, with all their records. */
const TEACHER_CHUNK = 5000;

async function insertChunks(db: Db, table: any, rows: object[], size = 1000): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const out = (await db
      .insert(table)
      .values(rows.slice(i, i + size))
      .returning({ id: table.id })) as { id: number }[];
    ids.push(...out.map((r) => r.id));
  }
  return ids;
}

async function insertPlain(db: Db, table: any, rows: object[], size = 2000) {
  for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size));
}

export async function generateRegion(db: Db, size: RegionSize, seed = 42) {
  const rng = new Random(seed);
  const year = 2025;
  const [region] = await db.insert(s.regions).values({ name: 'Тестовая область' }).returning();
  const municipalityCount = Math.max(1, size.municipalities ?? 1);
  const municipalityRows = await db
    .insert(s.municipalities)
    .values(
      municipalityCount === 1
        ? [{ regionId: region.id, name: 'Регион целиком', departmentName: 'Министерство образования' }]
        : Array.from({ length: municipalityCount }, (_, k) => ({
            regionId: region.id,
            name: `Муниципальный район № ${k + 1}`,
            departmentName: `Отдел образования района № ${k + 1}`,
          })),
    )
    .returning();
  const municipalityIds = municipalityRows.map((row) => row.id);
  const m = municipalityRows[0];
  const municipalityOfIndex = (i: number) => municipalityIds[i % municipalityIds.length];
  await db.insert(s.deficits).values(DEFAULT_DEFICITS).onConflictDoNothing();
  const [provider] = await db
    .insert(s.providers)
    .values({ name: 'ЦНППМ (бенчмарк)', kind: 'cnppm' })
    .returning();

  const kinds = ['school', 'school', 'school', 'preschool', 'preschool', 'additional'] as const;
  const orgIds = await insertChunks(
    db,
    s.organizations,
    Array.from({ length: size.organizations }, (_, i) => ({
      municipalityId: municipalityOfIndex(i),
      name: `Образовательная организация № ${i + 1}`,
      shortName: `ОО № ${i + 1}`,
      kind: kinds[i % kinds.length],
      isLowResults: rng.chance(0.08),
      isHardSocialConditions: rng.chance(0.05),
    })),
  );
  const [association] = await db
    .insert(s.associations)
    .values({ municipalityId: m.id, name: 'РМО', level: 'municipal', type: 'rmo', startDate: '2020-09-01' })
    .returning();
  const [youngSchool] = await db
    .insert(s.associations)
    .values({
      municipalityId: m.id,
      name: 'ШМС',
      level: 'municipal',
      type: 'young_school',
      startDate: '2020-09-01',
    })
    .returning();
  const eventIds = await insertChunks(
    db,
    s.events,
    Array.from({ length: 200 }, (_, i) => ({
      municipalityId: m.id,
      title: `Семинар ${i}`,
      level: i % 4 ? ('municipal' as const) : ('regional' as const),
      date: isoDate(2023 + (i % 3), (i % 12) + 1, 10),
      format: 'offline' as const,
    })),
  );

  // The teachers and their records are made and written a chunk at a time: at region scale (600,000
  // teachers, ~2 million records) building them all first would hold gigabytes of objects.
  const records = { diagnostics: 0, trainings: 0, members: 0, participations: 0, pairs: 0 };
  let previousTeacher: number | undefined;
  for (let from = 0; from < size.teachers; from += TEACHER_CHUNK) {
    const count = Math.min(TEACHER_CHUNK, size.teachers - from);
    const teacherRows = Array.from({ length: count }, (_, i) => {
      const age = rng.int(22, 68);
      const start = Math.min(year, 2025 - age + rng.int(20, 26));
      return {
        // The municipality of the main job (organization index (from + i) mod the organizations).
        municipalityId: municipalityOfIndex((from + i) % orgIds.length),
        lastName: 'Педагогова',
        firstName: 'Анна',
        middleName: 'Ивановна',
        birthDate: isoDate(2025 - age, rng.int(1, 12), rng.int(1, 28)),
        sex: rng.chance(0.85) ? ('female' as const) : ('male' as const),
        pedagogicalStartDate: isoDate(start, 9, 1),
        qualificationCategory: rng.pick(['none', 'compliance', 'first', 'highest'] as const),
        categoryDate: '2023-12-20',
        isManager: rng.chance(0.05),
      };
    });
    const teacherIds = await insertChunks(db, s.teachers, teacherRows);
    const orgOf = teacherIds.map((_, i) => orgIds[(from + i) % orgIds.length]);
    const positions: object[] = teacherIds.map((id, i) => ({
      teacherId: id,
      organizationId: orgOf[i],
      title: 'учитель',
      isMainJob: true,
      rate: 1,
      startDate: teacherRows[i].pedagogicalStartDate,
    }));
    // A part-time second job for 3 % of the teachers.
    for (const id of teacherIds)
      if (rng.chance(0.03))
        positions.push({
          teacherId: id,
          organizationId: rng.pick(orgIds),
          title: 'учитель',
          isMainJob: false,
          rate: 0.5,
          startDate: '2022-09-01',
        });
    const subjects = teacherIds.map((id) => ({
      teacherId: id,
      subject: rng.pick(['математика', 'русский язык', 'начальные классы', 'история']),
    }));
    const educations = teacherIds.map((id) => ({
      teacherId: id,
      level: 'higher' as const,
      institution: 'Педагогический университет',
      matchesProfile: rng.chance(0.9),
    }));
    const diagnostics: object[] = [];
    const trainings: object[] = [];
    const members: object[] = [];
    const participations: object[] = [];
    const pairs: object[] = [];
    teacherIds.forEach((id, i) => {
      for (let y = 2023; y <= 2025; y++) {
        if (rng.chance(0.4))
          diagnostics.push({
            teacherId: id,
            date: isoDate(y, 10, rng.int(1, 28)),
            level: rng.pick(['municipal', 'regional'] as const),
            instrument: 'Диагностика',
            areas: ['methodical'],
            deficitCodes: rng.chance(0.5) ? [rng.pick(DEFAULT_DEFICITS).code] : [],
          });
        if (rng.chance(0.35)) {
          const end = isoDate(y, rng.int(1, 12), rng.int(1, 28));
          trainings.push({
            teacherId: id,
            type: 'upskilling',
            title: 'Курсы',
            providerId: provider.id,
            hours: 36,
            startDate: addDays(end, -20),
            endDate: end,
            topics: [rng.pick(TRAINING_TOPICS)],
          });
        }
        if (rng.chance(0.3))
          participations.push({
            eventId: eventIds[(y - 2023) * 66 + rng.int(0, 65)],
            teacherId: id,
            role: 'participant',
          });
      }
      if (rng.chance(0.4))
        members.push({ associationId: association.id, teacherId: id, joinedOn: '2022-09-01' });
      if (teacherRows[i].pedagogicalStartDate >= '2023-01-01') {
        members.push({ associationId: youngSchool.id, teacherId: id, joinedOn: '2023-09-01' });
        const mentor = i > 0 ? teacherIds[i - 1] : previousTeacher;
        if (mentor !== undefined)
          pairs.push({
            organizationId: orgOf[i],
            mentorId: mentor,
            menteeId: id,
            form: 'педагог — педагог',
            startDate: '2024-09-01',
          });
      }
    });
    previousTeacher = teacherIds.at(-1);
    await insertPlain(db, s.positions, positions);
    await insertPlain(db, s.teacherSubjects, subjects);
    await insertPlain(db, s.educations, educations);
    await insertPlain(db, s.diagnostics, diagnostics);
    await insertPlain(db, s.trainings, trainings);
    await insertPlain(db, s.associationMembers, members);
    await insertPlain(db, s.eventParticipations, participations);
    await insertPlain(db, s.mentoringPairs, pairs);
    records.diagnostics += diagnostics.length;
    records.trainings += trainings.length;
    records.members += members.length;
    records.participations += participations.length;
    records.pairs += pairs.length;
  }
  await insertPlain(
    db,
    s.mentoringPrograms,
    orgIds
      .filter(() => rng.chance(0.7))
      .map((id) => ({
        organizationId: id,
        title: 'Программа наставничества',
        startDate: '2024-09-01',
        endDate: '2025-08-31',
      })),
  );
  await insertPlain(
    db,
    s.vacancies,
    orgIds
      .filter(() => rng.chance(0.1))
      .map((id) => ({ organizationId: id, month: '2025-12-01', position: 'учитель', count: rng.int(1, 3) })),
  );
  await insertPlain(db, s.normativeActs, [
    {
      municipalityId: m.id,
      kind: 'mentoring' as const,
      number: '1',
      date: '2024-01-01',
      title: 'О наставничестве',
      validFrom: '2024-01-01',
    },
    ...orgIds
      .map((id, i) => ({ id, municipalityId: municipalityOfIndex(i) }))
      .filter(() => rng.chance(0.6))
      .map(({ id, municipalityId }) => ({
        municipalityId,
        organizationId: id,
        kind: 'associations' as const,
        number: '5',
        date: '2023-09-01',
        title: 'Положение о ШМО',
        validFrom: '2023-09-01',
      })),
  ]);
  return { municipalityId: m.id, municipalityIds, organizationIds: orgIds, records };
}
