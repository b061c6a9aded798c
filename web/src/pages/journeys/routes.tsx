import type { RouteObject } from 'react-router-dom';
import { MeasurePage } from '../management/MeasurePage.tsx';
import { MyCardPage } from '../teachers/MyProfilePage.tsx';
import { AssociationMeetingsPage } from './AssociationMeetingsPage.tsx';
import { DeficitResourcesPage } from './DeficitResourcesPage.tsx';
import { MeetingsIndexPage } from './MeetingsIndexPage.tsx';
import { RouteBuilderPage } from './RouteBuilderPage.tsx';
import { SupervisedRoutePage, SupervisedRoutesPage } from './SupervisedRoutesPage.tsx';

/** Pages of the support journeys (ИОМ, meetings of associations, the teacher's cabinet), mounted by App.tsx. */
export const journeysRoutes: RouteObject[] = [
  { path: '/deficit-resources', element: <DeficitResourcesPage /> },
  { path: '/teachers/:id/iom/new', element: <RouteBuilderPage /> },
  { path: '/association-meetings', element: <MeetingsIndexPage /> },
  { path: '/associations/:id/meetings', element: <AssociationMeetingsPage /> },
  { path: '/my-profile/card', element: <MyCardPage /> },
  { path: '/roadmaps/:id/measures/:measureId', element: <MeasurePage /> },
  { path: '/my-routes', element: <SupervisedRoutesPage /> },
  { path: '/my-routes/:id', element: <SupervisedRoutePage /> },
];
