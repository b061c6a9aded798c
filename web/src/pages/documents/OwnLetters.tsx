import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { OwnLetter } from './api.ts';

/**
 * The school's letters of addressed recommendations, as the department sent them: one per published
 * campaign. Nothing is shown before the department publishes the results.
 */
export function OwnLetters() {
  const query = useQuery({
    queryKey: ['my-letters'],
    queryFn: () => api.get<OwnLetter[]>('/api/my-letters'),
  });
  if (!query.data?.length) return null;
  return (
    <Paper withBorder p="md" bg="grape.0" component="section" aria-label="Письма отдела образования">
      <Stack gap="xs">
        <Group gap="xs">
          <IconMail size={18} color="var(--mantine-color-grape-7)" />
          <Text fw={600}>Письма отдела образования</Text>
        </Group>
        <Text size="sm" c="dimmed">
          Официальное письмо с общими выводами мониторинга и рекомендациями вашей организации (Word).
        </Text>
        <Group gap="sm">
          {query.data.map((l) => (
            <Button
              key={`${l.campaignId}-${l.organizationId}`}
              component="a"
              href={l.url}
              variant="light"
              color="grape"
              size="xs"
            >
              {`Письмо за ${l.campaignYear} год${query.data.length > 1 && new Set(query.data.map((x) => x.organizationId)).size > 1 ? `: ${l.organizationName}` : ''}`}
            </Button>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}
