import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatNumber } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { formatDateTime, formatRuDate } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import type { AttachRequest, AttachRequestList } from './api.ts';

const STATUS_COLOR: Record<AttachRequest['status'], string> = {
  pending: 'yellow',
  confirmed: 'green',
  refused: 'red',
};

const positionText = (r: AttachRequest) =>
  `${r.position.title}, ставка ${formatNumber(r.position.rate, 2)}, с ${formatRuDate(r.position.startDate)}`;

/**
 * Requests to attach a teacher of another organization: the incoming ones the teacher's organization or the
 * coordinator confirms or refuses, and those the caller's school sent with their answer.
 */
export function AttachRequestsPage() {
  const client = useQueryClient();
  const [comments, setComments] = useState<Record<number, string>>({});
  const list = useQuery({
    queryKey: ['attach-requests'],
    queryFn: () => api.get<AttachRequestList>('/api/teacher-attach-requests'),
  });
  const decide = useMutation({
    mutationFn: ({ request, decision }: { request: AttachRequest; decision: 'confirm' | 'refuse' }) =>
      api.post<AttachRequest>(`/api/teacher-attach-requests/${request.id}/${decision}`, {
        version: request.version,
        ...(comments[request.id]?.trim() ? { comment: comments[request.id].trim() } : {}),
      }),
    onSuccess: (answer) => {
      client.invalidateQueries({ queryKey: ['attach-requests'] });
      client.invalidateQueries({ queryKey: ['teachers'] });
      notifySaved(`Запрос ${answer.statusLabel}: ${answer.teacherName}, ${answer.organizationName}`);
    },
  });

  if (list.isLoading) return <Loading />;
  const incoming = list.data?.incoming ?? [];
  const outgoing = list.data?.outgoing ?? [];

  return (
    <>
      <PageHeader
        title="Запросы на добавление педагогов"
        subtitle="Должность педагогу другой организации добавляется после подтверждения его организацией или координатором"
      />
      <Stack gap="xl">
        <ErrorAlert error={list.error} title="Не удалось загрузить запросы" />
        <ErrorAlert error={decide.error} />
        <Stack gap="sm">
          <Title order={4}>Ждут вашего решения</Title>
          {incoming.length === 0 ? (
            <EmptyState>Нет запросов, ожидающих подтверждения.</EmptyState>
          ) : (
            <Table striped withTableBorder aria-label="Входящие запросы">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Педагог</Table.Th>
                  <Table.Th>Запросила организация</Table.Th>
                  <Table.Th>Должность</Table.Th>
                  <Table.Th>Отправлен</Table.Th>
                  <Table.Th>Решение</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {incoming.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.teacherName}</Table.Td>
                    <Table.Td>{r.organizationName}</Table.Td>
                    <Table.Td>{positionText(r)}</Table.Td>
                    <Table.Td>
                      {formatDateTime(r.createdAt)}
                      <Text size="xs" c="dimmed">
                        {r.requestedByName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={6}>
                        <TextInput
                          size="xs"
                          aria-label={`Комментарий к запросу: ${r.teacherName}`}
                          placeholder="Комментарий (необязательно)"
                          value={comments[r.id] ?? ''}
                          onChange={(e) => {
                            const value = e.currentTarget.value;
                            setComments((c) => ({ ...c, [r.id]: value }));
                          }}
                        />
                        <Group gap="xs">
                          <Button
                            size="xs"
                            loading={decide.isPending}
                            onClick={() => decide.mutate({ request: r, decision: 'confirm' })}
                          >
                            Подтвердить
                          </Button>
                          <Button
                            size="xs"
                            variant="light"
                            color="red"
                            loading={decide.isPending}
                            onClick={() => decide.mutate({ request: r, decision: 'refuse' })}
                          >
                            Отклонить
                          </Button>
                        </Group>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
        {outgoing.length > 0 && (
          <Stack gap="sm">
            <Title order={4}>Отправленные запросы</Title>
            <Table striped withTableBorder aria-label="Отправленные запросы">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Педагог</Table.Th>
                  <Table.Th>Организация</Table.Th>
                  <Table.Th>Должность</Table.Th>
                  <Table.Th>Состояние</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {outgoing.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.teacherName}</Table.Td>
                    <Table.Td>{r.organizationName}</Table.Td>
                    <Table.Td>{positionText(r)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[r.status]} variant="light">
                        {r.statusLabel}
                      </Badge>
                      {r.decidedAt && (
                        <Text size="xs" c="dimmed">
                          {r.decidedByName}, {formatDateTime(r.decidedAt)}
                          {r.comment ? `: ${r.comment}` : ''}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </Stack>
    </>
  );
}
