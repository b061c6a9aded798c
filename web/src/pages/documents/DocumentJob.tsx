import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileExport, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { fileSize, type DocumentJob as Job, type DocumentKind } from './api.ts';

/**
 * Generation of one document as a server job: «Сформировать» starts it, the bar follows its stages
 * («Справка: диаграммы 12 из 30»), then «Скачать» gives the file. A failed job says why and may be repeated.
 */
export function DocumentJob({
  campaignId,
  kind,
  organizationId,
  disabled,
  label = 'Сформировать',
}: {
  campaignId: number;
  kind: DocumentKind;
  organizationId?: number;
  disabled?: boolean;
  label?: string;
}) {
  const client = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => api.post<Job>(`/api/campaigns/${campaignId}/documents`, { kind, organizationId }),
    onSuccess: (job) => {
      client.setQueryData(['document-job', job.id], job);
      setJobId(job.id);
    },
  });
  const job = useQuery({
    queryKey: ['document-job', jobId],
    queryFn: () => api.get<Job>(`/api/document-jobs/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 350 : false),
  });
  const current = jobId ? job.data : undefined;
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (current?.status === 'done' && announced.current !== current.id) {
      announced.current = current.id;
      notifications.show({ color: 'teal', title: 'Документ готов', message: current.fileName ?? '' });
    }
  }, [current]);
  const isRunning = start.isPending || current?.status === 'running';
  const percent = current && current.total ? Math.round((current.done / current.total) * 100) : 0;
  return (
    <Stack gap="xs">
      <ErrorAlert error={start.error ?? job.error} title="Документ не сформирован" />
      {current?.status === 'failed' && (
        <Alert color="red" title="Документ не сформирован" role="alert">
          {current.error}
        </Alert>
      )}
      {isRunning && (
        <Stack gap={4} data-testid="document-progress">
          <Progress value={percent} animated striped size="lg" aria-label="Ход формирования" />
          <Group justify="space-between" gap="xs">
            <Text size="sm" data-testid="document-stage">
              {current?.stage ?? 'Подготовка данных'}
            </Text>
            <Text size="sm" c="dimmed">
              {current ? `${current.done} из ${current.total}` : ''}
            </Text>
          </Group>
        </Stack>
      )}
      {current?.status === 'done' && current.downloadUrl ? (
        <Stack gap={6}>
          <Text size="sm">
            {current.fileName}
            {current.size ? (
              <Text span c="dimmed" size="sm">
                {` · ${fileSize(current.size)}`}
              </Text>
            ) : null}
          </Text>
          <Group gap="sm">
            <Button
              component="a"
              href={current.downloadUrl}
              download={current.fileName ?? undefined}
              leftSection={<IconDownload size={16} />}
            >
              Скачать
            </Button>
            <Button
              variant="subtle"
              leftSection={<IconRefresh size={16} />}
              onClick={() => start.mutate()}
              disabled={disabled}
            >
              Сформировать заново
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group gap="sm">
          <Button
            variant="light"
            leftSection={<IconFileExport size={16} />}
            loading={isRunning}
            disabled={disabled}
            onClick={() => start.mutate()}
          >
            {current?.status === 'failed' ? 'Повторить' : label}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
