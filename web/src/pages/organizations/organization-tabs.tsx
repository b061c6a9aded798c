import type { ReactNode } from 'react';
import type { Role } from '../../../../core/enums.ts';
import type { Organization } from '../../api/types.ts';
import { exchangeOrganizationTabs } from '../exchange/routes.tsx';
import { registersOrganizationTabs } from '../registers/routes.tsx';
import { teachersOrganizationTabs } from '../teachers/routes.tsx';

/** Extra tabs of an organization card, contributed by the registry pages (teachers, vacancies, acts…). */
export interface OrganizationTab {
  value: string;
  label: string;
  visible(context: { hasRole(...roles: Role[]): boolean; isOwnManager: boolean }): boolean;
  render(organization: Organization): ReactNode;
}

export const ORGANIZATION_TABS: OrganizationTab[] = [
  ...teachersOrganizationTabs,
  ...registersOrganizationTabs,
  ...exchangeOrganizationTabs,
];
