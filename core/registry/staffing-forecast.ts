import { isoDate, isYoungTeacher, type IsoDate, type YoungTeacherRule } from '../dates.ts';
import { schoolYearOf } from '../school-year.ts';
import { isOfPensionAge, LEGAL_PENSION_RULE, pensionDate, type PensionAgeRule } from './pension-age.ts';

/**
 * The staffing forecast («прогноз кадровой потребности») for the next 1–5 school years, computed from the
 * registry: no I/O, the server loads the rows and the page shows the result.
 *
 * The method (the page says the same in Russian, docs/user-guide.md too):
 * - Forecast year k is the school year S + k, S being the school year of the reference date. Its departures
 *   are those expected before it starts: from the reference date (k = 1) or 1 September of S + k − 1 to
 *   31 August of S + k.
 * - Each teacher working today leaves within a year with a probability: the observed share of teachers of
 *   pension age who left (for one of pension age by the end of that year — core/registry/pension-age.ts),
 *   otherwise the observed attrition of the others. The probabilities are the municipality's, observed over
 *   recent school years (`observeAttrition`). Expected departures are the sum of the probabilities of those
 *   still expected to be there; «достигают пенсионного возраста» counts those whose day falls within the year.
 * - Inflow: the yearly average of young teachers who came in recent years, and the students of целевое
 *   обучение graduating in the year S + k, who start in the organization expecting them on 1 September.
 * - Open vacancies (the last reported month of each organization) count in the first year.
 * - need = vacancies + departures − inflow, for each organization and subject and never below zero (a graduate
 *   expected by one school does not fill the vacancy of another); the need of a subject, an organization or the
 *   municipality is the sum of its cells. A teacher of several subjects counts in each with an equal share.
 */

/** The subject of a teacher or a vacancy when none is stated. */
export const NO_SUBJECT = '';

export interface ForecastTeacher {
  sex: 'male' | 'female';
  birthDate: IsoDate;
  /** The organization of the teacher's main job on the reference date. */
  organizationId: number;
  subjects: string[];
}

export interface ForecastRates {
  /** The yearly share of teachers not of pension age who leave. */
  attrition: number;
  /** The yearly share of teachers of pension age who leave. */
  pensionLeave: number;
}

/** A number of people of one organization and subject (vacancies, yearly young inflow). */
export interface ForecastCount {
  organizationId: number;
  subject: string | null;
  count: number;
}

export interface ForecastGraduate {
  organizationId: number;
  subject: string;
  graduationYear: number;
}

export interface ForecastInput {
  referenceDate: IsoDate;
  /** 1–5 school years. */
  horizon: number;
  rule?: PensionAgeRule;
  teachers: ForecastTeacher[];
  rates: ForecastRates;
  /** Open vacancies now: the last reported month of each organization. */
  vacancies: ForecastCount[];
  /** Young teachers coming in a year (the yearly average observed). */
  youngInflow: ForecastCount[];
  graduates: ForecastGraduate[];
}

/** One organization × subject × forecast year. */
export interface ForecastCell {
  organizationId: number;
  subject: string;
  /** The school year the need is for, by the year it starts. */
  year: number;
  reachingPension: number;
  departures: number;
  youngInflow: number;
  graduates: number;
  vacancies: number;
  need: number;
}

export interface ForecastTotals {
  reachingPension: number;
  departures: number;
  youngInflow: number;
  graduates: number;
  /** youngInflow + graduates */
  inflow: number;
  vacancies: number;
  need: number;
}

/** The forecast years: the school years after the reference date's one. */
export function forecastYears(referenceDate: IsoDate, horizon: number): number[] {
  const current = schoolYearOf(referenceDate);
  return Array.from({ length: horizon }, (_, i) => current + i + 1);
}

/** The period whose departures a forecast year counts (see the method above). */
export function departurePeriod(referenceDate: IsoDate, year: number): { from: IsoDate; to: IsoDate } {
  const from = isoDate(year - 1, 9, 1);
  return { from: referenceDate > from ? referenceDate : from, to: isoDate(year, 8, 31) };
}

