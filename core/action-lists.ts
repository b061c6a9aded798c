import { certificationDue } from './certification.ts';
import { addMonths, isYoungTeacher, type IsoDate, type YoungTeacherRule } from './dates.ts';

/**
 * The lists the department acts on: who is to be certified soon, who has had no ПК for three years, young
 * teachers without a mentor, teachers of pension age, organizations with a vacancy open for months. Each is a
 * rule over plain rows, applied by the server to the teachers and vacancies of the caller's scope.
 */

export const ACTION_LISTS = ['attestation', 'no-training', 'no-mentor', 'pension', 'vacancies'] as const;
export type ActionList = (typeof ACTION_LISTS)[number];

export const ACTION_LIST_LABEL: Record<ActionList, string> = {
  attestation: 'Аттестация в ближайшие месяцы',
  'no-training': 'Без ПК три года',
  'no-mentor': 'Молодые педагоги без наставника',
  pension: 'Педагоги пенсионного возраста',
  vacancies: 'Вакансии, открытые дольше N месяцев',
};

/** Lists with a number of months to choose, and its default. */
export const MONTHS_DEFAULT: Partial<Record<ActionList, number>> = { attestation: 6, vacancies: 3 };

/** How many years without ПК (повышение квалификации) put a teacher on the list (ст. 47: не реже раза в 3 года). */
export const TRAINING_INTERVAL_YEARS = 3;

// ——— attestation ———

export interface AttestationFacts {
  categoryDate: IsoDate | null;
  lastCertificationDate: IsoDate | null;
}

/** Due within `months` (or already overdue): the date it is due, else null. */
export function attestationDueWithin(t: AttestationFacts, today: IsoDate, months: number): IsoDate | null {
  const due = certificationDue({ ...t, today });
  if (!due.dueDate) return null;
  return due.dueDate <= addMonths(today, months) ? due.dueDate : null;
}

// ——— ПК ———

/** No upskilling finished within the last three years (by its end date, not after today). */
export function isWithoutTraining(upskillingEndDates: IsoDate[], today: IsoDate): boolean {
  const from = addMonths(today, -12 * TRAINING_INTERVAL_YEARS);
  return !upskillingEndDates.some((d) => d >= from && d <= today);
}

// ——— mentors ———

export interface MenteePair {
  startDate: IsoDate;
  endDate: IsoDate | null;
}

/** A young teacher (by the rule) with no mentoring pair running today, where they are the mentee. */
export function isYoungWithoutMentor(
  t: { birthDate: IsoDate; pedagogicalStartDate: IsoDate },
  pairs: MenteePair[],
  today: IsoDate,
  rule: YoungTeacherRule,
): boolean {
  if (!isYoungTeacher(t, today, rule)) return false;
  return !pairs.some((p) => p.startDate <= today && (p.endDate === null || p.endDate >= today));
}

// ——— pension age ———

/** The retirement age by sex and year of birth: core/registry/pension-age.ts (350-ФЗ's schedule). */
export { isOfPensionAge, pensionAgeMonths, pensionDate } from './registry/pension-age.ts';

// ——— vacancies ———

export interface VacancyMonth {
  organizationId: number;
  month: IsoDate;
  position: string;
  subject: string | null;
  count: number;
}

export interface OpenVacancy {
  organizationId: number;
  position: string;
  subject: string | null;
  count: number;
  /** The first month of the run of months it has been open, up to the organization's last report. */
  since: IsoDate;
  months: number;
}

/**
 * Vacancies open in an organization's last reported month and in every month before it, for more than
 * `months` months in a row. A month the organization did not report breaks the run (it is not known).
 */
export function vacanciesOpenLongerThan(rows: VacancyMonth[], months: number): OpenVacancy[] {
  const byOrganization = new Map<number, VacancyMonth[]>();
  for (const r of rows)
    byOrganization.set(r.organizationId, [...(byOrganization.get(r.organizationId) ?? []), r]);
  const out: OpenVacancy[] = [];
  for (const [organizationId, list] of byOrganization) {
    const last = list
      .map((r) => r.month)
      .sort()
      .at(-1)!;
    const key = (r: { position: string; subject: string | null }) => `${r.position}\u0000${r.subject ?? ''}`;
    const open = new Map<string, Map<IsoDate, number>>();
    for (const r of list) {
      if (r.count <= 0) continue;
      open.set(key(r), (open.get(key(r)) ?? new Map()).set(r.month, r.count));
    }
    for (const current of list.filter((r) => r.month === last && r.count > 0)) {
      const monthsOpen = open.get(key(current))!;
      let since = last;
      let run = 1;
      while (monthsOpen.has(addMonths(since, -1))) {
        since = addMonths(since, -1);
        run++;
      }
      if (run > months)
        out.push({
          organizationId,
          position: current.position,
          subject: current.subject,
          count: current.count,
          since,
          months: run,
        });
    }
  }
  return out.sort((a, b) => b.months - a.months || a.organizationId - b.organizationId);
}
