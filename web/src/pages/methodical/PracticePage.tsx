import { Alert, Badge, Button, Group, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  educationStage,
  practiceKind,
  practiceStatus,
  PRACTICE_TRANSITIONS,
} from '../../../../core/practices.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, InfoRow, Loading, PageHeader } from '../../components/common.tsx';
import { PageCrumbs } from '../../components/PageCrumbs.tsx';
import { notifySaved } from '../../lib/forms.ts';
import { STATUS_COLOR, useCriteria, type Practice, type PracticeAction } from './api.ts';
import { PracticeForm } from './PracticeForm.tsx';
import { ReviewModal, TransitionModal } from './practice-modals.tsx';
import { EventsSection, FilesSection, HistorySection, ReviewsSection } from './practice-sections.tsx';

/** The card of an entry of the bank of practices: content, the review and its history, spreading. */
export function PracticePage() {
  const id = Number(useParams().id);
  const client = useQueryClient();
  const criteria = useCriteria();
  const [action, setAction] = useState<PracticeAction | null>(null);
  const [isEditing, setEditing] = useState(false);
  const [isReviewing, setReviewing] = useState(false);
  const query = useQuery({
    queryKey: ['practice', id],
    queryFn: () => api.get<Practice>(`/api/practices/${id}`),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Материал недоступен" />;
  const p = query.data;
  const refresh = () => {
    client.invalidateQueries({ queryKey: ['practice', id] });
    client.invalidateQueries({ queryKey: ['practices'] });
  };
  const done = (saved: Practice, message: string) => {
    client.setQueryData(['practice', id], saved);
    client.invalidateQueries({ queryKey: ['practices'] });
    notifySaved(message);
  };
  return (
    <>
      <PageCrumbs to="/practices" section="Банк практик" current={p.title} />
      <PageHeader
        title={
          <Group gap="sm">
            {p.title}
            <Badge variant="light" color={STATUS_COLOR[p.status]}>
              {practiceStatus.label[p.status]}
            </Badge>
          </Group>
        }
        subtitle={[practiceKind.label[p.kind], p.stage && educationStage.label[p.stage], p.subject]
          .filter(Boolean)
          .join(' · ')}
        actions={
          <Group gap="xs">
            {p.can.edit && (
              <Button variant="default" onClick={() => setEditing(true)}>
                Изменить
              </Button>
            )}
            {p.can.review && <Button onClick={() => setReviewing(true)}>Оценить</Button>}
            {p.can.actions.map((a) => (
              <Button
                key={a}
                variant={a === 'return' || a === 'reject' ? 'light' : 'filled'}
                color={a === 'reject' ? 'red' : a === 'return' ? 'orange' : undefined}
                onClick={() => setAction(a)}
              >
                {PRACTICE_TRANSITIONS[a].label}
              </Button>
            ))}
          </Group>
        }
      />
      <Stack gap="md">
        {p.reason && (p.status === 'returned' || p.status === 'rejected') && (
          <Alert
            color={p.status === 'rejected' ? 'red' : 'orange'}
            title={p.status === 'rejected' ? 'Причина отклонения' : 'Что доработать'}
          >
            {p.reason}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap={6}>
            <InfoRow label="Организация">{p.organizationShortName ?? 'отдел образования'}</InfoRow>
            <InfoRow label="Авторы">{p.authors.map((a) => a.name).join(', ')}</InfoRow>
            <InfoRow label="Дефициты">
              {p.deficits.map((d) => `${d.code} ${d.title}`).join('; ') || '—'}
            </InfoRow>
            {p.description && <Text size="sm">{p.description}</Text>}
            {p.can.manage && p.status === 'published' && (
              <Switch
                label="Показывать на публичной странице муниципалитета"
                checked={p.isPublic}
                onChange={async (e) => {
                  const saved = await api.patch<Practice>(`/api/practices/${p.id}`, {
                    isPublic: e.currentTarget.checked,
                    version: p.version,
                  });
                  done(
                    saved,
                    saved.isPublic
                      ? 'Материал показан на публичной странице'
                      : 'Материал скрыт с публичной страницы',
                  );
                }}
              />
            )}
          </Stack>
          <FilesSection practice={p} onChange={refresh} />
        </SimpleGrid>
        {p.reviews.length > 0 && criteria.data && (
          <ReviewsSection practice={p} criteria={criteria.data.criteria} maxScore={criteria.data.maxScore} />
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <EventsSection practice={p} onChange={refresh} />
          <HistorySection practice={p} />
        </SimpleGrid>
      </Stack>
      {action && (
        <TransitionModal
          practice={p}
          action={action}
          onClose={() => setAction(null)}
          onDone={(saved) => {
            setAction(null);
            done(saved, `Статус: ${practiceStatus.label[saved.status]}`);
          }}
        />
      )}
      {isReviewing && criteria.data && (
        <ReviewModal
          practice={p}
          criteria={criteria.data.criteria}
          onClose={() => setReviewing(false)}
          onDone={(saved) => {
            setReviewing(false);
            done(saved, 'Оценка сохранена');
          }}
        />
      )}
      {isEditing && (
        <PracticeForm
          practice={p}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            done(saved, 'Материал сохранён');
          }}
        />
      )}
    </>
  );
}
