import { ApprovalsPage } from './ApprovalsPage.tsx';

/** The regional coordinator's review pages: «Приём результатов» (and the region's МУКО evaluation). */
export const regionalReviewRoutes = [{ path: '/region/approvals', element: <ApprovalsPage /> }];
