import { ApiError } from '../../api/client.ts';

/**
 * The server's warning that a change reaches a running campaign (a new required form field, another
 * formula): its message says what happens to the forms already sent. Null for any other error.
 */
export function liveChangeWarning(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = error.details as { requiresConfirmation?: string } | null;
  return details?.requiresConfirmation === 'confirmRunningCampaign' ? error.message : null;
}
