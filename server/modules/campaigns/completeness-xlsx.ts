import {
  SORT_LABEL,
  STATE_FILTER_LABEL,
  type TableQuery,
} from '../../../core/campaigns/completeness-table.ts';
import {
  TIMELINESS_LABEL,
  completenessSentence,
  type Completeness,
} from '../../../core/campaigns/completeness.ts';
import { formatRuDate } from '../../../core/dates.ts';
import { organizationKind } from '../../../core/enums.ts';
import type { ListExport } from '../../http/xlsx-export.ts';
import type { CompletenessTableRow } from './campaigns.service.ts';

const COLUMNS = [
  { header: '№', width: 5 },
  { header: 'Организация', width: 34 },
  { header: 'Тип', width: 22 },
  { header: 'Статус формы', width: 22 },
  { header: 'Срок', width: 15 },
  { header: 'Впервые отправлена', width: 13 },
  { header: 'Отправлена последний раз', width: 13 },
  { header: 'Изменена', width: 13 },
  { header: 'Ответственный', width: 30 },
  { header: 'Телефон', width: 18 },
  { header: 'Последнее напоминание', width: 14 },
];

/** An ISO timestamp or date as the Excel date of its (UTC) day; null stays empty. */
const dayOf = (iso: string | null) => (iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : null);

/** What the sheet's second line says about the view it holds: its filters and order. */
export function describeQuery(query: TableQuery): string {
  const filters = [
    query.state && `статус «${STATE_FILTER_LABEL[query.state]}»`,
    query.timeliness && `срок «${TIMELINESS_LABEL[query.timeliness]}»`,
    query.kind && `тип «${organizationKind.label[query.kind]}»`,
  ].filter(Boolean);
  const order = `сортировка: ${SORT_LABEL[query.sort].toLowerCase()}, ${query.dir === 'desc' ? 'по убыванию' : 'по возрастанию'}`;
  return `${filters.length ? `Отбор: ${filters.join(', ')}` : 'Все участники'}; ${order}.`;
}

/**
 * The completeness table of a campaign as a list export (http/xlsx-export.ts): the rows the page shows with the
 * same filters and order, the whole campaign's sentence and the view's filters above them, a late or overdue
 * form's term marked. Texts a spreadsheet would run as formulas are neutralised there; it prints on A4
 * landscape, one page wide, the header on every page.
 */
export function completenessExport(options: {
  title: string;
  today: string;
  completeness: Completeness;
  query: TableQuery;
  rows: CompletenessTableRow[];
}): ListExport {
  return {
    sheet: 'Полнота',
    title: `Полнота и своевременность: ${options.title}`,
    notes: [
      `${completenessSentence(options.completeness)} Срок — ${formatRuDate(options.completeness.deadline)}; по состоянию на ${formatRuDate(options.today)}.`,
      `${describeQuery(options.query)} В выгрузке: ${options.rows.length}.`,
    ],
    date: options.today,
    columns: COLUMNS,
    rows: options.rows.map((r, i) => [
      i + 1,
      r.organizationName,
      organizationKind.label[r.kind],
      r.stateLabel,
      TIMELINESS_LABEL[r.timeliness],
      dayOf(r.firstSubmittedAt),
      dayOf(r.submittedAt),
      dayOf(r.updatedAt),
      r.contactName,
      r.contactPhone,
      dayOf(r.lastReminderAt),
    ]),
    attention: options.rows.flatMap((r, i): [number, number][] =>
      r.timeliness === 'late' || r.isOverdue ? [[i, 4]] : [],
    ),
  };
}
