import { RegionMunicipalityPage } from './RegionMunicipalityPage.tsx';
import { RegionOrganizationPage } from './RegionOrganizationPage.tsx';
import { RegionPage } from './RegionPage.tsx';

/** The regional coordinator's pages: the region, a municipality of it, an organization of that. */
export const regionRoutes = [
  { path: '/region', element: <RegionPage /> },
  { path: '/region/programs/:id/municipalities/:municipalityId', element: <RegionMunicipalityPage /> },
  { path: '/region/programs/:id/organizations/:organizationId', element: <RegionOrganizationPage /> },
];
