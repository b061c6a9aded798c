import { inOrder } from '../../db/in-order.ts';
import { certificationDue } from '../../../core/certification.ts';
import {
  ageAt,
  DEFAULT_YOUNG_TEACHER_RULE,
  experienceAt,
  isYoungTeacher,
  type IsoDate,
} from '../../../core/dates.ts';
import { schoolYearOf, schoolYearPeriod } from '../../../core/school-year.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireUser, type Actor } from '../auth/access.ts';
import { findRoutesOfTeacher } from '../iom/iom.repository.ts';
import { presentRoutes } from '../iom/route-view.ts';
import { fullNameOf, loadTeacherContext } from '../teachers/teacher-access.ts';
import { findPositionsOfTeacher } from '../teachers/teachers.repository.ts';
import {
  findCompetitionsOf,
  findDeficitTitles,
  findDiagnosticsOf,
  findLastCertification,
  findMeetingsOfAssociations,
  findMembershipsOf,
  findPairsOf,
  findParticipationsOf,
  findSubjectsOf,
  findTrainingsOf,
} from './cabinet.repository.ts';

/**
 * The teacher's own cabinet: its profile, diagnostics and deficits, ИОМ with progress, mentoring,
 * associations with the meetings ahead, events and competitions. Scoped to the teacher the account is
 * linked to — there is no parameter that could name anyone else.
 */
export async function getMyCabinet(options: { db: Db; actor: Actor; today: IsoDate }) {
  const { db, actor, today } = options;
  const user = requireUser(actor.user);
  if (user.teacherId === null)
    throw new AppError('not_found', 'Учётная запись не связана с педагогом: личный кабинет недоступен.');
  const ctx = await loadTeacherContext(db, user, user.teacherId, today);
  const t = ctx.teacher;
  const [positions, subjects, [certification], diagnosticRows, routeRows, trainings, pairs, memberships] =
    await inOrder([
      () => findPositionsOfTeacher(db, t.id),
      () => findSubjectsOf(db, t.id),
      () => findLastCertification(db, t.id),
      () => findDiagnosticsOf(db, t.id),
      () => findRoutesOfTeacher(db, t.id),
      () => findTrainingsOf(db, t.id),
      () => findPairsOf(db, t.id),
      () => findMembershipsOf(db, t.id),
    ]);
  const [participations, competitions, routes, deficits] = await inOrder([
    () => findParticipationsOf(db, t.id),
    () => findCompetitionsOf(db, t.id),
    () => presentRoutes(db, routeRows, { user, ctx, today }),
    () => findDeficitTitles(db, [...new Set(diagnosticRows.flatMap((d) => d.deficitCodes))]),
  ]);
  const current = memberships.filter((m) => m.leftOn === null || m.leftOn >= today);
  const schoolYear = schoolYearOf(today);
  const meetings = await findMeetingsOfAssociations(
    db,
    t.id,
    current.map((m) => m.associationId),
    schoolYearPeriod(schoolYear),
  );
  await recordAudit(db, actor, {
    action: 'view_personal',
    entity: 'teacher',
    entityId: t.id,
    municipalityId: t.municipalityId,
    organizationId: ctx.organizationId,
    summary: `Педагог открыл личный кабинет`,
  });
  const upcoming = meetings.filter((m) => !m.isHeld && m.date >= today);
  return {
    referenceDate: today,
    schoolYear,
    profile: {
      id: t.id,
      fullName: fullNameOf(t),
      age: ageAt(t.birthDate, today),
      experience: experienceAt(t.pedagogicalStartDate, today),
      isYoung: isYoungTeacher(t, today, DEFAULT_YOUNG_TEACHER_RULE),
      qualificationCategory: t.qualificationCategory,
      categoryDate: t.categoryDate,
      lastCertification: certification ?? null,
      certification: certificationDue({
        categoryDate: t.categoryDate,
        lastCertificationDate: certification?.date ?? null,
        today,
      }),
      subjects,
      positions: positions
        .filter((p) => p.endDate === null || p.endDate >= today)
        .map((p) => ({
          organizationShortName: p.organizationShortName,
          title: p.title,
          isMainJob: p.isMainJob,
        })),
    },
    diagnostics: diagnosticRows.map((d) => ({
      id: d.id,
      date: d.date,
      level: d.level,
      instrument: d.instrument,
      score: d.score,
      maxScore: d.maxScore,
      routeId: d.routeId === null ? null : Number(d.routeId),
      deficits: d.deficitCodes.map((code) => ({
        code,
        title: deficits.get(code)?.title ?? code,
        area: deficits.get(code)?.area ?? null,
      })),
    })),
    routes,
    trainings,
    mentoring: pairs.map((p) => {
      const isMentor = p.mentorId === t.id;
      return {
        id: p.id,
        role: isMentor ? ('mentor' as const) : ('mentee' as const),
        partnerName: isMentor ? p.menteeName : p.mentorName,
        form: p.form,
        programTitle: p.programTitle,
        organizationShortName: p.organizationShortName,
        startDate: p.startDate,
        endDate: p.endDate,
        outcome: p.outcome,
        isActive: p.endDate === null || p.endDate >= today,
      };
    }),
    associations: memberships.map((m) => {
      const own = meetings.filter((x) => x.associationId === m.associationId);
      const marked = own.filter((x) => x.isPresent !== null);
      return {
        id: m.associationId,
        name: m.name,
        type: m.type,
        level: m.level,
        leaderName: m.leaderName,
        joinedOn: m.joinedOn,
        leftOn: m.leftOn,
        isCurrent: m.leftOn === null || m.leftOn >= today,
        meetingsPlanned: own.length,
        meetingsHeld: own.filter((x) => x.isHeld).length,
        attended: marked.filter((x) => x.isPresent).length,
        marked: marked.length,
      };
    }),
    upcomingMeetings: upcoming.slice(0, 8).map((m) => ({
      id: m.id,
      associationId: m.associationId,
      associationName: current.find((a) => a.associationId === m.associationId)!.name,
      date: m.date,
      topic: m.topic,
      plan: m.plan,
    })),
    events: participations,
    competitions,
  };
}
