import { eq } from 'drizzle-orm';
import { inOrder } from '../../db/in-order.ts';
import { ageAt, experienceAt, isYoungTeacher } from '../../../core/dates.ts';
import type { AggregateCallNode, Condition, Literal } from '../../../core/formula/index.ts';
import { splitWindow, yearsWindow } from '../../../core/formula/index.ts';
import type { ReportingPeriod } from '../../../core/indicators/period.ts';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema/index.ts';
import { decidedWithin, inReserveDuring, isInReserveOn } from '../../../core/reserve/reserve.ts';
import { DEFAULT_YOUNG_TEACHER_RULE, isoDate } from '../../../core/dates.ts';
import { schoolYearOf } from '../../../core/school-year.ts';
import {
  forecastStaffing,
  observeAttrition,
  organizationOn,
  type TeacherHistory,
} from '../../../core/registry/staffing-forecast.ts';

/**
 * An independent, in-memory evaluation of the formula semantics of docs/formulas.md, used only by tests to
 * check the SQL compiler on realistic data. It loads plain rows and counts them in JavaScript.
 */
export async function loadReferenceData(db: Db) {
  const [
    organizations,
    teachers,
    positions,
    subjects,
    educations,
    certifications,
    diagnostics,
    trainings,
    providers,
    routes,
    pairs,
    programs,
    associations,
    members,
    events,
    participations,
    competitions,
    vacancies,
    acts,
    candidates,
    positionKinds,
    targetStudents,
    groupMembers,
    surveys,
    surveyResponses,
    answerItems,
  ] = await inOrder([
    db.select().from(s.organizations),
    db.select().from(s.teachers),
    db.select().from(s.positions),
    db.select().from(s.teacherSubjects),
    db.select().from(s.educations),
    db.select().from(s.certifications),
    db.select().from(s.diagnostics),
    db.select().from(s.trainings),
    db.select().from(s.providers),
    db.select().from(s.routes),
    db.select().from(s.mentoringPairs),
    db.select().from(s.mentoringPrograms),
    db.select().from(s.associations),
    db.select().from(s.associationMembers),
    db.select().from(s.events),
    db.select().from(s.eventParticipations),
    db.select().from(s.competitionParticipations),
    db.select().from(s.vacancies),
    db.select().from(s.normativeActs),
    db.select().from(s.reserveCandidates),
    db.select().from(s.reservePositionKinds),
    db.select().from(s.targetStudents),
    db
      .select({ organizationId: s.organizationGroupMembers.organizationId, name: s.organizationGroups.name })
      .from(s.organizationGroupMembers)
      .innerJoin(s.organizationGroups, eq(s.organizationGroups.id, s.organizationGroupMembers.groupId)),
    db.select().from(s.surveys),
    db.select().from(s.surveyResponses),
    db.select().from(s.surveyAnswerItems),
  ]);
  const groupNames = new Map<number, string[]>();
  for (const m of groupMembers)
    groupNames.set(m.organizationId, [...(groupNames.get(m.organizationId) ?? []), m.name]);
  const byTeacher = <T extends { teacherId: number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const r of rows) map.set(r.teacherId, [...(map.get(r.teacherId) ?? []), r]);
    return (id: number) => map.get(id) ?? [];
  };
  return {
    organizations,
    teachers: new Map(teachers.map((t) => [t.id, t])),
    positions,
    subjectsOf: byTeacher(subjects),
    educationsOf: byTeacher(educations),
    certificationsOf: byTeacher(certifications),
    diagnosticsOf: byTeacher(diagnostics),
    trainingsOf: byTeacher(trainings),
    routesOf: byTeacher(routes),
    providers: new Map(providers.map((p) => [p.id, p])),
    pairs,
    programs,
    associations: new Map(associations.map((a) => [a.id, a])),
    associationList: associations,
    membersOf: byTeacher(members),
    events: new Map(events.map((e) => [e.id, e])),
    eventList: events,
    participationsOf: byTeacher(participations),
    participationList: participations,
    competitionsOf: byTeacher(competitions),
    vacancies,
    acts,
    candidates,
    positionKinds: new Map(positionKinds.map((k) => [k.id, k])),
    targetStudents,
    surveys: new Map(surveys.map((x) => [x.id, x])),
    surveyResponses: new Map(surveyResponses.map((x) => [x.id, x])),
    answerItems,
    /** The names of the department's groups an organization is in (`orgGroup`). */
    groupNamesOf: (organizationId: number | null) =>
      organizationId === null ? [] : (groupNames.get(organizationId) ?? []),
  };
}
type Data = Awaited<ReturnType<typeof loadReferenceData>>;

