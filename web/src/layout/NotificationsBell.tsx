import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { formatDateTime } from '../lib/format.ts';

interface Notifications {
  unread: number;
  items: {
    id: number;
    createdAt: string;
    title: string;
    body: string;
    link: string | null;
    isRead: boolean;
  }[];
}

/** The bell: reminders about deadlines, returned and accepted forms. */
export function NotificationsBell() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const query = useQuery({
    queryKey: ['notifications'],
    queryFn: () => api.get<Notifications>('/api/notifications'),
    refetchInterval: 60_000,
  });
  const read = useMutation({
    mutationFn: (body: { ids?: number[]; all?: boolean }) => api.post('/api/notifications/read', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const unread = query.data?.unread ?? 0;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md">
      <Popover.Target>
        <Indicator label={unread} size={16} disabled={!unread} color="red" offset={4}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={`Уведомления${unread ? `: ${unread} новых` : ''}`}
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" p="sm">
          <Text fw={600} size="sm">
            Уведомления
          </Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => read.mutate({ all: true })}>
              Прочитать все
            </Button>
          )}
        </Group>
        <ScrollArea.Autosize mah={420}>
          <Stack gap={0}>
            {!query.data?.items.length && (
              <Text size="sm" c="dimmed" p="sm">
                Уведомлений нет.
              </Text>
            )}
            {query.data?.items.map((n) => (
              <UnstyledButton
                key={n.id}
                p="sm"
                style={{
                  borderTop: '1px solid var(--mantine-color-gray-2)',
                  background: n.isRead ? undefined : 'var(--mantine-color-blue-0)',
                }}
                onClick={() => {
                  if (!n.isRead) read.mutate({ ids: [n.id] });
                  setOpened(false);
                  if (n.link) navigate(n.link);
                }}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text size="sm" fw={n.isRead ? 400 : 600}>
                    {n.title}
                  </Text>
                  {!n.isRead && (
                    <Badge size="xs" color="blue">
                      новое
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {n.body}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(n.createdAt)}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
