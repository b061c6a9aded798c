import { formatRuDate } from '../../../core/dates.ts';
import {
  buildTrainingOrder,
  trainingQuestionsOf,
  type OrderCell,
} from '../../../core/surveys/training-order.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden } from '../../errors.ts';
import { listToXlsx, type ExportCell } from '../../http/xlsx-export.ts';
import type { AuthUser } from '../auth/access.ts';
import * as repo from './surveys.repository.ts';
import { catalogOf } from './training-catalog.ts';
import { requireSurvey, surveyAccess } from './surveys.service.ts';

/** The year the order is for: the one after the survey closes. */
export const orderYearOf = (closesOn: string) => Number(closesOn.slice(0, 4)) + 1;

/**
 * The «план-заказ» of a survey as a user may see it: the department — every organization and the
 * municipality's total, with the names of a named survey; a head — their own organization, counts only.
 */
export async function getTrainingOrder(db: Db, user: AuthUser, id: number, question?: string) {
  const survey = await requireSurvey(db, id);
  const access = surveyAccess(user, survey);
  const version = await repo.findCurrentVersion(db, id);
  const questions = trainingQuestionsOf(version.definition);
  const chosen = question ? questions.find((q) => q.name === question) : questions[0];
  if (!chosen)
    throw new AppError(
      question ? 'validation_failed' : 'conflict',
      question
        ? `Вопрос «${question}»: это не вопрос о темах повышения квалификации для плана-заказа.`
        : 'В анкете нет вопроса о темах повышения квалификации для плана-заказа (см. шаблон «Запрос на повышение квалификации»).',
    );
  const organizationId = access.department ? undefined : access.organizationIds[0];
  if (!access.department && access.organizationIds.length !== 1)
    throw forbidden('План-заказ по нескольким организациям составляет отдел образования.');
  const rows = await repo.findResponsesForResults(db, id, organizationId);
  const catalog = await catalogOf(db, survey.municipalityId);
  const order = buildTrainingOrder({
    question: chosen,
    catalog,
    isNamed: survey.kind === 'named',
    threshold: survey.threshold,
    withNames: access.department,
    requests: rows.map((r) => ({
      organizationId: r.organization_id,
      organizationName: r.short_name,
      teacherName: r.teacher_name,
      answers: r.answers,
    })),
  });
  return {
    survey: { id: survey.id, code: survey.code, title: survey.title, kind: survey.kind },
    year: orderYearOf(survey.closesOn),
    isMunicipality: access.department,
    questions: questions.map((q) => ({ name: q.name, title: q.title })),
    order,
  };
}

const hidden = (threshold: number) => `скрыто: меньше ${threshold} ответов`;

function orderRow(prefix: ExportCell[], cell: OrderCell, threshold: number, isNamed: boolean): ExportCell[] {
  if (cell.hidden) return [...prefix, hidden(threshold), ...(isNamed ? [null] : [])];
  return [...prefix, cell.requested, ...(isNamed ? [cell.teachers?.join('; ') ?? null] : [])];
}

/**
 * The order as .xlsx for the ЦНППМ / РИПК: a row per topic × (the municipality, each organization), the
 * teachers of a named survey listed to the department; hidden cells stay hidden.
 */
export async function trainingOrderToXlsx(
  result: Awaited<ReturnType<typeof getTrainingOrder>>,
  today: string,
) {
  const { order, survey, year } = result;
  const rows: ExportCell[][] = [];
  const withNames = order.isNamed && result.isMunicipality;
  for (const row of order.rows) {
    const topic = [row.topic.code, row.topic.title, row.topic.group];
    if (result.isMunicipality)
      rows.push(orderRow([...topic, 'Всего по муниципалитету'], row.total, order.threshold, withNames));
    order.organizations.forEach((o, i) =>
      rows.push(orderRow([...topic, o.name], row.byOrganization[i], order.threshold, withNames)),
    );
  }
  const notes = [
    `По анкете «${survey.title}», вопрос «${order.question.title}». Ответили: ${order.total.respondents ?? `меньше ${order.threshold}`}; составлено ${formatRuDate(today)}.`,
  ];
  if (!order.isNamed)
    notes.push(
      `Анкета анонимная: только число педагогов; организации, где ответили меньше ${order.threshold} человек, скрыты.`,
    );
  if (!order.total.isComplete)
    notes.push(
      `В итог по муниципалитету не вошли скрытые организации (${order.total.leftOut}): иначе их ответы можно было бы вычислить.`,
    );
  return listToXlsx({
    sheet: 'План-заказ',
    title: `План-заказ на повышение квалификации на ${year} год`,
    notes,
    date: today,
    columns: [
      { header: 'Код', width: 22 },
      { header: 'Тема', width: 60 },
      { header: 'Раздел', width: 22 },
      { header: 'Организация', width: 28 },
      { header: 'Число педагогов', width: 16 },
      ...(withNames ? [{ header: 'Педагоги', width: 60 }] : []),
    ],
    rows,
  });
}
