import type { FormValues } from '../indicators/compute.ts';
import type { SubmissionRow } from './campaigns.repository.ts';

/**
 * Form values of a campaign's submissions that count: sent or accepted. Each field is gathered once (an
 * evaluation asks for it once per organization).
 */
export function formValuesOf(
  submissionRows: SubmissionRow[],
  override?: { organizationId: number; values: SubmissionRow['values'] },
): FormValues {
  const counted = submissionRows.filter((s) => s.status === 'submitted' || s.status === 'accepted');
  const gathered = new Map<string, ReturnType<FormValues>>();
  return (field) => {
    let known = gathered.get(field);
    if (!known) gathered.set(field, (known = gather(field)));
    return known;
  };
  function gather(field: string) {
    const byOrganization = new Map<number, number | null>();
    for (const s of counted) byOrganization.set(s.organizationId, toNumber(s.values[field]));
    if (override) byOrganization.set(override.organizationId, toNumber(override.values[field]));
    const reported = [...byOrganization.values()].filter((v): v is number => v !== null);
    return { byOrganization, total: reported.length ? reported.reduce((a, b) => a + b, 0) : null };
  }
}

const toNumber = (v: unknown): number | null =>
  typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : null;
