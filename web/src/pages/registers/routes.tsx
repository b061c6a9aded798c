import type { RouteObject } from 'react-router-dom';
import type { OrganizationTab } from '../organizations/organization-tabs.tsx';
import { AssociationPage } from './AssociationPage.tsx';
import { AssociationsList, AssociationsPage } from './AssociationsPage.tsx';
import { CatalogsPage } from './CatalogsPage.tsx';
import { EventPage } from './EventPage.tsx';
import { EventsList, EventsPage } from './EventsPage.tsx';
import { MentoringPage, OrganizationMentoring } from './MentoringPage.tsx';
import { NormativeActsList, NormativeActsPage } from './NormativeActsPage.tsx';
import { OrganizationVacancies, VacanciesPage } from './VacanciesPage.tsx';
import { SpecialistsPage } from './SpecialistsPage.tsx';
import { ActionListsPage } from '../reserve/ActionListsPage.tsx';
import { ReserveCandidatePage } from '../reserve/ReserveCandidatePage.tsx';
import { ReservePage } from '../reserve/ReservePage.tsx';
import { StaffingForecastPage } from '../forecast/StaffingForecastPage.tsx';
import { TargetStudentsPage } from '../forecast/TargetStudentsPage.tsx';

/** Pages of the registers area, mounted by App.tsx inside the application layout. */
export const registersRoutes: RouteObject[] = [
  { path: '/associations', element: <AssociationsPage /> },
  { path: '/associations/:id', element: <AssociationPage /> },
  { path: '/events', element: <EventsPage /> },
  { path: '/events/:id', element: <EventPage /> },
  { path: '/mentoring', element: <MentoringPage /> },
  { path: '/vacancies', element: <VacanciesPage /> },
  { path: '/normative-acts', element: <NormativeActsPage /> },
  { path: '/catalogs', element: <CatalogsPage /> },
  { path: '/methodical-specialists', element: <SpecialistsPage /> },
  { path: '/reserve', element: <ReservePage /> },
  { path: '/reserve/:id', element: <ReserveCandidatePage /> },
  { path: '/action-lists', element: <ActionListsPage /> },
  { path: '/staffing-forecast', element: <StaffingForecastPage /> },
  { path: '/target-students', element: <TargetStudentsPage /> },
];

const ownOrDepartment: OrganizationTab['visible'] = ({ hasRole, isOwnManager }) =>
  hasRole('admin', 'coordinator') || isOwnManager;

/** Tabs this area adds to an organization card. */
export const registersOrganizationTabs: OrganizationTab[] = [
  {
    value: 'mentoring',
    label: 'Наставничество',
    visible: ownOrDepartment,
    render: (organization) => <OrganizationMentoring organization={organization} />,
  },
  {
    value: 'associations',
    label: 'ШМО',
    visible: ownOrDepartment,
    render: (organization) => <AssociationsList organization={organization} />,
  },
  {
    value: 'events',
    label: 'Мероприятия',
    visible: ownOrDepartment,
    render: (organization) => <EventsList organization={organization} />,
  },
  {
    value: 'vacancies',
    label: 'Вакансии',
    visible: ownOrDepartment,
    render: (organization) => <OrganizationVacancies organization={organization} />,
  },
  {
    value: 'normative-acts',
    label: 'НПА',
    visible: ownOrDepartment,
    render: (organization) => <NormativeActsList organization={organization} />,
  },
];
