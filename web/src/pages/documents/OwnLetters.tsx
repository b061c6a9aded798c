import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { OwnLetter } from './api.ts';
import { LetterPreview } from './LetterPreview.tsx';

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

/**
 * The school's letters of addressed recommendations, as the department sent them: one per published
 * campaign. Nothing is shown before the department publishes the results.
 */
export function OwnLetters() {
  const query = useQuery({
    queryKey: ['my-letters'],
    queryFn: () => api.get<OwnLetter[]>('/api/my-letters'),
  });
  const [open, setOpen] = useState<string | null>(null);
  if (!query.data?.length) return null;
  const many = query.data.length > 1 && new Set(query.data.map((x) => x.organizationId)).size > 1;
  const shown = query.data.find((l) => `${l.campaignId}-${l.organizationId}` === open);
  return (
    <Paper withBorder p="md" bg="grape.0" component="section" aria-label="Письма отдела образования">
      <Stack gap="xs">
        <Group gap="xs">
          <IconMail size={18} color="var(--mantine-color-grape-7)" />
          <Text fw={600}>Письма отдела образования</Text>
        </Group>
        <Text size="sm" c="dimmed">
          Официальное письмо: результаты и рекомендации вашей организации, кратко — выводы по муниципалитету.
          Прочитайте его здесь или скачайте (Word).
        </Text>
        <Stack gap={6}>
          {query.data.map((l) => {
            const key = `${l.campaignId}-${l.organizationId}`;
            const label = `Письмо за ${l.campaignYear} год${many ? `: ${l.organizationName}` : ''}`;
            return (
              <Group gap="sm" key={key}>
                <Button
                  variant={open === key ? 'filled' : 'light'}
                  color="grape"
                  size="xs"
                  onClick={() => setOpen(open === key ? null : key)}
                  aria-expanded={open === key}
                >
                  {open === key ? 'Скрыть текст' : `Читать ${lowerFirst(label)}`}
                </Button>
                <Button component="a" href={l.url} variant="subtle" color="grape" size="xs">
                  {`${label} (Word)`}
                </Button>
              </Group>
            );
          })}
        </Stack>
        {shown && <LetterPreview campaignId={shown.campaignId} organizationId={shown.organizationId} />}
      </Stack>
    </Paper>
  );
}
