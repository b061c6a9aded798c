import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link, Navigate, Outlet, createBrowserRouter, useLocation } from 'react-router-dom';
import { useAuth } from './auth/auth.tsx';
import { Loading } from './components/common.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { TodoPage } from './pages/TodoPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { MunicipalityPage } from './pages/MunicipalityPage.tsx';
import { MyOrganizationPage, OrganizationPage } from './pages/organizations/OrganizationPage.tsx';
import { OrganizationsPage } from './pages/organizations/OrganizationsPage.tsx';
import { UsersPage } from './pages/users/UsersPage.tsx';
import { ProgramPage } from './pages/programs/ProgramPage.tsx';
import { ProgramsPage } from './pages/programs/ProgramsPage.tsx';
import { CampaignPage } from './pages/campaigns/CampaignPage.tsx';
import { CampaignsPage } from './pages/campaigns/CampaignsPage.tsx';
import { SubmissionPage } from './pages/campaigns/SubmissionPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { DecisionsPage } from './pages/management/DecisionsPage.tsx';
import { MukoPage } from './pages/management/MukoPage.tsx';
import { RoadmapPage } from './pages/management/RoadmapPage.tsx';
import { RoadmapsPage } from './pages/management/RoadmapsPage.tsx';
import { MyRecommendationsPage, PublicReportPage } from './pages/analysis/index.tsx';
import { teachersRoutes } from './pages/teachers/routes.tsx';
import { registersRoutes } from './pages/registers/routes.tsx';
import { methodicalRoutes } from './pages/methodical/routes.tsx';
import { exchangeRoutes } from './pages/exchange/routes.tsx';
import { journeysRoutes } from './pages/journeys/routes.tsx';
import { surveysRoutes } from './pages/surveys/routes.tsx';
import { regionRoutes } from './pages/region/routes.tsx';
import { regionalReviewRoutes } from './pages/regional-review/routes.tsx';
import { AnswerByLinkPage, AnswerPage } from './pages/surveys/AnswerPage.tsx';
import { PublicSurveyResultsPage } from './pages/surveys/PublicSurveyResultsPage.tsx';
import { EmbedCampaignPage, EmbedOrganizationPage } from './pages/publishing/EmbedPages.tsx';
import { PublicOrganizationPage } from './pages/publishing/PublicOrganizationPage.tsx';

function RequireAuth() {
  const { me, isLoading } = useAuth();
  const location = useLocation();
  if (isLoading) return <Loading label="Проверка входа…" />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

function NotFoundPage() {
  return (
    <Center py={80}>
      <Stack align="center">
        <Title order={2}>Страница не найдена</Title>
        <Text c="dimmed">Проверьте адрес или вернитесь на главную.</Text>
        <Button component={Link} to="/">
          На главную
        </Button>
      </Stack>
    </Center>
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/public/campaigns/:id', element: <PublicReportPage /> },
  { path: '/public/surveys/:id', element: <PublicSurveyResultsPage /> },
  { path: '/public/organizations/:id', element: <PublicOrganizationPage /> },
  // The only pages other sites may frame (server/app.ts): figures, no actions.
  { path: '/embed/campaigns/:id', element: <EmbedCampaignPage /> },
  { path: '/embed/organizations/:id', element: <EmbedOrganizationPage /> },
  // Answering a survey needs no account: the link is the key.
  { path: '/s/o/:code', element: <AnswerByLinkPage /> },
  { path: '/s/:token', element: <AnswerPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { path: '/', element: <HomePage /> },
          { path: '/todo', element: <TodoPage /> },
          { path: '/organizations', element: <OrganizationsPage /> },
          { path: '/organizations/:id', element: <OrganizationPage /> },
          { path: '/my-organization', element: <MyOrganizationPage /> },
          { path: '/municipality', element: <MunicipalityPage /> },
          { path: '/users', element: <UsersPage /> },
          { path: '/audit', element: <AuditPage /> },
          { path: '/settings', element: <SettingsPage /> },
          { path: '/my-recommendations', element: <MyRecommendationsPage /> },
          { path: '/roadmaps', element: <RoadmapsPage /> },
          { path: '/roadmaps/:id', element: <RoadmapPage /> },
          { path: '/decisions', element: <DecisionsPage /> },
          { path: '/muko', element: <MukoPage /> },
          { path: '/programs', element: <ProgramsPage /> },
          { path: '/programs/:id', element: <ProgramPage /> },
          { path: '/campaigns', element: <CampaignsPage /> },
          { path: '/campaigns/:id', element: <CampaignPage /> },
          { path: '/campaigns/:id/organizations/:organizationId', element: <SubmissionPage /> },
          ...teachersRoutes,
          ...registersRoutes,
          ...exchangeRoutes,
          ...journeysRoutes,
          ...methodicalRoutes,
          ...surveysRoutes,
          ...regionRoutes,
          ...regionalReviewRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
