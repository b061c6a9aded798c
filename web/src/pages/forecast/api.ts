/** The answer of GET /api/staffing-forecast (server/modules/registers/forecast/forecast.schema.ts). */
export interface ForecastTotals {
  reachingPension: number;
  departures: number;
  youngInflow: number;
  graduates: number;
  inflow: number;
  vacancies: number;
  need: number;
}

export interface ForecastYear extends ForecastTotals {
  year: number;
  vacancyTrend: number | null;
}

export interface Forecast {
  referenceDate: string;
  municipalityId: number;
  organizationId: number | null;
  subject: string | null;
  horizon: number;
  years: number[];
  rule: { male: number; female: number; transition: boolean };
  observedYears: {
    year: number;
    headcount: number;
    departures: number;
    pensionHeadcount: number;
    pensionDepartures: number;
    youngArrivals: number;
  }[];
  rates: { attrition: number; pensionLeave: number };
  teacherCount: number;
  byYear: ForecastYear[];
  total: ForecastTotals;
  byOrganization: {
    organizationId: number;
    shortName: string;
    byYear: ForecastTotals[];
    total: ForecastTotals;
  }[];
  bySubject: { subject: string; byYear: ForecastTotals[]; total: ForecastTotals }[];
  vacancyMonths: { month: string; count: number }[];
  vacancyTrendPerMonth: number | null;
  subjects: string[];
  organizations: { id: number; shortName: string }[];
}
