import { inOrder } from '../../db/in-order.ts';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { idParam } from '../../http/fields.ts';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import type { Actor } from '../auth/access.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: number | string | null;
  municipalityId?: number | null;
  organizationId?: number | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit record; call it inside the transaction that makes the change. */
export async function recordAudit(db: Db, actor: Actor, entry: AuditEntry) {
  await db.insert(auditLog).values({
    userId: actor.user?.id ?? null,
    userLogin: actor.user?.login ?? 'system',
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    municipalityId: entry.municipalityId ?? null,
    organizationId: entry.organizationId ?? null,
    summary: entry.summary ?? null,
    before: entry.before === undefined ? null : toJson(entry.before),
    after: entry.after === undefined ? null : toJson(entry.after),
    requestId: actor.requestId ?? null,
  });
}

/** Only what changed, so the log reads as «было → стало». */
export function diffRecords(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (key === 'updatedAt' || key === 'version' || key === 'passwordHash') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return { before: changedBefore, after: changedAfter, isChanged: Object.keys(changedAfter).length > 0 };
}

/** Records an update as only what changed (see diffRecords), so every edit reads the same in the log. */
export async function recordUpdate(
  db: Db,
  actor: Actor,
  entry: Omit<AuditEntry, 'action' | 'before' | 'after'> & {
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  },
) {
  const diff = diffRecords(entry.before, entry.after);
  await recordAudit(db, actor, { ...entry, action: 'update', before: diff.before, after: diff.after });
}

function toJson(value: unknown) {
  return JSON.parse(
    JSON.stringify(value, (key, v) =>
      key === 'passwordHash' ? undefined : v instanceof Date ? v.toISOString() : v,
    ),
  );
}

export const AuditQuery = z.object({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(50).optional(),
  organizationId: idParam().optional(),
  action: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** Audit entries, newest first; `municipalityIds` null means every municipality. */
export async function findAuditEntries(db: Db, municipalityIds: number[] | null, q: AuditQuery) {
  const conditions: (SQL | undefined)[] = [
    municipalityIds
      ? inArray(auditLog.municipalityId, municipalityIds.length ? municipalityIds : [-1])
      : undefined,
    q.entity ? eq(auditLog.entity, q.entity) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    q.organizationId ? eq(auditLog.organizationId, q.organizationId) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
  ];
  const where = and(...conditions);
  const [rows, [{ total }]] = await inOrder([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(where),
  ]);
  return { rows, total };
}
