import {
  ActionIcon,
  Anchor,
  Button,
  FileButton,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { practiceStatus } from '../../../../core/practices.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { formatDateTime, formatRuDate } from '../../lib/format.ts';
import type { Criterion, Practice } from './api.ts';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={4} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** Files of the entry: download for every reader, attach and remove while it is editable. */
export function FilesSection({ practice, onChange }: { practice: Practice; onChange: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const upload = async (file: File | null) => {
    if (!file) return;
    setError(null);
    const body = new FormData();
    body.append('file', file);
    try {
      await api.post(`/api/practices/${practice.id}/files`, body);
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Section title="Файлы и ссылки">
      <Stack gap="xs">
        {practice.files.map((f) => (
          <Group key={f.id} gap="xs">
            <Anchor href={`/api/practices/${practice.id}/files/${f.id}`} size="sm">
              {f.name}
            </Anchor>
            {practice.can.edit && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Удалить файл ${f.name}`}
                onClick={async () => {
                  await api.delete(`/api/practices/${practice.id}/files/${f.id}`);
                  onChange();
                }}
              >
                <IconTrash size={14} />
              </ActionIcon>
            )}
          </Group>
        ))}
        {practice.links.map((l) => (
          <Anchor key={l} href={l} target="_blank" rel="noopener noreferrer" size="sm">
            {l}
          </Anchor>
        ))}
        {!practice.files.length && !practice.links.length && (
          <Text c="dimmed" size="sm">
            Файлов и ссылок нет.
          </Text>
        )}
        {practice.can.edit && (
          <FileButton onChange={upload} accept=".pdf,.docx,.xlsx,.odt,.jpg,.jpeg,.png">
            {(props) => (
              <Button
                {...props}
                variant="light"
                size="xs"
                leftSection={<IconPaperclip size={14} />}
                w="fit-content"
              >
                Прикрепить файл
              </Button>
            )}
          </FileButton>
        )}
        <ErrorAlert error={error} title="Файл не прикреплён" />
      </Stack>
    </Section>
  );
}

/** The published criteria and each expert's scores: the author sees what its material was scored by. */
export function ReviewsSection({
  practice,
  criteria,
  maxScore,
}: {
  practice: Practice;
  criteria: Criterion[];
  maxScore: number;
}) {
  return (
    <Section
      title={`Экспертиза${practice.associationName ? `: ${practice.associationName}` : practice.reviewBody === 'council' ? ': методический совет' : ''}`}
    >
      <Table aria-label="Оценки по критериям">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Критерий (макс. балл)</Table.Th>
            {practice.reviews.map((r) => (
              <Table.Th key={r.id}>{r.reviewerName}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {criteria.map((c) => (
            <Table.Tr key={c.code}>
              <Table.Td>
                {c.title} ({c.maxPoints})
              </Table.Td>
              {practice.reviews.map((r) => (
                <Table.Td key={r.id}>{r.scores?.[c.code] ?? '—'}</Table.Td>
              ))}
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fw={600}>Итого из {maxScore}</Table.Td>
            {practice.reviews.map((r) => (
              <Table.Td key={r.id} fw={600}>
                {r.total ?? 'оценка не выставлена'}
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {practice.reviews
        .filter((r) => r.comment)
        .map((r) => (
          <Text key={r.id} size="sm" mt="xs">
            <b>{r.reviewerName}:</b> {r.comment}
          </Text>
        ))}
    </Section>
  );
}

/** Events that spread the practice; the department links more. */
export function EventsSection({ practice, onChange }: { practice: Practice; onChange: () => void }) {
  const [eventId, setEventId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const events = useQuery({
    queryKey: ['events', 'for-practice'],
    queryFn: () => api.list<{ id: number; title: string; date: string }>('/api/events', { pageSize: 500 }),
    enabled: practice.can.manage,
  });
  const link = async () => {
    setError(null);
    try {
      await api.post(`/api/practices/${practice.id}/events`, { eventId: Number(eventId) });
      setEventId(null);
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Section title="Распространение: мероприятия">
      <Stack gap="xs">
        {practice.events.map((e) => (
          <Anchor key={e.id} component={Link} to={`/events/${e.id}`} size="sm">
            {formatRuDate(e.date)} — {e.title}
          </Anchor>
        ))}
        {!practice.events.length && (
          <Text c="dimmed" size="sm">
            Мероприятий не связано.
          </Text>
        )}
        {practice.can.manage && (
          <Group align="flex-end">
            <Select
              label="Связать с мероприятием"
              data={(events.data?.items ?? []).map((e) => ({
                value: String(e.id),
                label: `${formatRuDate(e.date)} ${e.title}`,
              }))}
              value={eventId}
              onChange={setEventId}
              searchable
              w={360}
            />
            <Button variant="light" disabled={!eventId} onClick={link}>
              Связать
            </Button>
          </Group>
        )}
        <ErrorAlert error={error} />
      </Stack>
    </Section>
  );
}

export function HistorySection({ practice }: { practice: Practice }) {
  return (
    <Section title="История">
      <Timeline active={practice.history.length - 1} bulletSize={14} lineWidth={2}>
        {practice.history.map((h, i) => (
          <Timeline.Item key={i} title={practiceStatus.label[h.toStatus]}>
            <Text size="xs" c="dimmed">
              {formatDateTime(h.at)} · {h.userName}
            </Text>
            {h.comment && <Text size="sm">{h.comment}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Section>
  );
}
