import { inOrder } from '../../../db/in-order.ts';
import { formatRuDate, type IsoDate } from '../../../../core/dates.ts';
import { attendanceRate, schoolYearOf, schoolYearPeriod } from '../../../../core/school-year.ts';
import type { Db } from '../../../db/client.ts';
import { associationMeetings } from '../../../db/schema/index.ts';
import { updateIfVersion } from '../../../db/versioned.ts';
import { AppError, notFound, versionConflict } from '../../../errors.ts';
import { diffRecords, recordAudit } from '../../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../../auth/access.ts';
import { assertCanReadAssociation } from '../associations/associations.policy.ts';
import { findAssociationById, type AssociationRow } from '../associations/associations.repository.ts';
import {
  assertCanManageMeetings,
  assertCanSeeAttendance,
  canManageMeetings,
  canSeeAttendance,
} from './meetings.policy.ts';
import {
  deleteMeeting,
  findAttendance,
  findMeetingById,
  findMeetingOverview,
  findMeetings,
  findMeetingYears,
  findMembersDuring,
  insertMeeting,
  replaceAttendance,
  type MeetingWithCounts,
} from './meetings.repository.ts';
import type {
  AttendanceInput,
  CreateMeetingInput,
  MeetingOutput,
  UpdateMeetingInput,
} from './meetings.schema.ts';

type Member = Awaited<ReturnType<typeof findMembersDuring>>[number];

const invalid = (field: string, message: string) =>
  new AppError('validation_failed', message, { field, issues: [{ path: field, message }] });

const isMemberOn = (m: Pick<Member, 'joinedOn' | 'leftOn'>, date: IsoDate) =>
  m.joinedOn <= date && (m.leftOn === null || m.leftOn >= date);

function presentMeeting(row: MeetingWithCounts, members: Member[], today: IsoDate): MeetingOutput {
  const present = Number(row.presentCount);
  const absent = Number(row.absentCount);
  return {
    id: row.id,
    associationId: row.associationId,
    date: row.date,
    topic: row.topic,
    plan: row.plan,
    isHeld: row.isHeld,
    notes: row.notes,
    state: row.isHeld ? 'held' : row.date < today ? 'overdue' : 'planned',
    isDue: row.date <= today,
    presentCount: present,
    absentCount: absent,
    memberCount: members.filter((m) => isMemberOn(m, row.date)).length,
    rate: attendanceRate(present, absent),
    version: row.version,
  };
}

async function loadAssociation(db: Db, id: number, today: IsoDate) {
  const association = await findAssociationById(db, id, today);
  if (!association) throw notFound('Методическое объединение');
  return association;
}

async function loadMeeting(db: Db, id: number, today: IsoDate) {
  const meeting = await findMeetingById(db, id);
  if (!meeting) throw new AppError('not_found', 'Заседание не найдено: возможно, его уже удалили.');
  return { meeting, association: await loadAssociation(db, meeting.associationId, today) };
}

/**
 * The yearly plan of an association: the meetings of the school year (held, ahead, overdue) with the
 * attendance of each, and — for those who may see it — the attendance rate of every member.
 */
export async function getAssociationYear(options: {
  db: Db;
  user: AuthUser;
  associationId: number;
  schoolYear?: number;
  today: IsoDate;
}) {
  const { db, user, today } = options;
  const association = await loadAssociation(db, options.associationId, today);
  assertCanReadAssociation(user, association);
  const schoolYear = options.schoolYear ?? schoolYearOf(today);
  const period = schoolYearPeriod(schoolYear);
  const [rows, members, years] = await inOrder([
    () => findMeetings(db, association.id, period),
    () => findMembersDuring(db, association.id, period, today),
    () => findMeetingYears(db, association.id),
  ]);
  const meetings = rows.map((r) => presentMeeting(r, members, today));
  const maySeeAttendance = canSeeAttendance(user, association);
  const attendance = maySeeAttendance
    ? await findAttendance(
        db,
        rows.map((r) => r.id),
      )
    : [];
  const held = meetings.filter((m) => m.isHeld);
  const rates = held.map((m) => m.rate).filter((r): r is number => r !== null);
  const next = meetings.find((m) => !m.isHeld && m.date >= today);
  return {
    association: {
      id: association.id,
      name: association.name,
      type: association.type,
      level: association.level,
      organizationShortName: association.organizationShortName,
      leaderName: association.leaderName,
    },
    schoolYear,
    period,
    schoolYears: [...new Set([...years, schoolYearOf(today), schoolYear])].sort((a, b) => b - a),
    permissions: { canManage: canManageMeetings(user, association), canSeeAttendance: maySeeAttendance },
    meetings,
    members: maySeeAttendance
      ? members.map((m) => {
          const own = attendance.filter((a) => a.teacherId === m.teacherId);
          const present = own.filter((a) => a.isPresent).length;
          const absent = own.length - present;
          return {
            teacherId: m.teacherId,
            teacherName: m.teacherName,
            organizationShortName: m.organizationShortName,
            positionTitle: m.positionTitle,
            present,
            absent,
            rate: attendanceRate(present, absent),
          };
        })
      : [],
    summary: {
      planned: meetings.length,
      held: held.length,
      overdue: meetings.filter((m) => m.state === 'overdue').length,
      averageRate: rates.length ? Math.round(rates.reduce((a, b) => a + b, 0) / rates.length) : null,
      next: next ? { date: next.date, topic: next.topic } : null,
    },
  };
}