const v = (l: Literal) => l.value;
function cmp(actual: unknown, op: string, expected: unknown): boolean {
  switch (op) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '<':
      return (actual as number) < (expected as number);
    case '<=':
      return (actual as number) <= (expected as number);
    case '>':
      return (actual as number) > (expected as number);
    default:
      return (actual as number) >= (expected as number);
  }
}

/** Evaluates a condition with a per-filter lookup: `get(name)` gives the value (or a list for "any of"). */
function holds(
  cond: Condition | null,
  lookup: (name: string) => unknown,
  nested: (name: string, node: Condition) => boolean,
): boolean {
  if (!cond) return true;
  const any = (name: string, test: (x: unknown) => boolean) => {
    const value = lookup(name);
    return Array.isArray(value) ? value.some(test) : test(value);
  };
  switch (cond.kind) {
    case 'and':
      return cond.operands.every((c) => holds(c, lookup, nested));
    case 'or':
      return cond.operands.some((c) => holds(c, lookup, nested));
    case 'not':
      return !holds(cond.operand, lookup, nested);
    case 'flag': {
      const value = lookup(cond.name);
      return value === undefined ? nested(cond.name, cond) : Boolean(value);
    }
    case 'nested':
      return nested(cond.name, cond);
    case 'compare':
      if (cond.operator === '!=' && Array.isArray(lookup(cond.name)))
        return !any(cond.name, (x) => x === v(cond.value));
      return any(cond.name, (x) => cmp(x, cond.operator, v(cond.value)));
    case 'in':
      return any(cond.name, (x) => cond.values.some((l) => x === v(l)));
  }
}

const between = (d: string, w: { start: string; end: string }) => d >= w.start && d <= w.end;
const overlaps = (from: string, to: string | null, w: { start: string; end: string }) =>
  from <= w.end && (!to || to >= w.start);

/** The conditions on one candidate of the reserve (docs/formulas.md), with core/reserve's rules. */
function candidateFacts(data: Data, c: Data['candidates'][number], period: ReportingPeriod) {
  const kind = data.positionKinds.get(c.positionKindId)!;
  return (n: string): unknown =>
    ({
      position: kind.code ?? '',
      positionName: kind.name,
      inReserve: isInReserveOn(c, period.end),
      appointed: decidedWithin(c, 'appointed', period.start, period.end),
      excluded: decidedWithin(c, 'excluded', period.start, period.end),
    })[n];
}

function windowOf(node: Condition, period: ReportingPeriod) {
  const { years, rest } = splitWindow({ filter: node.kind === 'nested' ? node.filter : null });
  const window =
    years === null ? { start: period.start, end: period.end } : yearsWindow(period.referenceDate, years);
  return { window, rest };
}

