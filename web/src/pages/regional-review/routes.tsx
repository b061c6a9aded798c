import { ApprovalsPage } from './ApprovalsPage.tsx';
import { MukoEvaluationPage } from './MukoEvaluationPage.tsx';

/** The regional coordinator's review pages: «Приём результатов» and the region's МУКО evaluation. */
export const regionalReviewRoutes = [
  { path: '/region/approvals', element: <ApprovalsPage /> },
  { path: '/region/muko', element: <MukoEvaluationPage /> },
];
