import { and, asc, desc, eq, gte, ilike, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { normativeActs, organizations } from '../../../db/schema/index.ts';
import type { AuthUser } from '../../auth/access.ts';
import { containsPattern } from '../shared/http.ts';
import { ownerReadCondition } from '../shared/ownership.ts';
import { countWhere, offsetOf, paged } from '../shared/paging.ts';
import type { ListNormativeActsQuery } from './normative-acts.schema.ts';

const columns = (today: string) => ({
  id: normativeActs.id,
  municipalityId: normativeActs.municipalityId,
  organizationId: normativeActs.organizationId,
  organizationShortName: organizations.shortName,
  kind: normativeActs.kind,
  number: normativeActs.number,
  date: normativeActs.date,
  title: normativeActs.title,
  url: normativeActs.url,
  validFrom: normativeActs.validFrom,
  validTo: normativeActs.validTo,
  /** The programs the act approves. */
  programs: sql<
    { id: number; title: string }[]
  >`(select coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'title', p.title) order by p.title), '[]'::jsonb) from program_normative_acts pna join programs p on p.id = pna.program_id where pna.normative_act_id = ${normativeActs.id})`,
  /** On the server's «today» (config.fixedToday), not the database's date: as the rest of the pages. */
  isInForce: sql<boolean>`(${normativeActs.validFrom} <= ${today}::date and (${normativeActs.validTo} is null or ${normativeActs.validTo} >= ${today}::date))`,
  version: normativeActs.version,
});

export type NormativeActRow = Awaited<ReturnType<typeof findNormativeActById>> & object;

const selectActs = (db: Db, today: string) =>
  db
    .select(columns(today))
    .from(normativeActs)
    .leftJoin(organizations, eq(organizations.id, normativeActs.organizationId));

export async function findNormativeActById(db: Db, id: number, today: string) {
  const [row] = await selectActs(db, today).where(eq(normativeActs.id, id));
  return row;
}

export function findNormativeActs(db: Db, user: AuthUser, q: ListNormativeActsQuery, today: string) {
  const where = and(
    ownerReadCondition(user, normativeActs),
    q.organizationId ? eq(normativeActs.organizationId, q.organizationId) : undefined,
    q.municipalityId ? eq(normativeActs.municipalityId, q.municipalityId) : undefined,
    q.level === 'municipal' ? isNull(normativeActs.organizationId) : undefined,
    q.level === 'organization' ? isNotNull(normativeActs.organizationId) : undefined,
    q.kind ? eq(normativeActs.kind, q.kind) : undefined,
    q.inForceOn
      ? and(
          lte(normativeActs.validFrom, q.inForceOn),
          or(isNull(normativeActs.validTo), gte(normativeActs.validTo, q.inForceOn)),
        )
      : undefined,
    q.q
      ? or(
          ilike(normativeActs.title, containsPattern(q.q)),
          ilike(normativeActs.number, containsPattern(q.q)),
        )
      : undefined,
  );
  return paged(
    selectActs(db, today)
      .where(where)
      // Municipal acts first, then by organization; the newest act first.
      .orderBy(
        sql`${normativeActs.organizationId} is not null`,
        asc(organizations.shortName),
        desc(normativeActs.date),
      )
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    countWhere(db, normativeActs, where),
  );
}