/** Associations the user may read, with their meetings of the school year: the index of plans. */
export async function getMeetingOverview(options: {
  db: Db;
  user: AuthUser;
  schoolYear?: number;
  today: IsoDate;
}) {
  const period = schoolYearPeriod(options.schoolYear ?? schoolYearOf(options.today));
  const rows = await findMeetingOverview(options.db, options.user, period, options.today);
  // Municipal associations first, then each organization's ШМО together.
  rows.sort(
    (a, b) => (a.organizationId ?? 0) - (b.organizationId ?? 0) || a.name.localeCompare(b.name, 'ru'),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    level: r.level,
    organizationShortName: r.organizationShortName,
    leaderName: r.leaderName,
    memberCount: Number(r.memberCount),
    planned: Number(r.planned),
    held: Number(r.held),
    nextDate: r.nextDate,
    canManage: canManageMeetings(options.user, r),
  }));
}

function assertMeetingDate(association: AssociationRow, date: IsoDate, isHeld: boolean, today: IsoDate) {
  if (date < association.startDate)
    throw invalid(
      'date',
      `«Дата»: объединение работает с ${formatRuDate(association.startDate)} — заседание не может быть раньше.`,
    );
  if (association.endDate && date > association.endDate)
    throw invalid(
      'date',
      `«Дата»: объединение закрыто ${formatRuDate(association.endDate)} — заседание не может быть позже.`,
    );
  if (isHeld && date > today)
    throw invalid('isHeld', '«Состоялось»: заседание с датой в будущем ещё не могло состояться.');
}

const describe = (a: AssociationRow, m: { date: string; topic: string }) =>
  `заседание «${m.topic}» ${formatRuDate(m.date)}, ${a.name}`;

const auditOwner = (a: AssociationRow) => ({
  municipalityId: a.municipalityId,
  organizationId: a.organizationId,
});

export async function createMeeting(options: {
  db: Db;
  actor: Actor;
  associationId: number;
  input: CreateMeetingInput;
  today: IsoDate;
}) {
  const { db, actor, input, today } = options;
  const user = requireUser(actor.user);
  return db.transaction(async (tx) => {
    const association = await loadAssociation(tx, options.associationId, today);
    assertCanManageMeetings(user, association);
    assertMeetingDate(association, input.date, input.isHeld ?? false, today);
    const id = await insertMeeting(tx, {
      associationId: association.id,
      date: input.date,
      topic: input.topic,
      plan: input.plan ?? null,
      isHeld: input.isHeld ?? false,
      notes: input.notes ?? null,
    });
    const row = (await findMeetingById(tx, id))!;
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'association_meeting',
      entityId: id,
      ...auditOwner(association),
      summary: `Запланировано ${describe(association, row)}`,
      after: { date: row.date, topic: row.topic, isHeld: row.isHeld },
    });
    return presentMeeting(
      row,
      await findMembersDuring(tx, association.id, { from: row.date, to: row.date }, today),
      today,
    );
  });
}

