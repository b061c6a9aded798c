import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { teacherKind } from '../../../../core/registry/kinds.ts';
import { api } from '../../api/client.ts';
import { InfoRow } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import type { TeacherCard } from './api.ts';
import { RecordForm } from './records/RecordForm.tsx';
import { displayValue } from './records/record-values.ts';

/** «Общие сведения»: the teacher's own fields, edited in place with the version the card was read at. */
export function TeacherGeneralTab({ card }: { card: TeacherCard }) {
  const client = useQueryClient();
  const [isEditing, setEditing] = useState(false);

  if (isEditing) {
    return (
      <Paper withBorder p="lg">
        <Title order={4} mb="md">
          Изменение сведений о педагоге
        </Title>
        <RecordForm
          kind={teacherKind}
          record={card as unknown as Record<string, unknown>}
          onCancel={() => setEditing(false)}
          onSubmit={async (payload) => {
            const saved = await api.patch<TeacherCard>(`/api/teachers/${card.id}`, {
              ...payload,
              version: card.version,
            });
            client.setQueryData(['teacher', card.id], saved);
            client.invalidateQueries({ queryKey: ['teachers'] });
            notifySaved('Сведения о педагоге сохранены');
            setEditing(false);
          }}
        />
      </Paper>
    );
  }

  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        {card.permissions.canEdit && (
          <Group justify="flex-end">
            <Button variant="light" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              Изменить сведения
            </Button>
          </Group>
        )}
        {teacherKind.fields.map((f) => (
          <InfoRow key={f.key} label={f.label}>
            {displayValue(f, card as unknown as Record<string, unknown>)}
          </InfoRow>
        ))}
        {card.updatedAt && (
          <Text size="xs" c="dimmed" mt="sm">
            Изменено {formatDateTime(card.updatedAt)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
