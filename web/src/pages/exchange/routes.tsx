import type { RouteObject } from 'react-router-dom';
import type { OrganizationTab } from '../organizations/organization-tabs.tsx';
import { ExchangePage } from './ExchangePage.tsx';
import { ExchangePanel } from './ExchangePanel.tsx';

/** Pages of the exchange area, mounted by App.tsx inside the application layout. */
export const exchangeRoutes: RouteObject[] = [{ path: '/exchange', element: <ExchangePage /> }];

/** Tabs this area adds to an organization card. */
export const exchangeOrganizationTabs: OrganizationTab[] = [
  {
    value: 'exchange',
    label: 'Загрузка и выгрузка',
    visible: ({ hasRole, isOwnManager }) => hasRole('admin', 'coordinator') || isOwnManager,
    render: (organization) => <ExchangePanel organization={organization} />,
  },
];
