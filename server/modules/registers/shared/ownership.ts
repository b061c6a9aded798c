import { eq, inArray, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/client.ts';
import { outer } from './paging.ts';
import { organizations } from '../../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../../errors.ts';
import {
  hasRole,
  isGlobalAdmin,
  municipalityScope,
  organizationScope,
  scopeIncludes,
  type AuthUser,
  type Purpose,
} from '../../auth/access.ts';

/**
 * Who a registry record belongs to: an organization (vacancies, mentoring, ШМО, an institution's acts and
 * events), the municipality (organizationId null: РМО, municipal events and acts), or nobody in particular
 * (the catalogs: both null). Reading and changing a record is decided by its owner alone.
 */
export interface Owner {
  municipalityId: number | null;
  organizationId: number | null;
}

/**
 * How a record kind is owned: always by an organization, by an organization or the municipality, or — the
 * shared catalogs — by the municipality whose department added the entry or by nobody (a system-wide entry).
 */
export type Ownership = 'organization' | 'mixed' | 'catalog';

/**
 * The registers are read through the organization grants of the user. A methodical association leader's
 * grant is about its association only (handled by the associations module), so it opens nothing here.
 */
export function registryUser(user: AuthUser): AuthUser {
  return { ...user, roles: user.roles.filter((g) => g.role !== 'association_leader') };
}

/** Admin (global or of that municipality) or coordinator of that municipality. */
export function isDepartmentOf(user: AuthUser, municipalityId: number | null): boolean {
  return user.roles.some(
    (g) =>
      (g.role === 'admin' && (g.municipalityId === null || g.municipalityId === municipalityId)) ||
      (g.role === 'coordinator' && municipalityId !== null && g.municipalityId === municipalityId),
  );
}

export function canReadOwner(user: AuthUser, owner: Owner): boolean {
  if (owner.municipalityId === null) return user.roles.length > 0;
  const reader = registryUser(user);
  if (owner.organizationId === null) {
    const scope = municipalityScope(reader, 'read');
    return scope.all || scope.ids.includes(owner.municipalityId);
  }
  return scopeIncludes(organizationScope(reader, 'read'), {
    id: owner.organizationId,
    municipalityId: owner.municipalityId,
  });
}

/**
 * A shared catalog entry (providers, deficits, ИОМ resources) is kept by the department of the municipality
 * that owns it; a system-wide entry (no municipality) by a system administrator only.
 */
export const canKeepCatalogEntry = (user: AuthUser, municipalityId: number | null) =>
  municipalityId === null ? isGlobalAdmin(user) : isDepartmentOf(user, municipalityId);

/**
 * The owner of a new catalog entry: the municipality named, or the user's own; a system administrator
 * working in no municipality adds system-wide entries (or names `null` explicitly).
 */
export function catalogMunicipality(user: AuthUser, requested: unknown): number | null {
  if (typeof requested === 'number') return requested;
  if (requested === null) return null;
  const own = defaultMunicipality(user);
  if (own !== null) return own;
  if (isGlobalAdmin(user)) return null;
  if (!hasRole(user, 'admin', 'coordinator')) return null;
  throw new AppError('validation_failed', 'Укажите муниципалитет, к которому относится запись.', {
    field: 'municipalityId',
  });
}

export function canManageOwner(user: AuthUser, owner: Owner): boolean {
  if (owner.municipalityId === null) return isGlobalAdmin(user);
  if (owner.organizationId === null) return isDepartmentOf(user, owner.municipalityId);
  return scopeIncludes(organizationScope(user, 'manage'), {
    id: owner.organizationId,
    municipalityId: owner.municipalityId,
  });
}

export function assertCanReadOwner(user: AuthUser, owner: Owner) {
  if (!canReadOwner(user, owner)) {
    throw forbidden(
      owner.organizationId === null
        ? 'Нет доступа к данным этого муниципалитета.'
        : 'Нет доступа к данным этой организации.',
    );
  }
}

export function assertCanManageOwner(user: AuthUser, owner: Owner) {
  if (canManageOwner(user, owner)) return;
  if (owner.municipalityId === null)
    throw forbidden('Общие записи справочников (без муниципалитета) ведёт администратор системы.');
  if (owner.organizationId === null)
    throw forbidden('Записи муниципального уровня ведут администратор и координатор муниципалитета.');
  throw forbidden('Нет прав изменять данные этой организации.');
}

/**
 * The SQL condition that keeps a list inside what the user may read. `municipalityId` is the owner's
 * municipality (a column, or a subquery for tables that only know their organization).
 */
export function ownerReadCondition(
  user: AuthUser,
  columns: { municipalityId: SQLWrapper; organizationId: PgColumn },
  purpose: Purpose = 'read',
): SQL | undefined {
  const reader = registryUser(user);
  const orgScope = organizationScope(reader, purpose);
  if (orgScope.all) return undefined;
  const parts: SQL[] = [];
  if (orgScope.municipalityIds.length) parts.push(inArray(columns.municipalityId, orgScope.municipalityIds));
  if (orgScope.organizationIds.length) parts.push(inArray(columns.organizationId, orgScope.organizationIds));
  const municipal = municipalityScope(reader, purpose).ids;
  if (municipal.length) {
    parts.push(sql`(${isNull(columns.organizationId)} and ${inArray(columns.municipalityId, municipal)})`);
  }
  return parts.length ? or(...parts) : sql`false`;
}

/** The municipality of an organization, as an SQL subquery, for tables that only store the organization. */
export const municipalityOfOrganization = (organizationId: PgColumn) =>
  sql<number>`(select ${outer(organizations.municipalityId)} from ${organizations} where ${outer(organizations.id)} = ${outer(organizationId)})`;

export async function findOrganizationOwner(db: Db, organizationId: number) {
  const [row] = await db
    .select({ id: organizations.id, municipalityId: organizations.municipalityId })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row;
}

/** The single municipality a user works in, for records created without naming one. */
export function defaultMunicipality(user: AuthUser): number | null {
  const ids = new Set(user.roles.map((g) => g.municipalityId).filter((id): id is number => id !== null));
  return ids.size === 1 ? [...ids][0] : null;
}

/**
 * The owner of a record being created or moved: the organization it names, or — for kinds that may
 * belong to the municipality — the municipality named (or the user's own).
 */
export async function resolveOwner(
  db: Db,
  user: AuthUser,
  ownership: Ownership,
  input: { organizationId?: unknown; municipalityId?: unknown },
  fallbackMunicipalityId: number | null = null,
): Promise<Owner> {
  if (ownership === 'catalog')
    return { municipalityId: catalogMunicipality(user, input.municipalityId), organizationId: null };
  const organizationId = typeof input.organizationId === 'number' ? input.organizationId : null;
  if (organizationId !== null) {
    const organization = await findOrganizationOwner(db, organizationId);
    if (!organization)
      throw new AppError('validation_failed', 'Организация не найдена.', { field: 'organizationId' });
    return { municipalityId: organization.municipalityId, organizationId };
  }
  if (ownership === 'organization') {
    throw new AppError('validation_failed', '«Организация»: обязательное поле', { field: 'organizationId' });
  }
  const municipalityId =
    typeof input.municipalityId === 'number'
      ? input.municipalityId
      : (fallbackMunicipalityId ?? defaultMunicipality(user));
  if (municipalityId === null) {
    throw new AppError('validation_failed', 'Укажите муниципалитет, к которому относится запись.', {
      field: 'municipalityId',
    });
  }
  return { municipalityId, organizationId: null };
}

/**
 * A list filtered by an organization or municipality the user may not read is refused outright (403 with
 * the reason), rather than answered with an empty list that looks like «no data».
 */
export async function assertListFilter(
  db: Db,
  user: AuthUser,
  filter: { organizationId?: number; municipalityId?: number },
) {
  if (filter.organizationId !== undefined) {
    const organization = await findOrganizationOwner(db, filter.organizationId);
    if (!organization) throw notFound('Организация');
    assertCanReadOwner(user, {
      municipalityId: organization.municipalityId,
      organizationId: organization.id,
    });
  }
  if (filter.municipalityId !== undefined) {
    assertCanReadOwner(user, { municipalityId: filter.municipalityId, organizationId: null });
  }
}
