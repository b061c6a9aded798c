import { resourceKind } from '../../../core/enums.ts';
import type { Db } from '../../db/client.ts';
import { deficitResources } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { diffRecords, recordAudit } from '../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { catalogMunicipality } from '../registers/shared/ownership.ts';
import { assertMayKeepResource, resourceReadScope } from './iom.policy.ts';
import {
  deleteResource,
  findDeficitArea,
  findResourceById,
  findResources,
  insertResource,
  type ResourceRow,
} from './iom.repository.ts';
import type { CreateResourceInput, ResourceOutput, UpdateResourceInput } from './iom.schema.ts';

export const presentResource = (row: ResourceRow): ResourceOutput => ({
  id: row.id,
  municipalityId: row.municipalityId,
  isShared: row.municipalityId === null,
  deficitCode: row.deficitCode,
  deficitTitle: row.deficitTitle,
  area: row.area,
  kind: row.kind,
  title: row.title,
  provider: row.provider,
  hours: row.hours,
  url: row.url,
  stepCount: Number(row.stepCount),
  version: row.version,
});

const describe = (r: Pick<ResourceRow, 'kind' | 'title' | 'deficitCode'>) =>
  `${resourceKind.label[r.kind]} «${r.title}» (дефицит ${r.deficitCode})`;

const invalid = (field: string, message: string) =>
  new AppError('validation_failed', message, { field, issues: [{ path: field, message }] });

async function areaOf(db: Db, code: string) {
  const area = await findDeficitArea(db, code);
  if (!area) throw invalid('deficitCode', `«Дефицит»: кода «${code}» нет в справочнике дефицитов`);
  return area;
}

export async function listResources(options: {
  db: Db;
  user: AuthUser;
  query: { deficitCode?: string; kind?: ResourceRow['kind']; q?: string };
}) {
  const { deficitCode, ...rest } = options.query;
  const rows = await findResources(options.db, {
    scope: resourceReadScope(options.user),
    deficitCodes: deficitCode ? [deficitCode] : undefined,
    ...rest,
  });
  return rows.map(presentResource);
}

async function requireResource(db: Db, id: number) {
  const row = await findResourceById(db, id);
  if (!row) throw notFound('Ресурс каталога');
  return row;
}

export async function createResource(options: { db: Db; actor: Actor; input: CreateResourceInput }) {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  const municipalityId = catalogMunicipality(user, input.municipalityId);
  assertMayKeepResource(user, municipalityId);
  return db.transaction(async (tx) => {
    const id = await insertResource(tx, {
      municipalityId,
      deficitCode: input.deficitCode,
      kind: input.kind,
      title: input.title,
      provider: input.provider ?? null,
      hours: input.hours ?? null,
      url: input.url ?? null,
      area: await areaOf(tx, input.deficitCode),
    });
    const row = (await findResourceById(tx, id))!;
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'deficit_resource',
      entityId: id,
      municipalityId,
      summary: `Добавлен ресурс для ИОМ: ${describe(row)}`,
      after: presentResource(row),
    });
    return presentResource(row);
  });
}

export async function updateResource(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdateResourceInput;
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const { version, ...patch } = options.input;
  return db.transaction(async (tx) => {
    const before = await requireResource(tx, options.id);
    assertMayKeepResource(user, before.municipalityId);
    const values: Partial<typeof deficitResources.$inferInsert> = { ...patch };
    if (patch.deficitCode) values.area = await areaOf(tx, patch.deficitCode);
    if (!(await updateIfVersion(tx, deficitResources, before.id, version, values))) throw versionConflict();
    const after = (await findResourceById(tx, before.id))!;
    const diff = diffRecords(presentResource(before), presentResource(after));
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'deficit_resource',
      entityId: before.id,
      municipalityId: before.municipalityId,
      summary: `Изменён ресурс для ИОМ: ${describe(after)}`,
      before: diff.before,
      after: diff.after,
    });
    return presentResource(after);
  });
}

/** A resource already used in routes can still be removed: the steps keep their titles, the link goes. */
export async function removeResource(options: { db: Db; actor: Actor; id: number }) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  await db.transaction(async (tx) => {
    const before = await requireResource(tx, options.id);
    assertMayKeepResource(user, before.municipalityId);
    await deleteResource(tx, before.id);
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'deficit_resource',
      entityId: before.id,
      municipalityId: before.municipalityId,
      summary: `Удалён ресурс для ИОМ: ${describe(before)}`,
      before: presentResource(before),
    });
  });
  return { deleted: true as const, message: 'Ресурс удалён из каталога.' };
}