/** Per organization and municipal total of one call, counted in JavaScript. */
export function referenceCount(
  data: Data,
  /** One municipality, or a region's set of them (a teacher working in two of them is counted once). */
  scope: number | number[],
  period: ReportingPeriod,
  call: AggregateCallNode,
) {
  const ref = period.referenceDate;
  const covered = new Set(Array.isArray(scope) ? scope : [scope]);
  const inScope = (municipalityId: number) => covered.has(municipalityId);
  const orgs = new Map(
    data.organizations.filter((o) => inScope(o.municipalityId) && o.isActive).map((o) => [o.id, o]),
  );
  const byOrg = new Map<number, number>();
  let total = 0;
  let withoutOrg = 0;
  const add = (orgId: number | null, n = 1) => {
    if (orgId === null) withoutOrg += n;
    else byOrg.set(orgId, (byOrg.get(orgId) ?? 0) + n);
    total += n;
  };
  const noNested = () => false;
  const active = data.positions.filter(
    (p) => orgs.has(p.organizationId) && p.startDate <= ref && (!p.endDate || p.endDate >= ref),
  );

  if (call.name === 'teachers') {
    const perOrg = new Map<number, Set<number>>();
    const all = new Set<number>();
    for (const p of active) {
      const t = data.teachers.get(p.teacherId)!;
      const o = orgs.get(p.organizationId)!;
      const nested = (name: string, node: Condition): boolean => {
        const { window, rest } = windowOf(node, period);
        const sub = (lookup: (n: string) => unknown) => holds(rest, lookup, noNested);
        switch (name) {
          case 'certified':
            return data
              .certificationsOf(t.id)
              .some((c) => between(c.date, window) && sub((n) => (n === 'result' ? c.result : undefined)));
          case 'diagnosed':
            return data.diagnosticsOf(t.id).some(
              (d) =>
                between(d.date, window) &&
                sub(
                  (n) =>
                    ({
                      level: d.level,
                      area: d.areas,
                      instrument: d.instrument,
                      deficit: d.deficitCodes,
                      withDeficits: d.deficitCodes.length > 0,
                    })[n],
                ),
            );
          case 'trained':
            return data.trainingsOf(t.id).some(
              (x) =>
                between(x.endDate, window) &&
                sub(
                  (n) =>
                    ({
                      type: x.type,
                      topic: x.topics,
                      provider: x.providerId ? data.providers.get(x.providerId)!.kind : null,
                      hours: x.hours,
                      format: x.format,
                      deficit: x.deficitCodes,
                    })[n],
                ),
            );
          case 'route':
            return data.routesOf(t.id).some(
              (r) =>
                overlaps(r.startDate, r.endDate, window) &&
                sub(
                  (n) =>
                    ({
                      curator: r.curatorId !== null || Boolean(r.curatorName),
                      tutor: r.tutorId !== null || Boolean(r.tutorName),
                      registeredCurator: r.curatorId !== null,
                      registeredTutor: r.tutorId !== null,
                      fromDiagnostic: r.diagnosticId !== null,
                      status: r.status,
                    })[n],
                ),
            );
          case 'mentor':
          case 'mentee':
            return data.pairs.some(
              (mp) =>
                (name === 'mentor' ? mp.mentorId : mp.menteeId) === t.id &&
                overlaps(mp.startDate, mp.endDate, window) &&
                sub((n) => (n === 'form' ? mp.form : undefined)),
            );
          case 'member':
            return data.membersOf(t.id).some((m) => {
              const a = data.associations.get(m.associationId)!;
              return (
                overlaps(m.joinedOn, m.leftOn, window) &&
                overlaps(a.startDate, a.endDate, window) &&
                sub((n) => ({ level: a.level, type: a.type, subject: a.subject })[n])
              );
            });
          case 'event':
            return data.participationsOf(t.id).some((ep) => {
              const e = data.events.get(ep.eventId)!;
              return (
                between(e.date, window) &&
                sub(
                  (n) =>
                    ({
                      level: e.level,
                      format: e.format,
                      type: e.type,
                      deficit: e.deficitCodes,
                      role: ep.role,
                    })[n],
                )
              );
            });
          case 'reserved':
            return data.candidates.some(
              (c) =>
                c.teacherId === t.id &&
                inReserveDuring(c, period.start, period.end) &&
                sub(candidateFacts(data, c, period)),
            );
          case 'competition':
            return data
              .competitionsOf(t.id)
              .some(
                (c) =>
                  between(c.date, window) &&
                  sub((n) => ({ level: c.level, result: c.result, name: c.name })[n]),
              );
        }
        return false;
      };
      const lookup = (name: string): unknown =>
        ({
          orgKind: o.kind,
          orgGroup: data.groupNamesOf(o.id),
          lowResults: o.isLowResults,
          hardSocial: o.isHardSocialConditions,
          position: p.title,
          mainJob: p.isMainJob,
          subject: data.subjectsOf(t.id).map((x) => x.subject),
          manager: t.isManager,
          young: isYoungTeacher(t, ref, period.youngRule),
          experience: experienceAt(t.pedagogicalStartDate, ref),
          age: ageAt(t.birthDate, ref),
          sex: t.sex,
          educationMatches: data.educationsOf(t.id).some((e) => e.matchesProfile),
          education: data.educationsOf(t.id).map((e) => e.level),
          category: t.qualificationCategory,
        })[name];
      if (!holds(call.filter, lookup, nested)) continue;
      perOrg.set(p.organizationId, (perOrg.get(p.organizationId) ?? new Set()).add(t.id));
      all.add(t.id);
    }
    return {
      byOrg: new Map([...perOrg].map(([k, set]) => [k, set.size])),
      total: all.size,
      withoutOrg: 0,
      shared: false,
    };
  }
  if (call.name === 'organizations') {
    for (const o of orgs.values())
      if (
        holds(
          call.filter,
          (n) =>
            ({
              kind: o.kind,
              lowResults: o.isLowResults,
              hardSocial: o.isHardSocialConditions,
              orgGroup: data.groupNamesOf(o.id),
            })[n],
          noNested,
        )
      )
        add(o.id);
  }
  if (call.name === 'positions') {
    for (const p of active)
      if (
        holds(
          call.filter,
          (n) =>
            ({
              mainJob: p.isMainJob,
              orgKind: orgs.get(p.organizationId)!.kind,
              orgGroup: data.groupNamesOf(p.organizationId),
              position: p.title,
            })[n],
          noNested,
        )
      )
        add(p.organizationId);
  }
  if (call.name === 'vacancies') {
    const months = data.vacancies
      .filter((x) => orgs.has(x.organizationId) && x.month <= ref && x.month >= period.start)
      .map((x) => x.month);
    const latest = months.sort().at(-1);
    for (const x of data.vacancies) {
      if (x.month !== latest || !orgs.has(x.organizationId)) continue;
      if (
        holds(
          call.filter,
          (n) =>
            ({
              position: x.position,
              subject: x.subject,
              orgKind: orgs.get(x.organizationId)!.kind,
              orgGroup: data.groupNamesOf(x.organizationId),
            })[n],
          noNested,
        )
      )
        add(x.organizationId, x.count);
    }
  }
  if (call.name === 'mentoringPrograms' || call.name === 'mentoringPairs') {
    const rows =
      call.name === 'mentoringPrograms'
        ? data.programs.map((x) => ({ ...x, form: undefined as string | undefined }))
        : data.pairs;
    for (const x of rows) {
      if (!orgs.has(x.organizationId) || !overlaps(x.startDate, x.endDate, period)) continue;
      if (
        holds(
          call.filter,
          (n) =>
            ({
              orgKind: orgs.get(x.organizationId)!.kind,
              orgGroup: data.groupNamesOf(x.organizationId),
              form: 'form' in x ? x.form : undefined,
            })[n],
          noNested,
        )
      )
        add(x.organizationId);
    }
  }
  if (call.name === 'associations') {
    for (const a of data.associationList) {
      if (!inScope(a.municipalityId) || !overlaps(a.startDate, a.endDate, period)) continue;
      if (holds(call.filter, (n) => ({ level: a.level, type: a.type, subject: a.subject })[n], noNested))
        add(a.organizationId);
    }
  }
  if (call.name === 'events') {
    for (const e of data.eventList) {
      if (!inScope(e.municipalityId) || !between(e.date, period)) continue;
      const byYoung = () =>
        data.participationList.some((ep) => {
          const t = data.teachers.get(ep.teacherId);
          return (
            ep.eventId === e.id && ep.role === 'speaker' && !!t && isYoungTeacher(t, ref, period.youngRule)
          );
        });
      const facts = (n: string) =>
        n === 'byYoung'
          ? byYoung()
          : (
              { level: e.level, format: e.format, type: e.type, deficit: e.deficitCodes } as Record<
                string,
                unknown
              >
            )[n];
      if (holds(call.filter, facts, noNested)) add(e.organizationId);
    }
  }
  if (call.name === 'acts') {
    for (const a of data.acts) {
      if (!inScope(a.municipalityId) || a.validFrom > ref || (a.validTo && a.validTo < ref)) continue;
      if (
        holds(
          call.filter,
          (n) => ({ kind: a.kind, level: a.organizationId === null ? 'municipal' : 'organization' })[n],
          noNested,
        )
      )
        add(a.organizationId);
    }
    return { byOrg, total, withoutOrg, shared: true };
  }
  if (call.name === 'reserve') {
    for (const c of data.candidates) {
      if (!inScope(c.municipalityId) || !inReserveDuring(c, period.start, period.end)) continue;
      if (c.organizationId !== null && !orgs.has(c.organizationId)) continue;
      const facts = candidateFacts(data, c, period);
      const lookup = (n: string): unknown =>
        n === 'fromRegistry'
          ? c.teacherId !== null
          : n === 'orgGroup'
            ? data.groupNamesOf(c.organizationId)
            : n === 'orgKind'
              ? c.organizationId === null
                ? ''
                : orgs.get(c.organizationId)!.kind
              : facts(n);
      if (holds(call.filter, lookup, noNested)) add(c.organizationId);
    }
  }
  if (call.name === 'staffingNeed') {
    // The staffing forecast is a municipality's (as on the server: the context's municipalityId stands for a set).
    const need = staffingNeedOf(data, Array.isArray(scope) ? scope[0] : scope, ref);
    let sum = 0;
    for (const o of [...orgs.values()].sort((a, b) => a.id - b.id)) {
      if (!holds(call.filter, (n) => ({ orgKind: o.kind })[n], noNested)) continue;
      const value = need.get(o.id) ?? 0;
      byOrg.set(o.id, Math.round(value * 100) / 100);
      sum += value;
    }
    return { byOrg, total: Math.round(sum * 100) / 100, withoutOrg: 0, shared: false };
  }
  if (call.name === 'answers' || call.name === 'answerSum')
    return referenceAnswers(data, inScope, period, call, orgs);
  return { byOrg, total, withoutOrg, shared: false };
}

