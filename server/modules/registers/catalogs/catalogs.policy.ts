import { forbidden } from '../../../errors.ts';
import { hasRole, type AuthUser } from '../../auth/access.ts';
import { canKeepCatalogEntry } from '../shared/ownership.ts';

/**
 * Who keeps an entry of the shared catalogs (training providers, deficit codes): a system administrator
 * everything; the admin or coordinator of a municipality the entries their municipality added. Entries
 * without an owner are system-wide: a department of one municipality must not rename them under another's
 * teacher records.
 */
export function assertMayKeepCatalogEntry(user: AuthUser, municipalityId: number | null) {
  if (canKeepCatalogEntry(user, municipalityId)) return;
  if (!hasRole(user, 'admin', 'coordinator'))
    throw forbidden('Справочники ведут администратор и муниципальный координатор.');
  if (municipalityId === null)
    throw forbidden('Общие записи справочников (без муниципалитета) ведёт администратор системы.');
  throw forbidden('Эту запись справочника ведёт отдел образования другого муниципалитета.');
}
