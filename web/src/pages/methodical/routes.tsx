import type { RouteObject } from 'react-router-dom';
import { DifficultiesPage } from './DifficultiesPage.tsx';
import { GroupsPage } from './GroupsPage.tsx';
import { PracticePage } from './PracticePage.tsx';
import { PracticesPage } from './PracticesPage.tsx';
import { WebsitesPage } from '../websites/WebsitesPage.tsx';

/** Pages of the methodical space: the banks of practices and of difficulties, groups and partnerships. */
export const methodicalRoutes: RouteObject[] = [
  { path: '/practices', element: <PracticesPage /> },
  { path: '/practices/:id', element: <PracticePage /> },
  { path: '/difficulties', element: <DifficultiesPage /> },
  { path: '/organization-groups', element: <GroupsPage /> },
  { path: '/websites', element: <WebsitesPage /> },
];
