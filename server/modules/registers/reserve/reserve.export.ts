import type { Db } from '../../../db/client.ts';
import type { AuthUser } from '../../auth/access.ts';
import { listToXlsx } from '../shared/xlsx-list.ts';
import { findAllCandidates } from './reserve.repository.ts';
import { CANDIDATE_COLUMNS } from './reserve.routes.ts';
import type { ListCandidatesFilter } from './reserve.schema.ts';
import { assertCandidateFilter } from './reserve.service.ts';

/** The reserve of the list's filter as a workbook: the download of the list page and `pedmonitor reserve export`. */
export async function candidatesWorkbook(options: { db: Db; user: AuthUser; query: ListCandidatesFilter }) {
  await assertCandidateFilter(options.db, options.user, options.query);
  const rows = await findAllCandidates(options.db, options.user, options.query);
  return listToXlsx('Кадровый резерв', 'Кадровый резерв', CANDIDATE_COLUMNS, rows);
}
