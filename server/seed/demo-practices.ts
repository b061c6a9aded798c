import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { addDays, type IsoDate } from '../../core/dates.ts';
import { PRACTICE_CRITERIA, type PracticeKind, type PracticeStatus } from '../../core/practices.ts';
import { queryRows, type Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';

/**
 * The demo district's bank of practices: entries of several schools at every status of the review — a draft,
 * submitted, on review (one expert has scored it, one has not), returned with a reason, rejected,
 * recommended, and published ones in the catalog (two shown on the public page) — with their history, the
 * experts' scores, the deficits they address (the district's most frequent ones) and the events that
 * spread them. Deterministic: no random numbers, so the rest of the demo stays as it was.
 */
interface Spec {
  org: number;
  title: string;
  kind: PracticeKind;
  subject: string | null;
  stage: 'do' | 'noo' | 'ooo' | 'soo';
  status: PracticeStatus;
  isPublic?: boolean;
  reason?: string;
  deficits: number[];
  events?: number;
}

const SPECS: Spec[] = [
  {
    org: 0,
    title: 'Формирующее оценивание на уроках математики в 5–6 классах',
    kind: 'development',
    subject: 'математика',
    stage: 'ooo',
    status: 'published',
    isPublic: true,
    deficits: [0, 1],
    events: 1,
  },
  {
    org: 1,
    title: 'Смысловое чтение: система заданий для начальной школы',
    kind: 'practice',
    subject: 'русский язык',
    stage: 'noo',
    status: 'published',
    isPublic: true,
    deficits: [1],
  },
  {
    org: 2,
    title: 'Видеоурок «Решение задач на движение»',
    kind: 'video_lesson',
    subject: 'математика',
    stage: 'ooo',
    status: 'published',
    deficits: [0],
    events: 1,
  },
  {
    org: 4,
    title: 'Мастер-класс «Проектная задача на уроке физики»',
    kind: 'master_class',
    subject: 'физика',
    stage: 'ooo',
    status: 'recommended',
    deficits: [2],
  },
  {
    org: 0,
    title: 'Программа внеурочной деятельности «Финансовая грамотность»',
    kind: 'program',
    subject: 'обществознание',
    stage: 'soo',
    status: 'on_review',
    deficits: [2],
  },
  {
    org: 3,
    title: 'Технологическая карта урока с цифровыми ресурсами',
    kind: 'lesson_plan',
    subject: 'информатика',
    stage: 'ooo',
    status: 'submitted',
    deficits: [3],
  },
  {
    org: 4,
    title: 'Приёмы работы с детьми с ОВЗ на уроке',
    kind: 'guide',
    subject: null,
    stage: 'noo',
    status: 'returned',
    reason: 'Добавьте описание результатов применения и примеры заданий.',
    deficits: [3],
  },
  {
    org: 1,
    title: 'Подборка игр на переменах',
    kind: 'other',
    subject: null,
    stage: 'noo',
    status: 'rejected',
    reason: 'Материал не относится к методическим продуктам: нет цели и описания применения.',
    deficits: [],
  },
  {
    org: 0,
    title: 'Черновик: рабочие листы по геометрии',
    kind: 'development',
    subject: 'математика',
    stage: 'ooo',
    status: 'draft',
    deficits: [0],
  },
];

/** The statuses an entry passed through to reach `status`. */
function pathTo(status: PracticeStatus): PracticeStatus[] {
  const main: PracticeStatus[] = ['draft', 'submitted', 'on_review', 'recommended', 'published'];
  if (status === 'returned') return ['draft', 'submitted', 'on_review', 'returned'];
  if (status === 'rejected') return ['draft', 'submitted', 'rejected'];
  return main.slice(0, main.indexOf(status) + 1);
}

export async function seedDemoPractices(options: { db: Db; today: IsoDate; municipalityId: number }) {
  const { db, today, municipalityId: m } = options;
  const orgs = await db
    .select({ id: s.organizations.id })
    .from(s.organizations)
    .where(eq(s.organizations.municipalityId, m))
    .orderBy(asc(s.organizations.id));
  // The district's most frequent deficits: what its practices address.
  const frequent = await queryRows<{ code: string }>(
    db,
    sql`select code from diagnostics d join teachers t on t.id = d.teacher_id, unnest(d.deficit_codes) code
      where t.municipality_id = ${m} group by code order by count(*) desc, code limit 4`,
  );
  const events = await db
    .select({ id: s.events.id })
    .from(s.events)
    .where(and(eq(s.events.municipalityId, m), isNull(s.events.organizationId)))
    .orderBy(asc(s.events.date))
    .limit(2);
  const reviewers = await db
    .select({ id: s.users.id, login: s.users.login, fullName: s.users.fullName })
    .from(s.users)
    .where(inArray(s.users.login, ['rmo', 'teacher', 'metodist']));
  const user = (login: string) => reviewers.find((r) => r.login === login);
  const coordinator = user('metodist')?.fullName ?? 'Координатор';
  const experts = [user('rmo'), user('teacher')].filter((u) => u !== undefined);
  const association = await db
    .select({ id: s.associations.id })
    .from(s.associations)
    .where(
      and(
        eq(s.associations.municipalityId, m),
        eq(s.associations.subject, 'математика'),
        isNull(s.associations.organizationId),
      ),
    )
    .limit(1);

  for (const [i, spec] of SPECS.entries()) {
    const organizationId = orgs[spec.org]?.id;
    if (!organizationId) continue;
    const authors = await db
      .select({ id: s.positions.teacherId })
      .from(s.positions)
      .where(and(eq(s.positions.organizationId, organizationId), isNull(s.positions.endDate)))
      .orderBy(asc(s.positions.teacherId))
      .limit(i % 2 ? 2 : 1);
    if (!authors.length) continue;
    const path = pathTo(spec.status);
    // Each step a fortnight apart, the last one a week before today.
    const dayOf = (step: number) => addDays(today, -7 - 14 * (path.length - 1 - step) - i);
    const reviewed = path.includes('on_review');
    const [row] = await db
      .insert(s.practices)
      .values({
        municipalityId: m,
        organizationId,
        title: spec.title,
        kind: spec.kind,
        subject: spec.subject,
        stage: spec.stage,
        description: `${spec.title}: цель, этапы применения, результаты обучающихся, условия переноса в другую организацию.`,
        links: [`https://example.org/practices/${i + 1}`],
        status: spec.status,
        reviewBody: reviewed ? (association.length && i % 2 === 0 ? 'association' : 'council') : null,
        associationId: reviewed && association.length && i % 2 === 0 ? association[0].id : null,
        reason: spec.reason ?? null,
        isPublic: spec.isPublic ?? false,
        publishedAt: spec.status === 'published' ? new Date(`${dayOf(path.length - 1)}T10:00:00Z`) : null,
      })
      .returning({ id: s.practices.id });
    await db.insert(s.practiceAuthors).values(authors.map((a) => ({ practiceId: row.id, teacherId: a.id })));
    const codes = spec.deficits.map((d) => frequent[d]?.code).filter((c): c is string => Boolean(c));
    if (codes.length)
      await db
        .insert(s.practiceDeficits)
        .values([...new Set(codes)].map((deficitCode) => ({ practiceId: row.id, deficitCode })));
    await db.insert(s.practiceTransitions).values(
      path.map((status, step) => ({
        practiceId: row.id,
        fromStatus: step === 0 ? null : path[step - 1],
        toStatus: status,
        comment: status === 'returned' || status === 'rejected' ? (spec.reason ?? null) : null,
        userName: status === 'draft' || status === 'submitted' ? 'Ответственный ОО' : coordinator,
        at: new Date(`${dayOf(step)}T10:00:00Z`),
      })),
    );
    if (reviewed && experts.length) {
      await db.insert(s.practiceReviews).values(
        experts.map((expert, k) => {
          // On review: the first expert has scored, the second not yet.
          const done = spec.status !== 'on_review' || k === 0;
          const scores = Object.fromEntries(
            PRACTICE_CRITERIA.map((c, j) => [c.code, Math.max(2, c.maxPoints - ((i + j + k) % 3))]),
          );
          return {
            practiceId: row.id,
            reviewerId: expert.id,
            scores: done ? scores : null,
            total: done ? Object.values(scores).reduce((a, b) => a + b, 0) : null,
            comment: done ? 'Материал применим в других школах района; уточните критерии оценивания.' : null,
            reviewedAt: done ? new Date(`${dayOf(2)}T12:00:00Z`) : null,
          };
        }),
      );
    }
    if (spec.events && events.length)
      await db
        .insert(s.practiceEvents)
        .values(events.slice(0, spec.events).map((e) => ({ practiceId: row.id, eventId: e.id })));
  }
}