const subjectsOf = (subjects: readonly (string | null)[]) => {
  const named = subjects.filter((s): s is string => Boolean(s));
  return named.length ? named : [NO_SUBJECT];
};

export function forecastStaffing(input: ForecastInput): { years: number[]; cells: ForecastCell[] } {
  const rule = input.rule ?? LEGAL_PENSION_RULE;
  const years = forecastYears(input.referenceDate, input.horizon);
  const cells = new Map<string, ForecastCell>();
  const cell = (organizationId: number, subject: string | null, year: number) => {
    const key = `${organizationId}\u0000${subject ?? NO_SUBJECT}\u0000${year}`;
    let found = cells.get(key);
    if (!found) {
      found = {
        organizationId,
        subject: subject ?? NO_SUBJECT,
        year,
        reachingPension: 0,
        departures: 0,
        youngInflow: 0,
        graduates: 0,
        vacancies: 0,
        need: 0,
      };
      cells.set(key, found);
    }
    return found;
  };

  for (const t of input.teachers) {
    const subjects = subjectsOf(t.subjects);
    const share = 1 / subjects.length;
    const retires = pensionDate(t, rule);
    let present = 1;
    for (const year of years) {
      const period = departurePeriod(input.referenceDate, year);
      const leaves = isOfPensionAge(t, period.to, rule) ? input.rates.pensionLeave : input.rates.attrition;
      const departures = present * leaves;
      present -= departures;
      const reaches = retires >= period.from && retires <= period.to ? 1 : 0;
      for (const subject of subjects) {
        const c = cell(t.organizationId, subject, year);
        c.departures += departures * share;
        c.reachingPension += reaches * share;
      }
    }
  }
  for (const v of input.vacancies) cell(v.organizationId, v.subject, years[0]).vacancies += v.count;
  for (const y of input.youngInflow) {
    for (const year of years) cell(y.organizationId, y.subject, year).youngInflow += y.count;
  }
  for (const g of input.graduates) {
    if (years.includes(g.graduationYear)) cell(g.organizationId, g.subject, g.graduationYear).graduates += 1;
  }
  for (const c of cells.values()) {
    c.need = Math.max(0, c.vacancies + c.departures - c.youngInflow - c.graduates);
  }
  const ordered = [...cells.values()].sort(
    (a, b) =>
      a.year - b.year || a.organizationId - b.organizationId || a.subject.localeCompare(b.subject, 'ru'),
  );
  return { years, cells: ordered };
}

/** The sums of some cells (a year, an organization, a subject, the municipality). */
export function sumCells(cells: readonly ForecastCell[]): ForecastTotals {
  const t = {
    reachingPension: 0,
    departures: 0,
    youngInflow: 0,
    graduates: 0,
    inflow: 0,
    vacancies: 0,
    need: 0,
  };
  for (const c of cells) {
    t.reachingPension += c.reachingPension;
    t.departures += c.departures;
    t.youngInflow += c.youngInflow;
    t.graduates += c.graduates;
    t.vacancies += c.vacancies;
    t.need += c.need;
  }
  t.inflow = t.youngInflow + t.graduates;
  return t;
}

/** Cells grouped by a key, each group's totals by year, groups in the order of their first cell. */
export function groupCells<K extends string | number>(
  cells: readonly ForecastCell[],
  keyOf: (c: ForecastCell) => K,
  years: readonly number[],
): { key: K; byYear: ForecastTotals[]; total: ForecastTotals }[] {
  const groups = new Map<K, ForecastCell[]>();
  for (const c of cells) {
    const key = keyOf(c);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups].map(([key, list]) => ({
    key,
    byYear: years.map((y) => sumCells(list.filter((c) => c.year === y))),
    total: sumCells(list),
  }));
}

// ——— what was observed ———

export interface TeacherHistory {
  sex: 'male' | 'female';
  birthDate: IsoDate;
  pedagogicalStartDate: IsoDate;
  subjects: string[];
  positions: { organizationId: number; startDate: IsoDate; endDate: IsoDate | null; isMainJob: boolean }[];
}

