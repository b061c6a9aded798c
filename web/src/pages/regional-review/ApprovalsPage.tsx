import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatIndicatorValue } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import {
  STATUS_COLOR,
  type RegionalSubmissionDetail,
  type RegionalSubmissionListRow,
  type RegionalSubmissionStatus,
} from './api.ts';
import { RegionalHistory } from './RegionalHistory.tsx';

type Filter = RegionalSubmissionStatus | 'all';

/** «Приём результатов»: the regional coordinator accepts the municipalities' results or returns them with a comment. */
export function ApprovalsPage() {
  const [filter, setFilter] = useState<Filter>('sent');
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useQuery({
    queryKey: ['regional-submissions', filter],
    queryFn: () =>
      api.get<RegionalSubmissionListRow[]>(
        filter === 'all' ? '/api/regional-submissions' : `/api/regional-submissions?status=${filter}`,
      ),
  });
  return (
    <>
      <PageHeader
        title="Приём результатов"
        subtitle="Результаты мониторингов по региональным программам, отправленные муниципалитетами"
      />
      <SegmentedControl
        mb="md"
        value={filter}
        onChange={(v) => setFilter(v as Filter)}
        data={[
          { value: 'sent', label: 'Ждут решения' },
          { value: 'accepted', label: 'Приняты' },
          { value: 'returned', label: 'Возвращены' },
          { value: 'all', label: 'Все' },
        ]}
      />
      {list.isLoading ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} title="Список недоступен" />
      ) : !list.data?.length ? (
        <EmptyState>Отправок с таким статусом нет.</EmptyState>
      ) : (
        <Table withTableBorder striped highlightOnHover data-testid="regional-submissions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Муниципалитет</Table.Th>
              <Table.Th>Мониторинг</Table.Th>
              <Table.Th>Программа</Table.Th>
              <Table.Th>Отправлено</Table.Th>
              <Table.Th>Статус</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>{row.municipalityName}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/campaigns/${row.campaignId}`}>
                    {row.campaignTitle}
                  </Anchor>
                </Table.Td>
                <Table.Td>{row.regionalProgramTitle}</Table.Td>
                <Table.Td>{formatDateTime(row.sentAt)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLOR[row.status]}>
                    {row.statusLabel}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => setOpenId(row.id)}>
                    {row.status === 'sent' ? 'Рассмотреть' : 'Открыть'}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {openId !== null && <SubmissionModal id={openId} onClose={() => setOpenId(null)} />}
    </>
  );
}

function SubmissionModal({ id, onClose }: { id: number; onClose(): void }) {
  const client = useQueryClient();
  const [comment, setComment] = useState('');
  const [isReturning, setReturning] = useState(false);
  const detail = useQuery({
    queryKey: ['regional-submission', id],
    queryFn: () => api.get<RegionalSubmissionDetail>(`/api/regional-submissions/${id}`),
  });
  const done = (message: string) => {
    client.invalidateQueries({ queryKey: ['regional-submissions'] });
    client.invalidateQueries({ queryKey: ['regional-submission', id] });
    notifySaved(message);
    onClose();
  };
  const accept = useMutation({
    mutationFn: () => api.post(`/api/regional-submissions/${id}/accept`, { version: detail.data!.version }),
    onSuccess: () => done('Результаты приняты'),
  });
  const giveBack = useMutation({
    mutationFn: () =>
      api.post(`/api/regional-submissions/${id}/return`, { version: detail.data!.version, comment }),
    onSuccess: () => done('Результаты возвращены на доработку'),
  });
  const data = detail.data;
  return (
    <Modal opened onClose={onClose} size="xl" title={data ? data.campaign.title : 'Отправка результатов'}>
      {detail.isLoading ? (
        <Loading />
      ) : !data ? (
        <ErrorAlert error={detail.error} title="Отправка недоступна" />
      ) : (
        <Stack>
          <Group>
            <Badge variant="light" color={STATUS_COLOR[data.status]}>
              {data.statusLabel}
            </Badge>
            <Text size="sm" c="dimmed">
              {data.source === 'accepted'
                ? `Принятая копия от ${formatDateTime(data.acceptedAt)}`
                : 'Замороженные значения закрытого мониторинга'}
            </Text>
          </Group>
          <Table withTableBorder data-testid="regional-submission-values">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Показатель</Table.Th>
                <Table.Th ta="right">Значение</Table.Th>
                <Table.Th ta="right">Числитель</Table.Th>
                <Table.Th ta="right">Знаменатель</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.results.map((r) => (
                <Table.Tr key={r.indicator}>
                  <Table.Td>
                    {r.indicator}. {r.name}
                  </Table.Td>
                  <Table.Td ta="right">{formatIndicatorValue(r.value, r.unit)}</Table.Td>
                  <Table.Td ta="right">{formatIndicatorValue(r.numerator, 'count')}</Table.Td>
                  <Table.Td ta="right">{formatIndicatorValue(r.denominator, 'count')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={5}>История</Title>
          <RegionalHistory history={data.history} />
          <ErrorAlert error={accept.error ?? giveBack.error} />
          {data.status === 'sent' &&
            (isReturning ? (
              <Stack gap="xs">
                <Textarea
                  label="Комментарий: что исправить"
                  required
                  autosize
                  minRows={3}
                  value={comment}
                  onChange={(e) => setComment(e.currentTarget.value)}
                />
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => setReturning(false)}>
                    Отмена
                  </Button>
                  <Button
                    color="orange"
                    disabled={!comment.trim()}
                    loading={giveBack.isPending}
                    onClick={() => giveBack.mutate()}
                  >
                    Вернуть на доработку
                  </Button>
                </Group>
              </Stack>
            ) : (
              <Group justify="flex-end">
                <Button variant="default" color="orange" onClick={() => setReturning(true)}>
                  Вернуть с комментарием
                </Button>
                <Button color="green" loading={accept.isPending} onClick={() => accept.mutate()}>
                  Принять
                </Button>
              </Group>
            ))}
        </Stack>
      )}
    </Modal>
  );
}
