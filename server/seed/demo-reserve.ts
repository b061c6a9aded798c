import { and, asc, eq, gte, isNull, like, or, sql } from 'drizzle-orm';
import { addMonths, type IsoDate } from '../../core/dates.ts';
import type { ReservePositionCode } from '../../core/reserve/reserve.ts';
import { Random } from '../../core/random.ts';
import type { Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';

/**
 * The demo district's кадровый резерв: about twenty candidates for every built-in kind of position and one of
 * the district's own, proposed by schools and kindergartens or included by the department (two people from
 * outside), with their development plans; three appointed and one excluded. It draws its own random numbers
 * (not the district's), so the rest of the demo stays what other tests rely on.
 */
export async function seedDemoReserve(options: {
  db: Db;
  seed: number;
  today: IsoDate;
  municipalityId: number;
}) {
  const { db, today, municipalityId: m } = options;
  const rng = new Random(options.seed * 7919 + 12);
  const kinds = new Map(
    (await db.select().from(s.reservePositionKinds).where(isNull(s.reservePositionKinds.municipalityId))).map(
      (k) => [k.code as ReservePositionCode, k.id],
    ),
  );
  const [adviser] = await db
    .insert(s.reservePositionKinds)
    .values({ municipalityId: m, name: 'советник директора по воспитанию' })
    .returning();

  // Current main positions of the district, in a fixed order.
  const staff = await db
    .select({
      teacherId: s.positions.teacherId,
      organizationId: s.positions.organizationId,
      title: s.positions.title,
    })
    .from(s.positions)
    .innerJoin(s.teachers, eq(s.teachers.id, s.positions.teacherId))
    .where(
      and(
        eq(s.teachers.municipalityId, m),
        eq(s.positions.isMainJob, true),
        or(isNull(s.positions.endDate), gte(s.positions.endDate, today)),
      ),
    )
    .orderBy(asc(s.positions.teacherId));
  const used = new Set<number>();
  const take = (test: (p: (typeof staff)[number]) => boolean, n: number) => {
    const found = staff.filter((p) => test(p) && !used.has(p.teacherId));
    const picked: typeof found = [];
    while (picked.length < n && found.length) picked.push(found.splice(rng.int(0, found.length - 1), 1)[0]);
    for (const p of picked) used.add(p.teacherId);
    return picked;
  };
  const deputies = await db
    .select({ id: s.positions.teacherId })
    .from(s.positions)
    .where(like(s.positions.title, 'заместитель%'));
  const isDeputy = new Set(deputies.map((d) => d.id));
  const groups: [ReservePositionCode | 'adviser', ReturnType<typeof take>][] = [
    ['head', take((p) => isDeputy.has(p.teacherId), 5)],
    ['deputy_head', take((p) => p.title === 'учитель', 3)],
    ['methodist', take((p) => p.title === 'учитель' || p.title === 'воспитатель', 4)],
    ['tutor', take((p) => p.title === 'учитель', 2)],
    ['mentor', take((p) => p.title === 'учитель' || p.title === 'воспитатель', 3)],
    ['association_head', take((p) => p.title === 'учитель', 2)],
    ['adviser', take((p) => p.title === 'учитель', 1)],
  ];
  const kindId = (code: ReservePositionCode | 'adviser') =>
    code === 'adviser' ? adviser.id : kinds.get(code)!;
  const rows: (typeof s.reserveCandidates.$inferInsert)[] = [];
  let order = 1;
  for (const [code, people] of groups) {
    for (const p of people) {
      const included = addMonths(today, -rng.int(3, 30));
      rows.push({
        municipalityId: m,
        organizationId: p.organizationId,
        teacherId: p.teacherId,
        positionKindId: kindId(code),
        orderNumber: `${40 + order++}-к`,
        orderDate: included,
        includedDate: included,
        reviewedDate: rng.chance(0.4) ? addMonths(included, 12) : null,
      });
    }
  }
  // Reviewed no later than today.
  for (const r of rows) if (r.reviewedDate && r.reviewedDate > today) r.reviewedDate = null;
  // Two people from outside, included by the department.
  const outside = [
    { fullName: 'Климова Наталья Сергеевна', contact: '+7 (928) 111-22-33', kind: 'head' as const },
    { fullName: 'Гордеев Павел Андреевич', contact: 'gordeev.pa@example.ru', kind: 'methodist' as const },
  ];
  for (const o of outside) {
    const included = addMonths(today, -rng.int(4, 14));
    rows.push({
      municipalityId: m,
      organizationId: null,
      fullName: o.fullName,
      contact: o.contact,
      positionKindId: kindId(o.kind),
      orderNumber: `${40 + order++}-к`,
      orderDate: included,
      includedDate: included,
    });
  }
  // Three appointed (the first head candidates and a methodist), one excluded.
  const decide = (i: number, patch: Partial<typeof s.reserveCandidates.$inferInsert>) => {
    const r = rows[i];
    const decision = addMonths(r.includedDate, rng.int(2, 8));
    Object.assign(r, { decisionDate: decision > today ? today : decision, ...patch });
  };
  decide(0, {
    status: 'appointed',
    appointedPosition: 'директор',
    appointedOrganizationId: rows[0].organizationId,
  });
  decide(1, {
    status: 'appointed',
    appointedPosition: 'директор',
    appointedOrganizationId: rows[3].organizationId,
  });
  decide(8, { status: 'appointed', appointedPosition: 'методист', appointedOrganizationId: null });
  decide(12, { status: 'excluded', exclusionReason: 'по собственному желанию (переезд в другой район)' });
  const ids = (
    await db.insert(s.reserveCandidates).values(rows).returning({ id: s.reserveCandidates.id })
  ).map((r) => r.id);

  // Development plans: the candidate's last training, a municipal event, and a free item or two.
  const events = await db
    .select({ id: s.events.id })
    .from(s.events)
    .where(and(eq(s.events.municipalityId, m), isNull(s.events.organizationId)))
    .orderBy(asc(s.events.date));
  const items: (typeof s.reservePlanItems.$inferInsert)[] = [];
  for (const [i, row] of rows.entries()) {
    const candidateId = ids[i];
    if (row.teacherId) {
      const [training] = await db
        .select({ id: s.trainings.id })
        .from(s.trainings)
        .where(eq(s.trainings.teacherId, row.teacherId))
        .orderBy(sql`${s.trainings.endDate} desc`)
        .limit(1);
      if (training) items.push({ candidateId, kind: 'training', trainingId: training.id, doneDate: null });
    }
    if (events.length && rng.chance(0.6))
      items.push({
        candidateId,
        kind: 'event',
        eventId: rng.pick(events).id,
        dueDate: addMonths(row.includedDate, 6),
      });
    const due = addMonths(row.includedDate, rng.int(6, 18));
    items.push({
      candidateId,
      kind: 'free',
      title: rng.pick([
        'Стажировка у руководителя опорной школы',
        'Выступление на августовской конференции',
        'Разработка проекта программы развития',
        'Проведение открытого мероприятия для коллег района',
      ]),
      dueDate: due,
      doneDate: due <= today && rng.chance(0.7) ? due : null,
    });
  }
  if (items.length) await db.insert(s.reservePlanItems).values(items);
  return { candidates: ids.length };
}
