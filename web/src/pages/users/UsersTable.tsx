import { ActionIcon, Badge, Group, Menu, Pagination, Paper, Stack, Table, Text } from '@mantine/core';
import { IconDots, IconKey, IconLock, IconLockOpen, IconPencil } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { role as roleLabels, type Role } from '../../../../core/enums.ts';
import { api } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { PasswordShownOnce } from './PasswordShownOnce.tsx';
import { UserFormModal } from './UserFormModal.tsx';

const PAGE_SIZE = 25;

export function UsersTable({
  q,
  role,
  organizationId,
}: {
  q?: string;
  role?: Role | null;
  organizationId?: number;
}) {
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<User | null>(null);
  const [shownPassword, setShownPassword] = useState<{ login: string; password: string } | null>(null);
  const query = useQuery({
    queryKey: ['users', { q, role, organizationId, page }],
    queryFn: () => api.list<User>('/api/users', { q, role, organizationId, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const reset = useMutation({
    mutationFn: (user: User) => api.post<{ password: string }>(`/api/users/${user.id}/reset-password`, {}),
    onSuccess: (result, user) => setShownPassword({ login: user.login, password: result.password }),
  });
  const toggle = useMutation({
    mutationFn: (user: User) =>
      api.patch<User>(`/api/users/${user.id}`, { isActive: !user.isActive, version: user.version }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });

  if (query.isLoading) return <Loading />;
  return (
    <Stack>
      <ErrorAlert error={query.error ?? reset.error ?? toggle.error} />
      <Paper withBorder>
        {!query.data?.items.length ? (
          <EmptyState>Пользователей не найдено.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-label="Пользователи">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>ФИО</Table.Th>
                  <Table.Th>Логин</Table.Th>
                  <Table.Th>Роли</Table.Th>
                  <Table.Th>Последний вход</Table.Th>
                  <Table.Th w={50} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((u) => (
                  <Table.Tr key={u.id} style={{ opacity: u.isActive ? 1 : 0.55 }}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {u.fullName}
                      </Text>
                      {!u.isActive && (
                        <Badge color="gray" size="xs">
                          заблокирован
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {u.login}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {u.roles.map((g, i) => (
                          <Badge key={i} variant="light" size="sm" tt="none">
                            {roleLabels.label[g.role]}
                            {g.scopeName ? `: ${g.scopeName}` : g.role === 'admin' ? ': вся система' : ''}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(u.lastLoginAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end">
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={`Действия: ${u.login}`}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(u)}>
                            Изменить
                          </Menu.Item>
                          <Menu.Item leftSection={<IconKey size={14} />} onClick={() => reset.mutate(u)}>
                            Сбросить пароль
                          </Menu.Item>
                          <Menu.Item
                            leftSection={u.isActive ? <IconLock size={14} /> : <IconLockOpen size={14} />}
                            onClick={() => toggle.mutate(u)}
                          >
                            {u.isActive ? 'Заблокировать' : 'Разблокировать'}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {(query.data?.total ?? 0) > PAGE_SIZE && (
        <Group justify="center">
          <Pagination total={Math.ceil(query.data!.total / PAGE_SIZE)} value={page} onChange={setPage} />
        </Group>
      )}
      {editing && <UserFormModal user={editing} onClose={() => setEditing(null)} />}
      {shownPassword && <PasswordShownOnce {...shownPassword} onClose={() => setShownPassword(null)} />}
    </Stack>
  );
}
