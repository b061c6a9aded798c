import { forbidden } from '../../errors.ts';
import { organizationScope, type AuthUser } from '../auth/access.ts';

/**
 * Who opens the records behind an indicator's value (the drill-down): whoever sees all the results of the
 * program (its department), and an organization's manager for its own organization. The rows name teachers,
 * and the formula says what they are counted for — a deficit found, no certification, their age — so a
 * teacher or an association leader, who see the values, do not see the people behind them.
 */
export function assertMayDrillDown(user: AuthUser, scope: { all: boolean }, organizationId: number | null) {
  if (scope.all) return;
  const managed = organizationScope(user, 'manage').organizationIds;
  if (!managed.length)
    throw forbidden('Записи за значением показателя открывают координатор и ответственный за организацию.');
  if (organizationId === null || !managed.includes(organizationId))
    throw forbidden('Список педагогов доступен только по своей организации.');
}
