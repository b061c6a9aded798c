import type { Db } from '../../db/client.ts';
import { municipalities } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { recordAudit, recordUpdate } from '../audit/audit.repository.ts';
import {
  assertMunicipalityAccess,
  isGlobalAdmin,
  municipalityScope,
  requireUser,
  type Actor,
  type AuthUser,
} from '../auth/access.ts';
import {
  findMunicipalities,
  findMunicipalityById,
  findOrCreateRegion,
  insertMunicipality,
} from './municipalities.repository.ts';
import type { CreateMunicipalityInput, UpdateMunicipalityInput } from './municipalities.schema.ts';

export async function listVisibleMunicipalities(options: { db: Db; user: AuthUser }) {
  // Municipalities and their departments' requisites are no personal data: a regional coordinator sees its region's.
  const scope = municipalityScope(options.user, 'aggregate');
  return findMunicipalities(options.db, scope.all ? null : scope.ids);
}

export async function getMunicipality(options: { db: Db; user: AuthUser; id: number }) {
  const found = await findMunicipalityById(options.db, options.id);
  if (!found) throw notFound('Муниципалитет');
  assertMunicipalityAccess(options.user, found.id, 'aggregate');
  return found;
}

export async function createMunicipality(options: { db: Db; actor: Actor; input: CreateMunicipalityInput }) {
  const { db, actor, input } = options;
  if (!isGlobalAdmin(requireUser(actor.user)))
    throw forbidden('Создавать муниципалитеты может администратор системы.');
  return db.transaction(async (tx) => {
    const { regionId: givenRegionId, regionName, ...fields } = input;
    const regionId = givenRegionId ?? (regionName ? await findOrCreateRegion(tx, regionName) : undefined);
    if (!regionId)
      throw new AppError('validation_failed', 'Укажите регион (regionId или regionName).', {
        field: 'regionId',
      });
    const id = await insertMunicipality(tx, { ...fields, regionId });
    const created = (await findMunicipalityById(tx, id))!;
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'municipality',
      entityId: id,
      municipalityId: id,
      summary: `Создан муниципалитет «${created.name}»`,
      after: created,
    });
    return created;
  });
}

export async function updateMunicipality(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdateMunicipalityInput;
}) {
  const { db, actor, id, input } = options;
  const user = requireUser(actor.user);
  const isAdmin = user.roles.some(
    (g) => g.role === 'admin' && (g.municipalityId === null || g.municipalityId === id),
  );
  if (!isAdmin) throw forbidden('Реквизиты муниципалитета меняет администратор.');
  return db.transaction(async (tx) => {
    const before = await findMunicipalityById(tx, id);
    if (!before) throw notFound('Муниципалитет');
    const { version, ...patch } = input;
    if (!(await updateIfVersion(tx, municipalities, id, version, patch))) throw versionConflict();
    const after = (await findMunicipalityById(tx, id))!;
    await recordUpdate(tx, actor, {
      entity: 'municipality',
      entityId: id,
      municipalityId: id,
      summary: `Изменены реквизиты муниципалитета «${after.name}»`,
      before,
      after,
    });
    return after;
  });
}
