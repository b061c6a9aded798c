import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { RecordKind } from '../../../../core/registry/fields.ts';
import type { Db } from '../../../db/client.ts';
import { updateIfVersion } from '../../../db/versioned.ts';
import { AppError, notFound, versionConflict } from '../../../errors.ts';
import { recordAudit, recordUpdate } from '../../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../../auth/access.ts';
import {
  assertCanManageOwner,
  assertCanReadOwner,
  resolveOwner,
  type Owner,
  type Ownership,
} from './ownership.ts';

/**
 * One building block for every registry record kind stored in its own table and owned by an organization,
 * the municipality or nobody (catalogs): read, create, change with optimistic locking and delete, each
 * authorized by the owner and written to the audit log in the same transaction. A domain supplies its
 * table, the record kind (validation), how to load a row with the names people read, and its own rules.
 */
export type OwnedRow = {
  id: number;
  municipalityId: number | null;
  organizationId: number | null;
  version: number;
};

type OwnedTable = PgTable & { id: PgColumn; version: PgColumn };

export interface WriteContext<Row> {
  db: Db;
  user: AuthUser;
  owner: Owner;
  /** The record as it will be: the input on create, the stored row with the changes on update. */
  values: Record<string, unknown>;
  /** Only the fields being written now (all of them on create). */
  changes: Record<string, unknown>;
  before?: Row;
  /** The server's «today» (config.fixedToday or the calendar day): what «works there now» is checked on. */
  today: string;
}

export interface OwnedKind<Row extends OwnedRow> {
  /** Entity name in the audit log. */
  entity: string;
  /** «Вакансия» — for «… не найден(а)». */
  noun: string;
  kind: RecordKind;
  table: OwnedTable;
  ownership: Ownership;
  /** The table has its own municipality_id column (filled from the owner). */
  storesMunicipality: boolean;
  /** `today` for what a row says about the present (a current workplace, «в силе», current members). */
  findById(db: Db, id: number, today: string): Promise<Row | undefined>;
  /** How the audit log names the record: «вакансия «учитель математики», 03.2026». */
  describe(row: Row): string;
  /** Domain rules beyond the record kind's fields (references, uniqueness); throw AppError. */
  check?(ctx: WriteContext<Row>): Promise<void>;
  /** Who may write; by default the managers of the owner. */
  authorizeWrite?(ctx: WriteContext<Row>): Promise<void> | void;
  /** Who may read one record; by default the readers of the owner. */
  authorizeRead?(user: AuthUser, row: Row): Promise<void> | void;
  /** Refuse a delete (e.g. a catalog entry still in use). */
  beforeDelete?(db: Db, row: Row): Promise<void>;
}

/** The cross-field rules of a record kind («окончание не раньше начала») on the whole record. */
export function assertKindChecks(kind: RecordKind, values: Record<string, unknown>) {
  for (const check of kind.checks ?? []) {
    if (!check.isValid(values)) {
      throw new AppError('validation_failed', check.message, {
        field: check.field,
        issues: [{ path: check.field, message: check.message }],
      });
    }
  }
}

const withoutUndefined = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));

/** Only the fields of the record kind: service keys (version, municipalityId) never reach the columns blindly. */
const kindFields = (kind: RecordKind, values: Record<string, unknown>) =>
  Object.fromEntries(
    kind.fields.filter((f) => values[f.key] !== undefined).map((f) => [f.key, values[f.key]]),
  );

async function authorizeWrite<Row extends OwnedRow>(kind: OwnedKind<Row>, ctx: WriteContext<Row>) {
  if (kind.authorizeWrite) await kind.authorizeWrite(ctx);
  else assertCanManageOwner(ctx.user, ctx.owner);
}

const ownerOf = (row: OwnedRow): Owner => ({
  municipalityId: row.municipalityId,
  organizationId: row.organizationId,
});

export async function getOwned<Row extends OwnedRow>(
  kind: OwnedKind<Row>,
  options: { db: Db; user: AuthUser; id: number; today: string },
): Promise<Row> {
  const row = await kind.findById(options.db, options.id, options.today);
  if (!row) throw notFound(kind.noun);
  if (kind.authorizeRead) await kind.authorizeRead(options.user, row);
  else assertCanReadOwner(options.user, ownerOf(row));
  return row;
}

