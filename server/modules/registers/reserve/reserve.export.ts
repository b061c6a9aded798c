import type { Db } from '../../../db/client.ts';
import type { AuthUser } from '../../auth/access.ts';
import { listToXlsx, tableOf } from '../../../http/xlsx-export.ts';
import { findAllCandidates } from './reserve.repository.ts';
import { CANDIDATE_COLUMNS } from './reserve.routes.ts';
import type { ListCandidatesFilter } from './reserve.schema.ts';
import { assertCandidateFilter } from './reserve.service.ts';

/** The reserve of the list's filter as a workbook: the download of the list page and `pedmonitor reserve export`. */
export async function candidatesWorkbook(options: {
  db: Db;
  user: AuthUser;
  query: ListCandidatesFilter;
  today: string;
}) {
  await assertCandidateFilter(options.db, options.user, options.query);
  const rows = await findAllCandidates(options.db, options.user, options.query, options.today);
  return listToXlsx({
    sheet: 'Кадровый резерв',
    title: 'Кадровый резерв',
    date: options.today,
    ...tableOf(CANDIDATE_COLUMNS, rows),
  });
}
