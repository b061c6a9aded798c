import { addMonths, type IsoDate } from './dates.ts';

/**
 * A qualification category, and the certification for compliance with the position, are valid for five
 * years (ст. 49 Федерального закона «Об образовании в Российской Федерации»): the next certification is
 * due five years after the later of the category decision and the last certification.
 */
export const CERTIFICATION_VALID_YEARS = 5;

export interface CertificationDue {
  /** The date from which the current category or compliance counts, null when there never was one. */
  since: IsoDate | null;
  dueDate: IsoDate | null;
  state: 'none' | 'valid' | 'due_soon' | 'overdue';
}

/** When the next certification is due, and whether that is soon (within six months) or already past. */
export function certificationDue(options: {
  categoryDate: IsoDate | null;
  lastCertificationDate: IsoDate | null;
  today: IsoDate;
}): CertificationDue {
  const dates = [options.categoryDate, options.lastCertificationDate].filter((d): d is IsoDate => !!d);
  if (!dates.length) return { since: null, dueDate: null, state: 'none' };
  const since = dates.sort().at(-1)!;
  const dueDate = addMonths(since, CERTIFICATION_VALID_YEARS * 12);
  const state =
    dueDate < options.today ? 'overdue' : addMonths(options.today, 6) >= dueDate ? 'due_soon' : 'valid';
  return { since, dueDate, state };
}