/** One past school year of the municipality. */
export interface ObservedYear {
  year: number;
  /** Working on 1 September, not of pension age by 31 August. */
  headcount: number;
  departures: number;
  /** Working on 1 September and of pension age by 31 August. */
  pensionHeadcount: number;
  pensionDepartures: number;
  /** Came during the year (not working on 1 September, working on 31 August) and young when they came. */
  youngArrivals: number;
}

const activeOn = (p: TeacherHistory['positions'][number], date: IsoDate) =>
  p.startDate <= date && (p.endDate === null || p.endDate >= date);

/** The organization of a teacher's main job on a date (the first active job when none is marked main). */
export function organizationOn(t: Pick<TeacherHistory, 'positions'>, date: IsoDate): number | null {
  const active = t.positions.filter((p) => activeOn(p, date));
  return (active.find((p) => p.isMainJob) ?? active[0])?.organizationId ?? null;
}

/**
 * Attrition and young inflow of past school years: a teacher working in the municipality on 1 September who
 * works nowhere in it on 31 August has left; one not working on 1 September and working on 31 August has come.
 */
export function observeAttrition(
  teachers: readonly TeacherHistory[],
  years: readonly number[],
  youngRule: YoungTeacherRule,
  rule: PensionAgeRule = LEGAL_PENSION_RULE,
): { observed: ObservedYear[]; rates: ForecastRates; youngInflow: ForecastCount[] } {
  const observed: ObservedYear[] = [];
  const arrivals = new Map<string, ForecastCount>();
  for (const year of years) {
    const start = isoDate(year, 9, 1);
    const end = isoDate(year + 1, 8, 31);
    const o: ObservedYear = {
      year,
      headcount: 0,
      departures: 0,
      pensionHeadcount: 0,
      pensionDepartures: 0,
      youngArrivals: 0,
    };
    for (const t of teachers) {
      const atStart = t.positions.some((p) => activeOn(p, start));
      const atEnd = organizationOn(t, end);
      if (atStart) {
        const isPension = isOfPensionAge(t, end, rule);
        if (isPension) o.pensionHeadcount += 1;
        else o.headcount += 1;
        if (atEnd === null) {
          if (isPension) o.pensionDepartures += 1;
          else o.departures += 1;
        }
      } else if (atEnd !== null) {
        const came = t.positions
          .filter((p) => p.organizationId === atEnd && activeOn(p, end))
          .map((p) => p.startDate)
          .sort()[0];
        if (came && isYoungTeacher(t, came, youngRule)) {
          o.youngArrivals += 1;
          const subjects = subjectsOf(t.subjects);
          for (const subject of subjects) {
            const key = `${atEnd}\u0000${subject}`;
            const a = arrivals.get(key) ?? { organizationId: atEnd, subject, count: 0 };
            a.count += 1 / subjects.length / years.length;
            arrivals.set(key, a);
          }
        }
      }
    }
    observed.push(o);
  }
  const sum = (f: (o: ObservedYear) => number) => observed.reduce((s, o) => s + f(o), 0);
  const headcount = sum((o) => o.headcount);
  const pensionHeadcount = sum((o) => o.pensionHeadcount);
  return {
    observed,
    rates: {
      attrition: headcount ? sum((o) => o.departures) / headcount : 0,
      // Nobody of pension age observed: every one is expected to leave the year they reach it.
      pensionLeave: pensionHeadcount ? sum((o) => o.pensionDepartures) / pensionHeadcount : 1,
    },
    youngInflow: [...arrivals.values()],
  };
}

// ——— vacancies ———

/**
 * The linear trend of the municipality's monthly vacancy totals (least squares over the reported months) and
 * its value on 1 September of each forecast year, never below zero; null with fewer than three months.
 */
export function vacancyTrend(
  months: readonly { month: IsoDate; count: number }[],
  years: readonly number[],
): { perMonth: number; byYear: number[] } | null {
  if (months.length < 3) return null;
  const index = (month: IsoDate) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  const xs = months.map((m) => index(m.month));
  const ys = months.map((m) => m.count);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const slope = sxx ? xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / sxx : 0;
  return {
    perMonth: slope,
    byYear: years.map((y) => Math.max(0, my + slope * (index(isoDate(y, 9, 1)) - mx))),
  };
}
