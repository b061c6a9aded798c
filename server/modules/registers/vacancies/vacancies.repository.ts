import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { AuthUser } from '../../auth/access.ts';
import { queryRows, type Db } from '../../../db/client.ts';
import { organizations, vacancies } from '../../../db/schema/index.ts';
import { municipalityOfOrganization, ownerReadCondition } from '../shared/ownership.ts';
import { countWhere, offsetOf, paged } from '../shared/paging.ts';
import type { ListVacanciesQuery } from './vacancies.schema.ts';

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
  }>(
    db,
    sql`
    select o.id as "organizationId", o.short_name as "organizationShortName", o.kind as "organizationKind",
           to_char(m.month, 'YYYY-MM-DD') as "month", coalesce(sum(v.count), 0)::int as "count"
    from ${organizations} o
    cross join generate_series(${from}::date, ${to}::date, interval '1 month') as m(month)
    left join ${vacancies} v on v.organization_id = o.id and v.month = m.month::date
    where o.municipality_id = ${municipalityId} and (o.is_active or v.id is not null)
    group by o.id, o.short_name, o.kind, m.month
    order by case o.kind when 'school' then 0 when 'preschool' then 1 else 2 end,
             nullif(substring(o.short_name from '№\\s*(\\d+)'), '')::int nulls last, o.short_name, m.month
  `,
  );
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}
