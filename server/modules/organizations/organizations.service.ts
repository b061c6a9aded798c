import type { Db } from '../../db/client.ts';
import { organizations } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { recordAudit, recordUpdate } from '../audit/audit.repository.ts';
import {
  assertOrganizationAccess,
  organizationScope,
  requireUser,
  type Actor,
  type AuthUser,
} from '../auth/access.ts';
import { authorizeOrganizationCreate, authorizeOrganizationUpdate } from './organizations.policy.ts';
import {
  findOrganizationWithTeacherCount,
  findOrganizationsInScope,
  countOrganizationsInScope,
  insertOrganization,
  isShortNameTaken,
} from './organizations.repository.ts';
import type {
  CreateOrganizationInput,
  ListOrganizationsQuery,
  OrganizationFilters,
  UpdateOrganizationInput,
} from './organizations.schema.ts';

export async function listVisibleOrganizations(options: {
  db: Db;
  user: AuthUser;
  query: ListOrganizationsQuery;
  today: string;
}) {
  return findOrganizationsInScope(
    options.db,
    organizationScope(options.user, 'read'),
    options.query,
    options.today,
  );
}

export async function summarizeVisibleOrganizations(options: {
  db: Db;
  user: AuthUser;
  query: OrganizationFilters;
  today: string;
}) {
  return countOrganizationsInScope(
    options.db,
    organizationScope(options.user, 'read'),
    options.query,
    options.today,
  );
}

export async function getOrganization(options: { db: Db; user: AuthUser; id: number; today: string }) {
  const organization = await findOrganizationWithTeacherCount(options.db, options.id, options.today);
  if (!organization) throw notFound('Организация');
  assertOrganizationAccess(options.user, organization, 'read');
  return organization;
}

export async function createOrganization(options: {
  db: Db;
  actor: Actor;
  input: CreateOrganizationInput;
  today: string;
}) {
  const { db, actor, input, today } = options;
  authorizeOrganizationCreate(requireUser(actor.user), input.municipalityId);
  return db.transaction(async (tx) => {
    if (await isShortNameTaken(tx, input.municipalityId, input.shortName)) {
      throw new AppError('conflict', `Организация с кратким наименованием «${input.shortName}» уже есть.`, {
        field: 'shortName',
      });
    }
    const id = await insertOrganization(tx, input);
    const created = await findOrganizationWithTeacherCount(tx, id, today);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'organization',
      entityId: id,
      municipalityId: input.municipalityId,
      organizationId: id,
      summary: `Создана организация «${input.shortName}»`,
      after: created,
    });
    return created!;
  });
}

export async function updateOrganization(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdateOrganizationInput;
  today: string;
}) {
  const { db, actor, id, input, today } = options;
  const user = requireUser(actor.user);
  return db.transaction(async (tx) => {
    const before = await findOrganizationWithTeacherCount(tx, id, today);
    if (!before) throw notFound('Организация');
    authorizeOrganizationUpdate(user, before, input);
    if (input.shortName && (await isShortNameTaken(tx, before.municipalityId, input.shortName, id))) {
      throw new AppError('conflict', `Организация с кратким наименованием «${input.shortName}» уже есть.`, {
        field: 'shortName',
      });
    }
    const { version, ...patch } = input;
    if (!(await updateIfVersion(tx, organizations, id, version, patch))) throw versionConflict();
    const after = (await findOrganizationWithTeacherCount(tx, id, today))!;
    await recordUpdate(tx, actor, {
      entity: 'organization',
      entityId: id,
      municipalityId: after.municipalityId,
      organizationId: id,
      summary: `Изменена организация «${after.shortName}»`,
      before,
      after,
    });
    return after;
  });
}
