import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PRACTICE_TRANSITIONS, reviewBody } from '../../../../core/practices.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import type { Criterion, Practice, PracticeAction } from './api.ts';

/** Runs a request, keeping its error for the form to show. */
function useSubmit() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function Footer({
  busy,
  onClose,
  onSubmit,
  label,
}: {
  busy: boolean;
  onClose: () => void;
  onSubmit: () => void;
  label: string;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        Отмена
      </Button>
      <Button onClick={onSubmit} loading={busy}>
        {label}
      </Button>
    </Group>
  );
}

/** A step of the workflow: «take» asks who reviews, a return or refusal its reason, the rest a comment. */
export function TransitionModal({
  practice,
  action,
  onClose,
  onDone,
}: {
  practice: Practice;
  action: PracticeAction;
  onClose: () => void;
  onDone: (p: Practice) => void;
}) {
  const transition = PRACTICE_TRANSITIONS[action];
  const [comment, setComment] = useState('');
  const [body, setBody] = useState<string | null>('council');
  const [associationId, setAssociationId] = useState<string | null>(null);
  const [reviewerIds, setReviewerIds] = useState<string[]>([]);
  const { error, busy, run } = useSubmit();
  const isTake = action === 'take';
  const reviewers = useQuery({
    queryKey: ['practice-reviewers', practice.id],
    queryFn: () =>
      api.get<{ id: number; fullName: string }[]>(`/api/practices/${practice.id}/reviewer-candidates`),
    enabled: isTake,
  });
  const associations = useQuery({
    queryKey: ['associations', 'municipal'],
    queryFn: () => api.list<{ id: number; name: string }>('/api/associations', { pageSize: 500 }),
    enabled: isTake,
  });
  const submit = () =>
    run(async () => {
      const result = await api.post<Practice>(`/api/practices/${practice.id}/transitions`, {
        action,
        comment,
        version: practice.version,
        ...(isTake
          ? {
              reviewBody: body ?? undefined,
              associationId: associationId ? Number(associationId) : null,
              reviewerIds: reviewerIds.map(Number),
            }
          : {}),
      });
      onDone(result);
    });
  return (
    <Modal opened onClose={onClose} title={transition.label}>
      <Stack gap="sm">
        {isTake && (
          <>
            <Select
              label="Кто проводит экспертизу"
              data={reviewBody.values.map((value) => ({ value, label: reviewBody.label[value] }))}
              value={body}
              onChange={setBody}
            />
            {body === 'association' && (
              <Select
                label="Методическое объединение"
                data={(associations.data?.items ?? []).map((a) => ({ value: String(a.id), label: a.name }))}
                value={associationId}
                onChange={setAssociationId}
                searchable
              />
            )}
            <MultiSelect
              label="Эксперты"
              data={(reviewers.data ?? []).map((u) => ({ value: String(u.id), label: u.fullName }))}
              value={reviewerIds}
              onChange={setReviewerIds}
              searchable
            />
          </>
        )}
        <Textarea
          label={transition.needsReason ? 'Причина (её прочитает автор)' : 'Комментарий'}
          required={transition.needsReason}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <ErrorAlert error={error} title="Действие не выполнено" />
        <Footer busy={busy} onClose={onClose} onSubmit={submit} label={transition.label} />
      </Stack>
    </Modal>
  );
}

/** The expert's scores by the published criteria, with a comment. */
export function ReviewModal({
  practice,
  criteria,
  onClose,
  onDone,
}: {
  practice: Practice;
  criteria: Criterion[];
  onClose: () => void;
  onDone: (p: Practice) => void;
}) {
  const [scores, setScores] = useState<Record<string, number | string>>({});
  const [comment, setComment] = useState('');
  const { error, busy, run } = useSubmit();
  const submit = () =>
    run(async () => {
      const numbers = Object.fromEntries(
        Object.entries(scores)
          .filter(([, v]) => v !== '')
          .map(([k, v]) => [k, Number(v)]),
      );
      onDone(await api.put<Practice>(`/api/practices/${practice.id}/review`, { scores: numbers, comment }));
    });
  return (
    <Modal opened onClose={onClose} title="Экспертная оценка" size="lg">
      <Stack gap="sm">
        <Table>
          <Table.Tbody>
            {criteria.map((c) => (
              <Table.Tr key={c.code}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {c.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {c.description}
                  </Text>
                </Table.Td>
                <Table.Td w={140}>
                  <NumberInput
                    aria-label={c.title}
                    min={0}
                    max={c.maxPoints}
                    allowDecimal={false}
                    value={scores[c.code] ?? ''}
                    onChange={(v) => setScores((old) => ({ ...old, [c.code]: v }))}
                    rightSection={<Text size="xs">из {c.maxPoints}</Text>}
                    rightSectionWidth={48}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Textarea
          label="Комментарий эксперта"
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <ErrorAlert error={error} title="Оценка не сохранена" />
        <Footer busy={busy} onClose={onClose} onSubmit={submit} label="Сохранить оценку" />
      </Stack>
    </Modal>
  );
}