/**
 * `answers(…)` / `answerSum(…)` with the threshold of anonymity as the results page applies it: an organization
 * with fewer respondents of the call (its filter without `value`/`answer`) than the threshold is NaN; the total
 * leaves such organizations out unless, within every kind, together they reach the threshold.
 */
function referenceAnswers(
  data: Data,
  inScope: (municipalityId: number) => boolean,
  period: ReportingPeriod,
  call: AggregateCallNode,
  orgs: Map<number, Data['organizations'][number]>,
) {
  const whom = (c: Condition | null): Condition | null => {
    const isAnswer = (x: Condition) => 'name' in x && (x.name === 'value' || x.name === 'answer');
    if (!c || isAnswer(c)) return null;
    if (c.kind !== 'and') return c;
    const kept = c.operands.filter((x) => !isAnswer(x));
    return kept.length ? { ...c, operands: kept } : null;
  };
  const perOrg = new Map<number, { measure: number; respondents: Set<number>; threshold: number | null }>();
  for (const item of data.answerItems) {
    const survey = data.surveys.get(item.surveyId)!;
    const response = data.surveyResponses.get(item.responseId)!;
    const o = orgs.get(item.organizationId);
    if (!inScope(survey.municipalityId) || !o || !between(response.answeredOn, period)) continue;
    const facts = (n: string) =>
      ({
        survey: survey.code,
        question: item.question,
        value: item.value,
        answer: item.text,
        orgKind: o.kind,
      })[n];
    const entry = perOrg.get(o.id) ?? { measure: 0, respondents: new Set(), threshold: null };
    perOrg.set(o.id, entry);
    if (holds(whom(call.filter), facts, () => false)) {
      entry.respondents.add(item.responseId);
      entry.threshold = Math.max(entry.threshold ?? 0, survey.threshold);
    }
    if (holds(call.filter, facts, () => false))
      entry.measure += call.name === 'answers' ? 1 : (item.value ?? 0);
  }
  const thresholds = [...perOrg.values()].flatMap((e) => (e.threshold === null ? [] : [e.threshold]));
  const threshold = thresholds.length ? Math.max(...thresholds) : 5;
  const byOrg = new Map<number, number>();
  const hiddenByKind = new Map<string, number>();
  for (const [id, e] of perOrg) {
    const isHidden = e.respondents.size < (e.threshold ?? 5);
    byOrg.set(id, isHidden ? Number.NaN : e.measure);
    if (isHidden && e.respondents.size > 0) {
      const kind = orgs.get(id)!.kind;
      hiddenByKind.set(kind, (hiddenByKind.get(kind) ?? 0) + e.respondents.size);
    }
  }
  const isComplete = [...hiddenByKind.values()].every((n) => n >= threshold);
  let total = 0;
  let respondents = 0;
  for (const [id, e] of perOrg) {
    if (!isComplete && Number.isNaN(byOrg.get(id))) continue;
    total += e.measure;
    respondents += e.respondents.size;
  }
  return {
    byOrg,
    total: respondents < threshold ? Number.NaN : total,
    withoutOrg: 0,
    shared: false,
  };
}

