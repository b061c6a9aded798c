import { NewSurveyPage, SurveysPage } from './SurveysPage.tsx';
import { SurveyPage } from './SurveyPage.tsx';

export const surveysRoutes = [
  { path: '/surveys', element: <SurveysPage /> },
  { path: '/surveys/new', element: <NewSurveyPage /> },
  { path: '/surveys/:id', element: <SurveyPage /> },
];
