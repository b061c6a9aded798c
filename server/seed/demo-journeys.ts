import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { addDays, experienceAt, isoDate, type IsoDate } from '../../core/dates.ts';
import { Random } from '../../core/random.ts';
import { schoolYearOf } from '../../core/school-year.ts';
import type { Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';
import { DEMO_RESOURCES } from './demo-resources.ts';

/**
 * The support journeys of the demo: the resource catalog of the ИОМ builder, approvals of the routes
 * already under way (and their steps tied to the catalog), the demo teacher's fresh diagnostic waiting
 * for a route, and two school years of meetings with attendance in the «Школа молодого специалиста», the
 * РМО of the demo association leader and two ШМО of the first school. Its own random stream, so the rest
 * of the demo stays as it was.
 */
export async function seedDemoJourneys(options: {
  db: Db;
  seed: number;
  today: IsoDate;
  municipalityId: number;
  demoTeacherId: number;
  firstSchoolId: number;
  curatorName: string;
}) {
  const { db, today, municipalityId: m } = options;
  const rng = new Random(options.seed * 7919 + 13);
  await db.insert(s.deficitResources).values(
    DEMO_RESOURCES.map((r) => ({
      municipalityId: m,
      deficitCode: r.code,
      kind: r.kind,
      title: r.title,
      provider: r.provider ?? null,
      hours: r.hours ?? null,
      url: r.url ?? null,
      area: null,
    })),
  );
  await db.execute(
    sql`update ${s.deficitResources} r set area = d.area from ${s.deficits} d where d.code = r.deficit_code and r.municipality_id = ${m}`,
  );

  // Routes under way were approved a few days after they started: the department's methodist as curator,
  // the responsible person of the teacher's school as tutor. Their steps take a course of the catalog, or
  // (every third) its practice resource.
  await db.execute(sql`
    update ${s.routes} r set
      curator_approved_at = (r.approved_at::timestamp + interval '10 hours') at time zone 'UTC',
      curator_approved_by = ${options.curatorName},
      tutor_approved_at = (r.approved_at::timestamp + interval '14 hours') at time zone 'UTC',
      tutor_approved_by = 'Ответственный ' || coalesce((
        select o.short_name from ${s.positions} p join ${s.organizations} o on o.id = p.organization_id
        where p.teacher_id = r.teacher_id order by p.is_main_job desc, p.start_date desc limit 1), 'ОО')
    where r.status <> 'draft' and r.approved_at is not null
      and r.teacher_id in (select id from ${s.teachers} where municipality_id = ${m})`);
  await db.execute(sql`
    update ${s.routeSteps} rs set resource_id = c.id, kind = c.kind, title = c.title
    from (select id, deficit_code, kind, title, row_number() over (partition by deficit_code
            order by case kind when 'course' then 0 when 'event' then 1 when 'mentoring' then 2 else 3 end, id) as rank
          from ${s.deficitResources} where municipality_id = ${m}) c
    where c.deficit_code = rs.deficit_code and c.rank = case when rs.id % 3 = 0 then 2 else 1 end`);

  await ensureFreshDiagnostic(db, options.demoTeacherId, today);
  const schoolYear = schoolYearOf(today);
  await involveDemoTeacher(db, { ...options, schoolYear });
  await seedMeetings(db, rng, { ...options, schoolYear });
}

/** The demo teacher has a recent diagnostic with deficits and no route yet: the builder's starting point. */
async function ensureFreshDiagnostic(db: Db, teacherId: number, today: IsoDate) {
  const recent = await db
    .select({ id: s.diagnostics.id, codes: s.diagnostics.deficitCodes, routeId: s.routes.id })
    .from(s.diagnostics)
    .leftJoin(s.routes, eq(s.routes.diagnosticId, s.diagnostics.id))
    .where(eq(s.diagnostics.teacherId, teacherId))
    .orderBy(desc(s.diagnostics.date))
    .limit(1);
  if (recent[0]?.codes.length && recent[0].routeId === null) return;
  await db.insert(s.diagnostics).values({
    teacherId,
    date: addDays(today, -12),
    level: 'regional',
    instrument: 'Диагностика профессиональных компетенций ЦНППМ',
    areas: ['methodical', 'assessment'],
    score: 58,
    maxScore: 100,
    deficitCodes: ['М-02', 'О-02'],
  });
}

/** The demo teacher belongs to the math РМО and a ШМО of its school, and mentors a young colleague this year. */
async function involveDemoTeacher(
  db: Db,
  o: {
    demoTeacherId: number;
    firstSchoolId: number;
    municipalityId: number;
    schoolYear: number;
    today: IsoDate;
  },
) {
  const start = isoDate(o.schoolYear, 9, 1);
  const targets = await db
    .select({ id: s.associations.id })
    .from(s.associations)
    .where(
      and(
        eq(s.associations.municipalityId, o.municipalityId),
        or(
          and(eq(s.associations.type, 'rmo'), eq(s.associations.subject, 'математика')),
          and(
            eq(s.associations.organizationId, o.firstSchoolId),
            eq(s.associations.name, 'ШМО учителей естественно-математического цикла'),
          ),
        ),
      ),
    );
  const already = await db
    .select({ id: s.associationMembers.associationId })
    .from(s.associationMembers)
    .where(eq(s.associationMembers.teacherId, o.demoTeacherId));
  const missing = targets.filter((t) => !already.some((a) => a.id === t.id));
  if (missing.length)
    await db
      .insert(s.associationMembers)
      .values(missing.map((t) => ({ associationId: t.id, teacherId: o.demoTeacherId, joinedOn: start })));

  const [teacher] = await db.select().from(s.teachers).where(eq(s.teachers.id, o.demoTeacherId));
  const inPairs = await db
    .select({ id: s.mentoringPairs.id })
    .from(s.mentoringPairs)
    .where(or(eq(s.mentoringPairs.mentorId, teacher.id), eq(s.mentoringPairs.menteeId, teacher.id)));
  if (inPairs.length || experienceAt(teacher.pedagogicalStartDate, o.today) < 5) return;
  const colleagues = await db
    .select({ id: s.teachers.id, start: s.teachers.pedagogicalStartDate })
    .from(s.teachers)
    .innerJoin(s.positions, eq(s.positions.teacherId, s.teachers.id))
    .where(
      and(
        eq(s.positions.organizationId, o.firstSchoolId),
        isNull(s.positions.endDate),
        sql`${s.teachers.id} <> ${teacher.id}`,
        sql`not exists (select 1 from ${s.mentoringPairs} mp where mp.mentee_id = ${s.teachers.id} and (mp.end_date is null or mp.end_date >= ${o.today}))`,
      ),
    )
    .orderBy(desc(s.teachers.pedagogicalStartDate), asc(s.teachers.id))
    .limit(1);
  const mentee = colleagues[0];
  if (!mentee || experienceAt(mentee.start, o.today) >= 5) return;
  const [program] = await db
    .select({ id: s.mentoringPrograms.id })
    .from(s.mentoringPrograms)
    .where(
      and(eq(s.mentoringPrograms.organizationId, o.firstSchoolId), eq(s.mentoringPrograms.startDate, start)),
    );
  await db.insert(s.mentoringPairs).values({
    programId: program?.id ?? null,
    organizationId: o.firstSchoolId,
    mentorId: teacher.id,
    menteeId: mentee.id,
    form: 'педагог — педагог',
    startDate: addDays(start, 14),
    endDate: null,
    outcome: null,
  });
}

interface MeetingPlan {
  find: (a: { type: string; subject: string | null; organizationId: number | null; name: string }) => boolean;
  /** [month, topic, plan] in the order of the school year. */
  meetings: [number, string, string][];
  presence: number;
}

const PLANS: MeetingPlan[] = [
  {
    find: (a) => a.type === 'young_school',
    presence: 0.86,
    meetings: [
      [
        9,
        'Установочное заседание: план работы на год, закрепление наставников',
        'Знакомство; план «Школы»; наставнические пары; анкетирование затруднений',
      ],
      [
        10,
        'Нормативная база работы учителя: рабочая программа, ФОП, электронный журнал',
        'Консультация методиста; практикум по конструктору рабочих программ',
      ],
      [
        11,
        'Современный урок: от цели к результату',
        'Лекция-диалог; разбор фрагментов уроков; домашнее задание — технологическая карта',
      ],
      [
        1,
        'Формирующее оценивание на уроке',
        'Мастер-класс учителя высшей категории; практикум по критериям оценивания',
      ],
      [
        2,
        'Классное руководство и работа с родителями',
        'Опыт классных руководителей; деловая игра «Родительское собрание»',
      ],
      [
        3,
        'Открытые уроки молодых педагогов',
        'Взаимопосещение уроков; самоанализ и обсуждение с наставниками',
      ],
      [4, 'Профилактика профессионального выгорания', 'Тренинг педагога-психолога'],
      [
        5,
        'Итоговое заседание: портфолио молодого педагога',
        'Презентация портфолио; анкетирование; планы на следующий год',
      ],
    ],
  },
  {
    find: (a) => a.type === 'rmo' && a.subject === 'математика',
    presence: 0.8,
    meetings: [
      [
        9,
        'Итоги ГИА по математике и задачи на учебный год',
        'Анализ результатов ОГЭ и ЕГЭ; утверждение плана РМО',
      ],
      [10, 'Функциональная грамотность на уроках математики', 'Семинар-практикум; банк заданий РЭШ'],
      [
        12,
        'Анализ результатов ВПР: типичные ошибки и их причины',
        'Доклады руководителей ШМО; коррекция рабочих программ',
      ],
      [
        2,
        'Подготовка к ОГЭ и ЕГЭ: задания с развёрнутым ответом',
        'Практикум по критериям оценивания экспертов',
      ],
      [4, 'Обмен опытом: открытые уроки и мастер-классы', 'Фестиваль открытых уроков учителей математики'],
    ],
  },
  {
    find: (a) => a.name === 'ШМО учителей естественно-математического цикла',
    presence: 0.9,
    meetings: [
      [
        9,
        'План работы ШМО и рабочие программы',
        'Утверждение плана и рабочих программ; график контрольных работ',
      ],
      [
        11,
        'Итоги первой четверти, подготовка к олимпиадам',
        'Анализ успеваемости; список участников муниципального этапа',
      ],
      [1, 'Анализ полугодия, подготовка к ВПР', 'Результаты контрольных работ; план подготовки к ВПР'],
      [3, 'Взаимопосещение уроков', 'Открытые уроки; обсуждение'],
      [5, 'Итоги года, анализ ВПР', 'Анализ результатов; предложения в план на следующий год'],
    ],
  },
  {
    find: (a) => a.name === 'ШМО классных руководителей',
    presence: 0.88,
    meetings: [
      [9, 'План воспитательной работы, «Разговоры о важном»', 'Утверждение планов классных руководителей'],
      [
        11,
        'Профилактика деструктивного поведения обучающихся',
        'Выступление социального педагога; обмен опытом',
      ],
      [2, 'Работа с родителями: формы и опыт', 'Круглый стол'],
      [4, 'Летняя занятость обучающихся', 'Планирование летней оздоровительной кампании'],
    ],
  },
];

/** Meetings of the previous and the current school year: those past are held with attendance, the rest planned. */
async function seedMeetings(
  db: Db,
  rng: Random,
  o: { municipalityId: number; firstSchoolId: number; schoolYear: number; today: IsoDate },
) {
  const all = await db
    .select({
      id: s.associations.id,
      type: s.associations.type,
      subject: s.associations.subject,
      organizationId: s.associations.organizationId,
      name: s.associations.name,
    })
    .from(s.associations)
    .where(eq(s.associations.municipalityId, o.municipalityId))
    .orderBy(asc(s.associations.id));
  const chosen = PLANS.flatMap((plan) => {
    const association = all.find(
      (a) => plan.find(a) && (a.organizationId === null || a.organizationId === o.firstSchoolId),
    );
    return association ? [{ plan, association }] : [];
  });
  const members = await db
    .select({
      associationId: s.associationMembers.associationId,
      teacherId: s.associationMembers.teacherId,
      joinedOn: s.associationMembers.joinedOn,
      leftOn: s.associationMembers.leftOn,
    })
    .from(s.associationMembers)
    .where(
      inArray(
        s.associationMembers.associationId,
        chosen.map((c) => c.association.id),
      ),
    );
  const meetings: (typeof s.associationMeetings.$inferInsert)[] = [];
  const presence: number[] = [];
  for (const year of [o.schoolYear - 1, o.schoolYear]) {
    for (const { plan, association } of chosen) {
      for (const [month, topic, agenda] of plan.meetings) {
        const date = isoDate(month >= 9 ? year : year + 1, month, rng.int(10, 25));
        const isHeld = date < o.today;
        meetings.push({
          associationId: association.id,
          date,
          topic,
          plan: agenda,
          isHeld,
          notes: isHeld
            ? 'Решение: принять к сведению и применить в работе; материалы размещены на странице объединения.'
            : null,
        });
        presence.push(plan.presence);
      }
    }
  }
  const ids = (
    await db.insert(s.associationMeetings).values(meetings).returning({ id: s.associationMeetings.id })
  ).map((r) => r.id);
  const attendance: (typeof s.meetingAttendance.$inferInsert)[] = [];
  meetings.forEach((meeting, i) => {
    if (!meeting.isHeld) return;
    for (const member of members) {
      if (member.associationId !== meeting.associationId) continue;
      if (member.joinedOn > meeting.date || (member.leftOn !== null && member.leftOn < meeting.date))
        continue;
      attendance.push({ meetingId: ids[i], teacherId: member.teacherId, isPresent: rng.chance(presence[i]) });
    }
  });
  for (let i = 0; i < attendance.length; i += 1000)
    await db.insert(s.meetingAttendance).values(attendance.slice(i, i + 1000));
}
