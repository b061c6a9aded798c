import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import { STATUS_COLOR, type CampaignRegionalStatus } from './api.ts';
import { RegionalHistory } from './RegionalHistory.tsx';

/**
 * «Региональный уровень» of a campaign of an adopted regional program: where its results are (sent, accepted,
 * returned with the region's comment), the history, and the municipality's actions — send, reopen after a return.
 */
export function RegionalLevelBlock({ campaignId }: { campaignId: number }) {
  const client = useQueryClient();
  const [confirmReopen, setConfirmReopen] = useState(false);
  const query = useQuery({
    queryKey: ['campaign-regional', campaignId],
    queryFn: () => api.get<CampaignRegionalStatus>(`/api/campaigns/${campaignId}/regional-submission`),
  });
  const refresh = () => {
    client.invalidateQueries({ queryKey: ['campaign-regional', campaignId] });
    client.invalidateQueries({ queryKey: ['campaign', campaignId] });
    client.invalidateQueries({ queryKey: ['campaign-results', campaignId] });
  };
  const send = useMutation({
    mutationFn: () =>
      api.post(`/api/campaigns/${campaignId}/regional-submission`, { version: query.data!.version }),
    onSuccess: () => {
      refresh();
      notifySaved('Результаты отправлены в регион');
    },
  });
  const reopen = useMutation({
    mutationFn: () =>
      api.post(`/api/campaigns/${campaignId}/reopen`, { version: query.data!.campaignVersion }),
    onSuccess: () => {
      refresh();
      setConfirmReopen(false);
      notifySaved('Мониторинг открыт заново');
    },
  });
  const data = query.data;
  if (!data?.regionalProgram) return null;
  const { submission } = data;
  return (
    <Paper withBorder p="md" mb="md" data-testid="regional-level">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Региональный уровень</Title>
          <Badge
            size="lg"
            variant="light"
            color={submission ? STATUS_COLOR[submission.status] : 'gray'}
            data-testid="regional-status"
          >
            {submission?.statusLabel ?? 'в регион не отправлено'}
          </Badge>
        </Group>
        <Text size="sm">
          Региональная программа «{data.regionalProgram.title}» (версия {data.regionalProgram.programVersion}
          ).{' '}
          {submission?.status === 'sent' &&
            `Отправлено ${formatDateTime(submission.sentAt)}; пока регион не примет решение, мониторинг нельзя открыть заново.`}
          {submission?.status === 'accepted' &&
            `Принято ${formatDateTime(submission.acceptedAt)}: результаты заморожены на региональном уровне.`}
          {!submission &&
            'После закрытия мониторинга его замороженные результаты отправляются в регион на приём.'}
        </Text>
        {submission?.status === 'returned' && (
          <Alert color="orange" title="Регион вернул результаты на доработку">
            {submission.returnComment}
            <Text size="sm" mt="xs">
              Откройте мониторинг заново, исправьте данные, закройте его и отправьте результаты ещё раз.
            </Text>
          </Alert>
        )}
        <ErrorAlert error={send.error} />
        {(data.canSend || data.canReopen) && (
          <Group>
            {data.canSend && (
              <Button loading={send.isPending} onClick={() => send.mutate()}>
                Отправить в регион
              </Button>
            )}
            {data.canReopen && (
              <Button variant="default" onClick={() => setConfirmReopen(true)}>
                Открыть мониторинг заново
              </Button>
            )}
          </Group>
        )}
        <RegionalHistory history={data.history} />
      </Stack>
      <ConfirmModal
        opened={confirmReopen}
        title="Открыть мониторинг заново?"
        confirmLabel="Открыть заново"
        color="orange"
        loading={reopen.isPending}
        error={reopen.error}
        onConfirm={() => reopen.mutate()}
        onClose={() => {
          setConfirmReopen(false);
          reopen.reset();
        }}
      >
        Замороженные результаты будут сняты; после исправлений закройте мониторинг снова — значения
        рассчитаются заново — и отправьте их в регион.
      </ConfirmModal>
    </Paper>
  );
}