/**
 * The rows of the staffing forecast gathered from the plain tables (the server's queries are what this checks;
 * the arithmetic is core/registry/staffing-forecast.ts, tested by hand there): the need of the next school year.
 */
function staffingNeedOf(data: Data, municipalityId: number, ref: string): Map<number, number> {
  const current = schoolYearOf(ref);
  const observedYears = [current - 3, current - 2, current - 1];
  const since = isoDate(observedYears[0], 9, 1);
  const ofMunicipality = new Set(
    data.organizations.filter((o) => o.municipalityId === municipalityId).map((o) => o.id),
  );
  const active = new Set(
    data.organizations.filter((o) => o.municipalityId === municipalityId && o.isActive).map((o) => o.id),
  );
  const histories: TeacherHistory[] = [];
  for (const t of data.teachers.values()) {
    if (t.municipalityId !== municipalityId) continue;
    const jobs = data.positions.filter(
      (p) =>
        p.teacherId === t.id && ofMunicipality.has(p.organizationId) && (!p.endDate || p.endDate >= since),
    );
    if (!jobs.length) continue;
    histories.push({
      sex: t.sex,
      birthDate: t.birthDate,
      pedagogicalStartDate: t.pedagogicalStartDate,
      subjects: data.subjectsOf(t.id).map((x) => x.subject),
      positions: jobs,
    });
  }
  const observed = observeAttrition(histories, observedYears, DEFAULT_YOUNG_TEACHER_RULE);
  const lastMonth = new Map<number, string>();
  for (const v of data.vacancies) {
    if (!active.has(v.organizationId) || v.month > ref) continue;
    if ((lastMonth.get(v.organizationId) ?? '') < v.month) lastMonth.set(v.organizationId, v.month);
  }
  const forecast = forecastStaffing({
    referenceDate: ref,
    horizon: 1,
    teachers: histories.flatMap((t) => {
      const organizationId = organizationOn(t, ref);
      return organizationId !== null && active.has(organizationId) ? [{ ...t, organizationId }] : [];
    }),
    rates: observed.rates,
    vacancies: data.vacancies.filter((v) => lastMonth.get(v.organizationId) === v.month),
    youngInflow: observed.youngInflow.filter((y) => active.has(y.organizationId)),
    graduates: data.targetStudents.filter(
      (g) => active.has(g.organizationId) && g.graduationYear === current + 1,
    ),
  });
  const need = new Map<number, number>();
  for (const c of forecast.cells) need.set(c.organizationId, (need.get(c.organizationId) ?? 0) + c.need);
  return need;
}
