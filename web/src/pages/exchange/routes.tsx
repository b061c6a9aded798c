import type { RouteObject } from 'react-router-dom';
import type { OrganizationTab } from '../organizations/organization-tabs.tsx';

/** Pages of the exchange area, mounted by App.tsx inside the application layout. */
export const exchangeRoutes: RouteObject[] = [];

/** Tabs this area adds to an organization card. */
export const exchangeOrganizationTabs: OrganizationTab[] = [];
