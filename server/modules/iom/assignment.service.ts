import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { findSpecialistsByIds } from '../registers/specialists/specialists.repository.ts';

const LABEL = { curatorId: 'Куратор из реестра', tutorId: 'Тьютор из реестра' } as const;

/**
 * The curator and the tutor of a route are chosen from the register of the methodical service of the
 * teacher's municipality, among those who work (a specialist already on the route stays when it is edited).
 * Answers the names to store beside the ids (the text columns older routes have, and the exchange workbook).
 */
export async function checkRouteSpecialists(
  db: Db,
  options: {
    municipalityId: number;
    values: { curatorId?: unknown; tutorId?: unknown };
    before?: { curatorId?: unknown; tutorId?: unknown };
  },
) {
  const names: { curatorName?: string; tutorName?: string } = {};
  for (const key of ['curatorId', 'tutorId'] as const) {
    const id = options.values[key];
    if (id === null || id === undefined) continue;
    const [person] = await findSpecialistsByIds(db, [Number(id)]);
    const fail = (message: string) =>
      new AppError('validation_failed', `«${LABEL[key]}»: ${message}`, {
        field: key,
        issues: [{ path: key, message: `«${LABEL[key]}»: ${message}` }],
      });
    if (!person || person.municipalityId !== options.municipalityId)
      throw fail('такого специалиста нет в реестре методической службы муниципалитета педагога');
    if (!person.isActive && options.before?.[key] !== person.id)
      throw fail(`${person.fullName} отмечен в реестре как неработающий — выберите другого специалиста`);
    names[key === 'curatorId' ? 'curatorName' : 'tutorName'] = person.fullName;
  }
  return names;
}
