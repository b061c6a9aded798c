/**
 * The monthly vacancy report, due by the 10th (seed 004: «ежемесячно до 10 числа»). A month with a record is
 * reported — with vacancies, or «вакансий нет» (a record with the count 0); a month without any record is
 * «не сдано» once its 10th has passed, and «ожидается» until then.
 */

import { formatRuDate } from './dates.ts';
import { collectCalls, parseFormula } from './formula/index.ts';

/** The day of the month the report is due by. */
export const VACANCY_DUE_DAY = 10;

export type VacancyMonthStatus = 'reported' | 'none' | 'missing' | 'pending';

export const VACANCY_STATUS_LABEL: Record<VacancyMonthStatus, string> = {
  reported: 'сдано',
  none: 'вакансий нет',
  missing: 'не сдано',
  pending: 'ожидается',
};

/** The 10th of the month: «2026-11-01» → «2026-11-10». */
export const vacancyDueDate = (month: string) => `${month.slice(0, 8)}${VACANCY_DUE_DAY}`;

/** The first of the month a day falls in. */
export const monthOf = (day: string) => `${day.slice(0, 8)}01`;

/** The status of one organization's month: `records` — how many vacancy records it has for that month. */
export function vacancyMonthStatus(options: {
  month: string;
  records: number;
  count: number;
  today: string;
}): VacancyMonthStatus {
  if (options.records > 0) return options.count > 0 ? 'reported' : 'none';
  return options.today > vacancyDueDate(options.month) ? 'missing' : 'pending';
}

/**
 * Which automatic reminder a day calls for about its own month: from the 7th to the 10th «до 10-го» (sent on
 * the 7th, or on the first later day the server runs), from the 11th «не сдано». Each goes out at most once
 * per organization and month.
 */
export function vacancyReminderKind(today: string): 'before' | 'after' | null {
  const day = Number(today.slice(8, 10));
  if (day >= 7 && day <= VACANCY_DUE_DAY) return 'before';
  return day > VACANCY_DUE_DAY ? 'after' : null;
}

/** The letter of a reminder: the subject, the text of the e-mail and the short line of the notification. */
export function vacancyReminderText(options: {
  kind: 'before' | 'after';
  month: string;
  monthName: string;
  organizationName: string;
  link: string;
}) {
  const due = formatRuDate(vacancyDueDate(options.month));
  if (options.kind === 'before')
    return {
      subject: `Напоминание: сведения о вакансиях за ${options.monthName} — до ${due}`,
      short: `Вакансии за ${options.monthName}: сведения не поданы, срок — ${due}.`,
      text: `Здравствуйте!\n\n${options.organizationName}: сведения о вакансиях за ${options.monthName} ещё не поданы. Срок — до ${due}. Если вакансий нет, внесите строку с количеством 0 («вакансий нет»).\n\nВнести сведения: ${options.link}\n\nЭто письмо отправлено автоматически системой pedmonitor.`,
    };
  return {
    subject: `Сведения о вакансиях за ${options.monthName} не сданы (срок — ${due})`,
    short: `Вакансии за ${options.monthName}: не сдано, срок истёк ${due}.`,
    text: `Здравствуйте!\n\n${options.organizationName}: сведения о вакансиях за ${options.monthName} не сданы, срок истёк ${due}. Внесите их как можно скорее; если вакансий нет — строку с количеством 0 («вакансий нет»).\n\nВнести сведения: ${options.link}\n\nЭто письмо отправлено автоматически системой pedmonitor.`,
  };
}

/** Whether an indicator counts the monthly vacancy snapshot (`vacancies()`): its value is «на» a month. */
export function usesVacancies(...formulas: (string | null | undefined)[]): boolean {
  return formulas.some((formula) => {
    if (!formula) return false;
    const parsed = parseFormula(formula);
    return parsed.ok && collectCalls(parsed.ast).some((c) => c.call.name === 'vacancies');
  });
}

/**
 * « на 01.11.2026»: a vacancy indicator counts the last reported month, and the reader is told which one —
 * the date stands next to the value (the results table, the справка). Empty without a month.
 */
export const vacanciesAsOfText = (month: string | null | undefined) =>
  month ? ` на ${formatRuDate(month)}` : '';
