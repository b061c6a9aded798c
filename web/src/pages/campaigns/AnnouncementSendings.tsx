import { Alert, Button, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { countOf, ORGANIZATION_FORMS } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import type { AnnouncementSending, CampaignView, SendingProgress } from './api.ts';
import {
  finishedSending,
  isOver,
  pollWhileRunning,
  progressOf,
  runningSending,
  withProgress,
  type RunningSending,
} from './sending-progress.ts';

const sendingsKey = (id: number) => ['campaign-announcements', id];

/**
 * The campaign's sendings, read whole; while the latest one runs, its progress alone is polled (the list
 * carries every recipient row: hundreds of KB with 2,000 organizations), and once the progress says it is
 * over the list is read again, once, for the outcome. The button and the tab share both queries.
 */
function useSendings(campaignId: number) {
  const client = useQueryClient();
  const sendings = useQuery({
    queryKey: sendingsKey(campaignId),
    queryFn: () => api.get<AnnouncementSending[]>(`/api/campaigns/${campaignId}/announcements`),
  });
  const listed = runningSending(sendings.data);
  const progress = useQuery({
    queryKey: ['campaign-announcement-progress', campaignId, listed?.id],
    queryFn: async () => {
      const p = await api.get<SendingProgress>(
        `/api/campaigns/${campaignId}/announcements/${listed!.id}/progress`,
      );
      if (isOver(p)) await client.invalidateQueries({ queryKey: sendingsKey(campaignId) });
      return p;
    },
    enabled: listed !== undefined,
    refetchInterval: (query) => pollWhileRunning(query.state.data),
  });
  return { sendings, running: listed && withProgress(listed, progress.data) };
}

/**
 * «Разослать письмо»: the announcement letter to the heads of the participants; again only on confirmation.
 * The server answers at once and sends in the background: the button shows the progress, and the final
 * message comes when the sending it started (or found running) is over — a closed tab loses nothing.
 */
export function SendAnnouncementButton({ view }: { view: CampaignView }) {
  const id = view.campaign.id;
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [watchedId, setWatchedId] = useState<number | null>(null);
  const { sendings, running } = useSendings(id);
  const last = sendings.data?.[0];
  const send = useMutation({
    mutationFn: () =>
      api.post<AnnouncementSending>(`/api/campaigns/${id}/announcements`, {
        confirmResend: Boolean(last),
      }),
    onSuccess: (s) => {
      setWatchedId(s.id);
      client.invalidateQueries({ queryKey: sendingsKey(id) });
      setAsking(false);
    },
  });
  if (running && watchedId === null) setWatchedId(running.id);
  const finished = finishedSending(sendings.data, watchedId);
  // Said once per end of a sending (an effect may run twice in development); a continued sending ends again.
  const told = useRef(new Set<string>());
  useEffect(() => {
    if (!finished) return;
    setWatchedId(null);
    const end = `${finished.id} ${finished.finishedAt}`;
    if (told.current.has(end)) return;
    told.current.add(end);
    notifications.show({
      color: finished.status === 'failed' ? 'red' : 'green',
      message: finished.message,
      autoClose: finished.failures.length || finished.status === 'failed' ? false : 8000,
    });
  }, [finished]);
  const participants = view.stats?.participants ?? view.organizations.length;
  return (
    <>
      <Button
        variant="light"
        onClick={() => setAsking(true)}
        disabled={Boolean(running)}
        data-testid="send-announcement"
      >
        {running ? `Идёт рассылка: ${progressOf(running).label.toLowerCase()}` : 'Разослать письмо'}
      </Button>
      <ConfirmModal
        opened={asking}
        title={last ? 'Разослать письмо ещё раз?' : 'Разослать информационное письмо?'}
        confirmLabel={last ? 'Разослать повторно' : 'Разослать'}
        color={last ? 'orange' : 'blue'}
        loading={send.isPending}
        error={send.error}
        onConfirm={() => send.mutate()}
        onClose={() => {
          setAsking(false);
          send.reset();
        }}
      >
        {last
          ? `${last.status === 'failed' ? `Рассылка ${formatDateTime(last.sentAt)} прервана: разослано ${last.done} из ${last.total}` : `Письмо уже разослано ${formatDateTime(last.sentAt)} (${last.sentByName}, ${countOf(last.organizations, ORGANIZATION_FORMS)})`}. Руководители получат его ещё раз — в системе и по электронной почте.${last.status === 'failed' ? ' Чтобы письмо получили только те, кому оно не ушло, нажмите «Продолжить рассылку» на вкладке «Письмо и материалы».' : ''}`
          : `Письмо получат руководители ${countOf(participants, ORGANIZATION_FORMS)}-участников: уведомление в системе и письмо с DOCX по электронной почте организации и руководителя.`}
      </ConfirmModal>
    </>
  );
}

/**
 * The department's record of the sendings: the running one with its progress bar, then each outcome. A
 * cut-off sending can be continued while the campaign is open (the server refuses it once closed).
 */
export function SendingsPanel({ campaignId, isOpen }: { campaignId: number; isOpen: boolean }) {
  const { sendings, running } = useSendings(campaignId);
  const last = sendings.data?.[0];
  return (
    <Paper withBorder p="md" data-testid="announcement-sendings">
      <Title order={3} fz="md" mb="xs">
        Рассылка информационного письма
      </Title>
      <ErrorAlert error={sendings.error} />
      {running && (
        <Alert color="blue" mb="sm" title="Идёт рассылка письма" data-testid="sending-progress">
          <Stack gap={4}>
            <Progress value={progressOf(running).value} animated aria-label="Ход рассылки" />
            <Text size="sm">{progressOf(running).label}</Text>
            <Text size="xs" c="dimmed">
              Рассылка идёт на сервере: страницу можно закрыть, ход виден здесь.
            </Text>
          </Stack>
        </Alert>
      )}
      {isOpen && last?.status === 'failed' && <ContinueSending campaignId={campaignId} sending={last} />}
      {sendings.data && !sendings.data.length && (
        <Text size="sm" c="dimmed">
          Письмо ещё не разослано: нажмите «Разослать письмо» вверху страницы.
        </Text>
      )}
      {sendings.data && sendings.data.length > 0 && (
        <Table fz="sm" aria-label="Рассылки письма">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Когда</Table.Th>
              <Table.Th>Кто</Table.Th>
              <Table.Th>Состояние</Table.Th>
              <Table.Th>Организаций</Table.Th>
              <Table.Th>По почте</Table.Th>
              <Table.Th>Без письма</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sendings.data.map((s) => (
              <SendingRow key={s.id} sending={s.id === running?.id ? running : s} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/**
 * «Продолжить рассылку»: the last sending was cut off (a restart, a server error); it goes on with the
 * same letter to the organizations it did not reach, and the page follows it as any running sending.
 */
function ContinueSending({ campaignId, sending }: { campaignId: number; sending: AnnouncementSending }) {
  const client = useQueryClient();
  const resume = useMutation({
    mutationFn: () =>
      api.post<AnnouncementSending>(`/api/campaigns/${campaignId}/announcements`, { continue: true }),
    onSuccess: () => client.invalidateQueries({ queryKey: sendingsKey(campaignId) }),
  });
  return (
    <Alert color="orange" mb="sm" title="Рассылка прервана" data-testid="sending-cut-off">
      <Stack gap="xs">
        <Text size="sm">
          {sending.error ?? `Рассылка прервана: разослано ${sending.done} из ${sending.total}`}. Продолженная
          рассылка отправит то же письмо только организациям, которым оно ещё не ушло.
        </Text>
        <ErrorAlert error={resume.error} />
        <Group>
          <Button
            size="xs"
            color="orange"
            loading={resume.isPending}
            onClick={() => resume.mutate()}
            data-testid="continue-sending"
          >
            Продолжить рассылку
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/**
 * One sending of the record; a running one with what its last polled progress says (the failures are
 * counted while it runs: their names come with the list once it is over).
 */
function SendingRow({ sending: s }: { sending: RunningSending | AnnouncementSending }) {
  const failed = 'failed' in s ? s.failed : s.failures.length;
  return (
    <Table.Tr>
      <Table.Td>{formatDateTime(s.sentAt)}</Table.Td>
      <Table.Td>{s.sentByName}</Table.Td>
      <Table.Td>
        {s.status === 'running'
          ? `${s.statusLabel}: ${s.done} из ${s.total}`
          : s.status === 'failed'
            ? (s.error ?? s.statusLabel)
            : s.statusLabel}
      </Table.Td>
      <Table.Td>{s.organizations}</Table.Td>
      <Table.Td>{s.emailed}</Table.Td>
      <Table.Td>
        {s.status === 'running'
          ? failed
            ? countOf(failed, ORGANIZATION_FORMS)
            : '—'
          : s.failures.length
            ? s.failures.map((f) => `${f.organizationName} — ${f.error}`).join('; ')
            : '—'}
      </Table.Td>
    </Table.Tr>
  );
}
