import type { RouteObject } from 'react-router-dom';
import type { OrganizationTab } from '../organizations/organization-tabs.tsx';
import { AttachRequestsPage } from './AttachRequestsPage.tsx';
import { MyProfilePage } from './MyProfilePage.tsx';
import { OrganizationTeachersTab } from './OrganizationTeachersTab.tsx';
import { TeacherPage } from './TeacherPage.tsx';
import { TeachersPage } from './TeachersPage.tsx';

/** Pages of the teachers area, mounted by App.tsx inside the application layout. */
export const teachersRoutes: RouteObject[] = [
  { path: '/teachers', element: <TeachersPage /> },
  { path: '/teachers/attach-requests', element: <AttachRequestsPage /> },
  { path: '/teachers/:id', element: <TeacherPage /> },
  { path: '/my-profile', element: <MyProfilePage /> },
];

/** Tabs this area adds to an organization card. */
export const teachersOrganizationTabs: OrganizationTab[] = [
  {
    value: 'teachers',
    label: 'Педагоги',
    visible: ({ hasRole, isOwnManager }) => hasRole('admin', 'coordinator') || isOwnManager,
    render: (organization) => <OrganizationTeachersTab organization={organization} canEdit />,
  },
];
