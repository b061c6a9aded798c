import { Alert, Anchor } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import type { ManualReminderReport } from './api.ts';

/**
 * Reminding organizations of a campaign's form now (POST /api/campaigns/:id/remind): one request for any
 * number of them; the campaign page and «нужно сделать» are refreshed to show when each was reminded.
 */
export function useRemind(onDone?: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (r: { campaignId: number; organizationIds: number[] }) =>
      api.post<ManualReminderReport>(`/api/campaigns/${r.campaignId}/remind`, {
        organizationIds: r.organizationIds,
      }),
    onSuccess: (_report, r) => {
      onDone?.();
      client.invalidateQueries({ queryKey: ['campaign', r.campaignId] });
      client.invalidateQueries({ queryKey: ['todo'] });
    },
  });
}

/** The outcome of a reminder in the server's Russian sentence, or why it failed. */
export function ReminderOutcome({ remind }: { remind: ReturnType<typeof useRemind> }) {
  return (
    <>
      {remind.data && (
        <Alert
          color={remind.data.notDelivered.length || !remind.data.sent ? 'yellow' : 'green'}
          mb="sm"
          data-testid="remind-result"
          withCloseButton
          onClose={() => remind.reset()}
        >
          {remind.data.message}
        </Alert>
      )}
      <ErrorAlert error={remind.error} />
    </>
  );
}

/** A phone number one tap dials. */
export function PhoneLink({ phone, size = 'xs' }: { phone: string | null; size?: 'xs' | 'sm' }) {
  if (!phone) return null;
  return (
    <Anchor href={`tel:${phone.replace(/[^\d+]/g, '')}`} size={size} display="block">
      {phone}
    </Anchor>
  );
}