export async function updateMeeting(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdateMeetingInput;
  today: IsoDate;
}) {
  const { db, actor, today } = options;
  const user = requireUser(actor.user);
  const { version, ...patch } = options.input;
  return db.transaction(async (tx) => {
    const { meeting, association } = await loadMeeting(tx, options.id, today);
    assertCanManageMeetings(user, association);
    const merged = { ...meeting, ...patch };
    assertMeetingDate(association, merged.date, merged.isHeld, today);
    if (patch.isHeld === false && Number(meeting.presentCount) + Number(meeting.absentCount) > 0)
      throw invalid(
        'isHeld',
        '«Состоялось»: по заседанию уже отмечена посещаемость — снимите отметки, прежде чем переносить его в план.',
      );
    if (!(await updateIfVersion(tx, associationMeetings, meeting.id, version, patch)))
      throw versionConflict();
    const after = (await findMeetingById(tx, meeting.id))!;
    const diff = diffRecords(meeting, after);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'association_meeting',
      entityId: meeting.id,
      ...auditOwner(association),
      summary: `Изменено ${describe(association, after)}`,
      before: diff.before,
      after: diff.after,
    });
    return presentMeeting(
      after,
      await findMembersDuring(tx, association.id, { from: after.date, to: after.date }, today),
      today,
    );
  });
}

export async function removeMeeting(options: { db: Db; actor: Actor; id: number; today: IsoDate }) {
  const { db, actor, today } = options;
  const user = requireUser(actor.user);
  await db.transaction(async (tx) => {
    const { meeting, association } = await loadMeeting(tx, options.id, today);
    assertCanManageMeetings(user, association);
    await deleteMeeting(tx, meeting.id);
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'association_meeting',
      entityId: meeting.id,
      ...auditOwner(association),
      summary: `Удалено ${describe(association, meeting)}`,
      before: { date: meeting.date, topic: meeting.topic, isHeld: meeting.isHeld },
    });
  });
  return { deleted: true as const, message: 'Заседание удалено из плана.' };
}

/** The members on the meeting's date with their mark (null: not marked yet). */
export async function getMeetingAttendance(options: { db: Db; user: AuthUser; id: number; today: IsoDate }) {
  const { db, user, today } = options;
  const { meeting, association } = await loadMeeting(db, options.id, today);
  assertCanSeeAttendance(user, association);
  const members = await findMembersDuring(
    db,
    association.id,
    { from: meeting.date, to: meeting.date },
    today,
  );
  const marks = new Map((await findAttendance(db, [meeting.id])).map((a) => [a.teacherId, a.isPresent]));
  return {
    meeting: presentMeeting(meeting, members, options.today),
    entries: members.map((m) => ({
      teacherId: m.teacherId,
      teacherName: m.teacherName,
      organizationShortName: m.organizationShortName,
      isPresent: marks.get(m.teacherId) ?? null,
    })),
  };
}

/**
 * Records who was present: the marks replace the earlier ones, and the meeting counts as held. Only
 * members on the meeting's date can be marked, and only once the date has come.
 */
export async function saveMeetingAttendance(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: AttendanceInput;
  today: IsoDate;
}) {
  const { db, actor, input, today } = options;
  const user = requireUser(actor.user);
  await db.transaction(async (tx) => {
    const { meeting, association } = await loadMeeting(tx, options.id, today);
    assertCanManageMeetings(user, association);
    if (meeting.date > today)
      throw new AppError(
        'conflict',
        `Заседание назначено на ${formatRuDate(meeting.date)}: посещаемость отмечается после него.`,
      );
    const members = await findMembersDuring(
      tx,
      association.id,
      { from: meeting.date, to: meeting.date },
      today,
    );
    const names = new Map(members.map((m) => [m.teacherId, m.teacherName]));
    const seen = new Set<number>();
    for (const entry of input.entries) {
      if (!names.has(entry.teacherId))
        throw invalid(
          'entries',
          `Педагог (id ${entry.teacherId}) не состоял в объединении на ${formatRuDate(meeting.date)}: отметить его нельзя.`,
        );
      if (seen.has(entry.teacherId))
        throw invalid('entries', `${names.get(entry.teacherId)} отмечен(а) дважды.`);
      seen.add(entry.teacherId);
    }
    const patch = { isHeld: true, ...(input.notes === undefined ? {} : { notes: input.notes }) };
    if (!(await updateIfVersion(tx, associationMeetings, meeting.id, input.version, patch)))
      throw versionConflict();
    await replaceAttendance(tx, meeting.id, input.entries);
    const present = input.entries.filter((e) => e.isPresent).length;
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'association_meeting',
      entityId: meeting.id,
      ...auditOwner(association),
      summary: `Отмечена посещаемость: ${describe(association, meeting)} — присутствовали ${present} из ${input.entries.length}`,
      before: { presentCount: Number(meeting.presentCount), absentCount: Number(meeting.absentCount) },
      after: { presentCount: present, absentCount: input.entries.length - present },
    });
  });
  return getMeetingAttendance({ db, user, id: options.id, today });
}
