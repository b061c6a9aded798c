import { Code, Group, Pagination, Paper, Select, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { AuditEntry } from '../api/types.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../components/common.tsx';
import { formatDateTime } from '../lib/format.ts';

const ACTIONS: Record<string, string> = {
  create: 'создание',
  update: 'изменение',
  delete: 'удаление',
  login: 'вход',
  logout: 'выход',
  reset_password: 'сброс пароля',
  change_password: 'смена пароля',
  view_personal: 'просмотр персональных данных',
  import: 'загрузка файла',
  seed: 'демо-данные',
};

const ENTITIES: Record<string, string> = {
  organization: 'организация',
  user: 'пользователь',
  municipality: 'муниципалитет',
  teacher: 'педагог',
};

const PAGE_SIZE = 50;

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (!before && !after) return null;
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = Object.keys(before ? b : a).slice(0, 8);
  return (
    <Text size="xs" c="dimmed" component="div">
      {keys.map((k) => (
        <div key={k}>
          <Code>{k}</Code>: {before ? `${JSON.stringify(b[k]) ?? '—'} → ` : ''}
          {JSON.stringify(a[k]) ?? '—'}
        </div>
      ))}
    </Text>
  );
}

export function AuditPage() {
  const [page, setPage] = useState(1);
  const [entity, setEntity] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['audit', { page, entity }],
    queryFn: () => api.list<AuditEntry>('/api/audit', { page, pageSize: PAGE_SIZE, entity }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title="Журнал изменений" subtitle="Кто, когда и что изменил: было → стало" />
      <Paper withBorder p="md" mb="md">
        <Select
          label="Объект"
          placeholder="Все"
          clearable
          w={260}
          data={Object.entries(ENTITIES).map(([value, label]) => ({ value, label }))}
          value={entity}
          onChange={(v) => {
            setEntity(v);
            setPage(1);
          }}
        />
      </Paper>
      <ErrorAlert error={query.error} />
      <Paper withBorder>
        {query.isLoading ? (
          <Loading />
        ) : !query.data?.items.length ? (
          <EmptyState>Записей нет.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="xs" striped aria-label="Журнал изменений">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>Когда</Table.Th>
                  <Table.Th w={120}>Кто</Table.Th>
                  <Table.Th w={140}>Действие</Table.Th>
                  <Table.Th>Что</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(e.at)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {e.userLogin ?? 'система'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{ACTIONS[e.action] ?? e.action}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.summary ?? `${ENTITIES[e.entity] ?? e.entity} №${e.entityId}`}</Text>
                      <Change before={e.before} after={e.after} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {(query.data?.total ?? 0) > PAGE_SIZE && (
        <Group justify="center" mt="md">
          <Pagination total={Math.ceil(query.data!.total / PAGE_SIZE)} value={page} onChange={setPage} />
        </Group>
      )}
    </>
  );
}