export async function createOwned<Row extends OwnedRow>(
  kind: OwnedKind<Row>,
  options: { db: Db; actor: Actor; input: Record<string, unknown>; today: string },
): Promise<Row> {
  const user = requireUser(options.actor.user);
  const values = kindFields(kind.kind, options.input);
  return options.db.transaction(async (tx) => {
    const owner = await resolveOwner(tx, user, kind.ownership, options.input);
    const ctx: WriteContext<Row> = { db: tx, user, owner, values, changes: values, today: options.today };
    await authorizeWrite(kind, ctx);
    assertKindChecks(kind.kind, values);
    await kind.check?.(ctx);
    const [{ id }] = (await tx
      .insert(kind.table)
      .values({
        ...values,
        ...(kind.storesMunicipality ? { municipalityId: owner.municipalityId } : {}),
      } as never)
      .returning({ id: kind.table.id })) as { id: number }[];
    const created = (await kind.findById(tx, id, options.today))!;
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: kind.entity,
      entityId: id,
      municipalityId: owner.municipalityId,
      organizationId: owner.organizationId,
      summary: `Добавлено: ${kind.describe(created)}`,
      after: created,
    });
    return created;
  });
}

export async function updateOwned<Row extends OwnedRow>(
  kind: OwnedKind<Row>,
  options: {
    db: Db;
    actor: Actor;
    id: number;
    input: Record<string, unknown> & { version: number };
    today: string;
  },
): Promise<Row> {
  const user = requireUser(options.actor.user);
  const changes = kindFields(kind.kind, withoutUndefined(options.input));
  return options.db.transaction(async (tx) => {
    const before = await kind.findById(tx, options.id, options.today);
    if (!before) throw notFound(kind.noun);
    const values = { ...before, ...changes } as Record<string, unknown>;
    const ctx: WriteContext<Row> = {
      db: tx,
      user,
      owner: ownerOf(before),
      values,
      changes,
      before,
      today: options.today,
    };
    await authorizeWrite(kind, ctx);
    const isMoved = 'organizationId' in changes && changes.organizationId !== before.organizationId;
    if (isMoved) {
      ctx.owner = await resolveOwner(tx, user, kind.ownership, changes, before.municipalityId);
      await authorizeWrite(kind, ctx);
    }
    assertKindChecks(kind.kind, values);
    await kind.check?.(ctx);
    const patch = {
      ...changes,
      ...(isMoved && kind.storesMunicipality ? { municipalityId: ctx.owner.municipalityId } : {}),
    };
    if (!(await updateIfVersion(tx, kind.table, options.id, options.input.version, patch as never))) {
      throw versionConflict();
    }
    const after = (await kind.findById(tx, options.id, options.today))!;
    await recordUpdate(tx, options.actor, {
      entity: kind.entity,
      entityId: options.id,
      municipalityId: after.municipalityId,
      organizationId: after.organizationId,
      summary: `Изменено: ${kind.describe(after)}`,
      before,
      after,
    });
    return after;
  });
}

export async function deleteOwned<Row extends OwnedRow>(
  kind: OwnedKind<Row>,
  options: { db: Db; actor: Actor; id: number; today: string },
): Promise<void> {
  const user = requireUser(options.actor.user);
  await options.db.transaction(async (tx) => {
    const before = await kind.findById(tx, options.id, options.today);
    if (!before) throw notFound(kind.noun);
    await authorizeWrite(kind, {
      db: tx,
      user,
      owner: ownerOf(before),
      values: before,
      changes: {},
      before,
      today: options.today,
    });
    await kind.beforeDelete?.(tx, before);
    await tx.delete(kind.table).where(eq(kind.table.id, options.id));
    await recordAudit(tx, options.actor, {
      action: 'delete',
      entity: kind.entity,
      entityId: options.id,
      municipalityId: before.municipalityId,
      organizationId: before.organizationId,
      summary: `Удалено: ${kind.describe(before)}`,
      before,
    });
  });
}
