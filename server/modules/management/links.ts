import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { findLinkableIds, type LinkedKind } from './management.repository.ts';

const LABEL: Record<LinkedKind, { field: string; what: string }> = {
  programs: { field: 'indicators', what: 'программы мониторинга' },
  recommendations: { field: 'recommendationIds', what: 'рекомендации' },
  conclusions: { field: 'conclusionIds', what: 'выводы' },
  measures: { field: 'measureIds', what: 'мероприятия' },
  files: { field: 'fileId', what: 'файлы' },
};

/**
 * A measure or a decision links only records of its own municipality: a link to a neighbour's recommendation
 * or program would show its texts and indicator names in this municipality's roadmap and tie the two
 * districts' records together. Ids that are not found there are refused, named.
 */
export async function assertLinksInMunicipality(
  db: Db,
  municipalityId: number,
  links: Partial<Record<LinkedKind, (number | null | undefined)[] | undefined>>,
) {
  for (const [kind, given] of Object.entries(links) as [LinkedKind, (number | null | undefined)[]][]) {
    const ids = [...new Set((given ?? []).filter((id): id is number => typeof id === 'number'))];
    const found = await findLinkableIds(db, municipalityId, kind, ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      const { field, what } = LABEL[kind];
      throw new AppError(
        'validation_failed',
        `Не найдены в муниципалитете ${what} № ${missing.join(', ')}: связывать можно только записи своего муниципалитета.`,
        { field },
      );
    }
  }
}
