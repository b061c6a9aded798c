import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { AuthUser } from '../../auth/access.ts';
import { queryRows, type Db } from '../../../db/client.ts';
import { organizations, vacancies, vacancyReminders } from '../../../db/schema/index.ts';
import { municipalityOfOrganization, ownerReadCondition } from '../shared/ownership.ts';
import { countWhere, offsetOf, paged } from '../shared/paging.ts';
import type { ListVacanciesQuery } from './vacancies.schema.ts';
import { latestVacancyMonth } from '../../indicators/compiler/aggregates.ts';
import type { ComputeContext } from '../../indicators/compiler/context.ts';

const columns = {
  id: vacancies.id,
  organizationId: vacancies.organizationId,
  organizationShortName: organizations.shortName,
  municipalityId: organizations.municipalityId,
  month: vacancies.month,
  position: vacancies.position,
  subject: vacancies.subject,
  count: vacancies.count,
  version: vacancies.version,
};

export type VacancyRow = Awaited<ReturnType<typeof findVacancyById>> & object;

const selectVacancies = (db: Db) =>
  db.select(columns).from(vacancies).innerJoin(organizations, eq(organizations.id, vacancies.organizationId));

export async function findVacancyById(db: Db, id: number) {
  const [row] = await selectVacancies(db).where(eq(vacancies.id, id));
  return row;
}

export function findVacancies(db: Db, user: AuthUser, q: ListVacanciesQuery) {
  const municipalityId = municipalityOfOrganization(vacancies.organizationId);
  const where = and(
    ownerReadCondition(user, { municipalityId, organizationId: vacancies.organizationId }),
    q.organizationId ? eq(vacancies.organizationId, q.organizationId) : undefined,
    q.municipalityId ? sql`${municipalityId} = ${q.municipalityId}` : undefined,
    q.from ? gte(vacancies.month, q.from) : undefined,
    q.to ? lte(vacancies.month, q.to) : undefined,
  );
  return paged(
    selectVacancies(db)
      .where(where)
      .orderBy(desc(vacancies.month), asc(organizations.shortName), asc(vacancies.position))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    countWhere(db, vacancies, where),
  );
}

/** Another record of the same organization, month, position and subject. */
export async function findSameVacancy(
  db: Db,
  v: { organizationId: number; month: string; position: string; subject: string | null },
) {
  const [row] = await db
    .select({ id: vacancies.id })
    .from(vacancies)
    .where(
      and(
        eq(vacancies.organizationId, v.organizationId),
        eq(vacancies.month, v.month),
        sql`lower(${vacancies.position}) = lower(${v.position})`,
        sql`coalesce(lower(${vacancies.subject}), '') = coalesce(lower(${v.subject}), '')`,
      ),
    );
  return row;
}

/** Vacancies of every organization of a municipality for each month of a range, zeros included. */
export async function summarizeVacancies(db: Db, municipalityId: number, from: string, to: string) {
  const rows = await queryRows<{
    organizationId: number;
    organizationShortName: string;
    organizationKind: 'school' | 'preschool' | 'additional';
    month: string;
    count: number;
    records: number;
    enteredOn: string | null;
  }>(
    db,
    sql`
    select o.id as "organizationId", o.short_name as "organizationShortName", o.kind as "organizationKind",
           to_char(m.month, 'YYYY-MM-DD') as "month", coalesce(sum(v.count), 0)::int as "count",
           count(v.id)::int as "records", to_char(min(v.created_at), 'YYYY-MM-DD') as "enteredOn"
    from ${organizations} o
    cross join generate_series(${from}::date, ${to}::date, interval '1 month') as m(month)
    left join ${vacancies} v on v.organization_id = o.id and v.month = m.month::date
    where o.municipality_id = ${municipalityId} and (o.is_active or v.id is not null)
    group by o.id, o.short_name, o.kind, m.month
    order by case o.kind when 'school' then 0 when 'preschool' then 1 else 2 end,
             nullif(substring(o.short_name from '№\\s*(\\d+)'), '')::int nulls last, o.short_name, m.month
  `,
  );
  return rows.map((r) => ({ ...r, count: Number(r.count), records: Number(r.records) }));
}

/** Active organizations of a municipality without any vacancy record for a month (its report not given). */
export async function findOrganizationsWithoutReport(
  db: Db,
  options: { municipalityId: number | null; month: string; organizationIds?: number[] },
) {
  return queryRows<{ organizationId: number; organizationName: string; municipalityId: number }>(
    db,
    sql`
    select o.id as "organizationId", o.short_name as "organizationName", o.municipality_id as "municipalityId"
    from ${organizations} o
    where o.is_active
      ${options.municipalityId === null ? sql`` : sql`and o.municipality_id = ${options.municipalityId}`}
      ${options.organizationIds ? sql`and o.id in (${sql.join(options.organizationIds.length ? options.organizationIds.map((id) => sql`${id}`) : [sql`-1`], sql`, `)})` : sql``}
      and not exists (select 1 from ${vacancies} v where v.organization_id = o.id and v.month = ${options.month}::date)
    order by o.municipality_id, o.short_name
  `,
  );
}

/** Claims a vacancy reminder; null when it was already sent (the unique key makes the job idempotent). */
export async function claimVacancyReminder(
  db: Db,
  values: { organizationId: number; month: string; kind: 'before' | 'after' | 'manual'; day: string },
): Promise<number | null> {
  const rows = await db
    .insert(vacancyReminders)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: vacancyReminders.id });
  return rows[0]?.id ?? null;
}

export async function recordVacancyReminderOutcome(
  db: Db,
  id: number,
  recipients: string[],
  error: string | null,
) {
  await db.update(vacancyReminders).set({ recipients, error }).where(eq(vacancyReminders.id, id));
}

/** The last reminder day of each organization of a municipality about a month. */
export async function findLastVacancyReminders(db: Db, municipalityId: number, from: string, to: string) {
  return queryRows<{ organizationId: number; month: string; sentOn: string }>(
    db,
    sql`
    select r.organization_id as "organizationId", to_char(r.month, 'YYYY-MM-DD') as "month",
           to_char(max(r.sent_at), 'YYYY-MM-DD') as "sentOn"
    from ${vacancyReminders} r join ${organizations} o on o.id = r.organization_id
    where o.municipality_id = ${municipalityId} and r.month between ${from}::date and ${to}::date
    group by r.organization_id, r.month
  `,
  );
}

/** The month of the snapshot `vacancies()` counts for a computation, or null when no month is reported. */
export async function findVacancySnapshotMonth(db: Db, ctx: ComputeContext): Promise<string | null> {
  const [row] = await queryRows<{ month: string | null }>(
    db,
    sql`select to_char((${latestVacancyMonth(ctx)}), 'YYYY-MM-DD') as "month"`,
  );
  return row?.month ?? null;
}
