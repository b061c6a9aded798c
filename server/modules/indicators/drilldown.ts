import { sql, type SQL } from 'drizzle-orm';
import {
  collectCalls,
  describeCall,
  parseFormula,
  type AggregateCallNode,
  type AggregateName,
} from '../../../core/formula/index.ts';
import { queryRows, type Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { canAccessMunicipality, isRegionalReaderOf, requireUser, type Actor } from '../auth/access.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import { AGGREGATES } from './compiler/aggregates.ts';
import { compileCondition } from './compiler/conditions.ts';
import type { ComputeContext } from './compiler/context.ts';
import { assertMayDrillDown } from './indicators.policy.ts';
import { contextOf, resultScope } from './results.service.ts';

/** What a row of a drill-down shows for each aggregate function (besides the teacher list). */
/** Survey answers are never listed one by one: their drill-down shows the aggregate only. */
type Listed = Exclude<AggregateName, 'teachers' | 'answers' | 'answerSum'>;
const isSurveyCall = (name: AggregateName | 'form'): name is 'answers' | 'answerSum' =>
  name === 'answers' || name === 'answerSum';

const ROW_LABEL: Record<Listed, SQL> = {
  organizations: sql`o.short_name`,
  positions: sql`(select concat_ws(' ', t.last_name, t.first_name, t.middle_name) from teachers t where t.id = p.teacher_id) || ' — ' || p.title`,
  vacancies: sql`concat_ws(', ', v.position, v.subject) || ': ' || v.count`,
  mentoringPrograms: sql`mp.title`,
  mentoringPairs: sql`(select concat_ws(' ', t.last_name, t.first_name) from teachers t where t.id = mp.mentor_id) || ' → ' || (select concat_ws(' ', t.last_name, t.first_name) from teachers t where t.id = mp.mentee_id)`,
  associations: sql`a.name`,
  events: sql`ev.title || ' (' || to_char(ev.date, 'DD.MM.YYYY') || ')'`,
  acts: sql`'№ ' || n.number || ' от ' || to_char(n.date, 'DD.MM.YYYY') || ' «' || n.title || '»'`,
  reserve: sql`coalesce((select concat_ws(' ', t.last_name, t.first_name, t.middle_name) from teachers t where t.id = rc.teacher_id), rc.full_name) || ' — ' || rk.name`,
  practices: sql`'«' || pr.title || '»'`,
  websites: sql`o.short_name || ': ' || wi.requirement_title`,
  // The organizations forecast; the numbers behind the need are on the page «Прогноз кадровой потребности».
  staffingNeed: sql`o.short_name`,
};

const ORG_NAME: Record<Listed, SQL> = {
  organizations: sql`o.short_name`,
  positions: sql`o.short_name`,
  vacancies: sql`o.short_name`,
  mentoringPrograms: sql`o.short_name`,
  mentoringPairs: sql`o.short_name`,
  associations: sql`(select short_name from organizations where id = a.organization_id)`,
  events: sql`(select short_name from organizations where id = ev.organization_id)`,
  acts: sql`(select short_name from organizations where id = n.organization_id)`,
  reserve: sql`o.short_name`,
  practices: sql`o.short_name`,
  websites: sql`o.short_name`,
  staffingNeed: sql`o.short_name`,
};

export interface DrilldownCall {
  description: string;
  function: AggregateName | 'form';
  isPersonal: boolean;
  rows: { id: number | null; label: string; organization: string | null; detail: string | null }[];
  total: number;
}

const LIMIT = 2000;

async function listRows(db: Db, ctx: ComputeContext, call: AggregateCallNode, organizationId: number | null) {
  const aggregate = AGGREGATES[call.name];
  const condition = compileCondition(call.filter, aggregate.resolver(ctx));
  const ownOrg = organizationId === null ? sql`` : sql`and ${aggregate.orgColumn} = ${organizationId}`;
  const shared =
    organizationId !== null && aggregate.isSharedWithOrganizations
      ? sql`or ${aggregate.orgColumn} is null`
      : sql``;
  const scope = organizationId === null ? sql`` : sql`and (true ${ownOrg} ${shared})`;
  if (call.name === 'answers' || call.name === 'answerSum') return [];
  if (call.name === 'teachers') {
    return queryRows<{ id: number; label: string; organization: string; detail: string }>(
      db,
      sql`select t.id, concat_ws(' ', t.last_name, t.first_name, t.middle_name) as label,
          string_agg(distinct o.short_name, ', ') as organization, string_agg(distinct p.title, ', ') as detail
        from ${aggregate.rows(ctx)} and ${condition} ${scope}
        group by t.id, t.last_name, t.first_name, t.middle_name
        order by t.last_name, t.first_name, t.middle_name limit ${LIMIT}`,
    );
  }
  return queryRows<{ id: null; label: string; organization: string | null; detail: null }>(
    db,
    sql`select null::int as id, ${ROW_LABEL[call.name]} as label, ${ORG_NAME[call.name]} as organization, null as detail
      from ${aggregate.rows(ctx)} and ${condition} ${scope} order by 3 nulls first, 2 limit ${LIMIT}`,
  );
}

/**
 * The records behind a value: for each aggregate call of the numerator or the denominator, the teachers
 * (or organizations, programs, acts…) it counts, for the organization or the whole municipality.
 * Lists of teachers are personal data: only for those allowed to see that organization's teachers.
 */
export async function drilldown(options: {
  db: Db;
  actor: Actor;
  programId: number;
  year: number;
  indicatorCode: string;
  organizationId: number | null;
  part: 'numerator' | 'denominator';
}): Promise<{
  indicator: string;
  indicatorName: string;
  organizationId: number | null;
  part: string;
  formula: string;
  calls: DrilldownCall[];
}> {
  const user = requireUser(options.actor.user);
  const tree = await findProgramTree(options.db, options.programId);
  if (!tree) throw notFound('Программа мониторинга');
  const m = tree.program.municipalityId;
  if (isRegionalReaderOf(user, m) && !canAccessMunicipality(user, m, 'read'))
    throw forbidden(
      'Перечень педагогов за показателем доступен региональному координатору только с допуском к персональным данным.',
    );
  assertMayDrillDown(user, resultScope(user, tree.program.municipalityId), options.organizationId);
  const indicator = tree.indicators.find((i) => i.code === options.indicatorCode);
  if (!indicator) throw notFound(`Показатель «${options.indicatorCode}»`);
  const formula = options.part === 'numerator' ? indicator.numerator : indicator.denominator;
  if (!formula) throw new AppError('bad_request', 'У показателя нет знаменателя.');
  const parsed = parseFormula(formula);
  if (!parsed.ok) throw new AppError('validation_failed', parsed.errors[0].message);
  const ctx = contextOf(tree, options.year);
  const calls: DrilldownCall[] = [];
  for (const { call } of collectCalls(parsed.ast)) {
    if (call.name === 'form' || isSurveyCall(call.name)) {
      calls.push({
        description: describeCall(call),
        function: call.name,
        isPersonal: false,
        rows: [],
        total: 0,
      });
      continue;
    }
    const rows = await listRows(options.db, ctx, call, options.organizationId);
    calls.push({
      description: describeCall(call),
      function: call.name,
      isPersonal:
        call.name === 'teachers' ||
        call.name === 'positions' ||
        call.name === 'mentoringPairs' ||
        call.name === 'reserve',
      rows,
      total: rows.length,
    });
  }
  if (calls.some((c) => c.isPersonal)) {
    await recordAudit(options.db, options.actor, {
      action: 'view_personal',
      entity: 'teacher',
      municipalityId: tree.program.municipalityId,
      organizationId: options.organizationId,
      summary: `Просмотр списка педагогов по показателю ${indicator.code} (${options.part === 'numerator' ? 'числитель' : 'знаменатель'}), ${options.year} г.`,
    });
  }
  return {
    indicator: indicator.code,
    indicatorName: indicator.name,
    organizationId: options.organizationId,
    part: options.part,
    formula,
    calls,
  };
}
