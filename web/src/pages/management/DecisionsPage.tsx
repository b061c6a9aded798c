import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { DECISION_KIND, type Decision } from './api.ts';
import { DecisionModal } from './DecisionModal.tsx';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';

export function DecisionsPage() {
  const { hasRole } = useAuth();
  const canEdit = hasRole('admin', 'coordinator');
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Decision | null>(null);
  const query = useQuery({ queryKey: ['decisions'], queryFn: () => api.get<Decision[]>('/api/decisions') });
  // An order with its number went at one click and a refusal was not shown: ask first, show the error.
  const [removing, setRemoving] = useState<Decision | null>(null);
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/decisions/${id}`),
    onSuccess: () => {
      setRemoving(null);
      client.invalidateQueries({ queryKey: ['decisions'] });
    },
  });
  return (
    <>
      <PageHeader
        title="Управленческие решения"
        subtitle="Приказы, протоколы и публикации, принятые по результатам анализа"
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              Добавить решение
            </Button>
          )
        }
      />
      <ErrorAlert error={query.error ?? remove.error} />
      <Paper withBorder>
        {query.isLoading ? (
          <Loading />
        ) : !query.data?.length ? (
          <EmptyState>Решений пока нет.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" aria-label="Управленческие решения">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Вид</Table.Th>
                  <Table.Th>Номер и дата</Table.Th>
                  <Table.Th>Название</Table.Th>
                  <Table.Th w="34%">По каким мероприятиям и выводам</Table.Th>
                  {canEdit && <Table.Th w={72} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      <Badge variant="light">{DECISION_KIND[d.kind]}</Badge>
                    </Table.Td>
                    <Table.Td>
                      {d.number ? `№ ${d.number} от ` : ''}
                      {formatRuDate(d.date)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.title}</Text>
                      {d.url && (
                        <Anchor href={d.url} size="xs" target="_blank">
                          {d.url}
                        </Anchor>
                      )}
                      {d.file && (
                        <Anchor href={`/api/files/${d.file.id}`} size="xs" display="block">
                          {d.file.name}
                        </Anchor>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <DecisionLinks decision={d} />
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <EditDeleteIcons
                            onEdit={() => setEditing(d)}
                            onDelete={() => setRemoving(d)}
                            editLabel={`Изменить решение ${d.title}`}
                            deleteLabel={`Удалить решение ${d.title}`}
                            tooltips={false}
                            iconSize={15}
                          />
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {creating && <DecisionModal onClose={() => setCreating(false)} />}
      {editing && <DecisionModal decision={editing} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={Boolean(removing)}
        title="Удалить решение?"
        confirmLabel="Удалить"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        {removing
          ? `«${removing.title}» удаляется из списка решений вместе со связями с мероприятиями и выводами.`
          : ''}
      </ConfirmModal>
    </>
  );
}

const SHOWN_MEASURES = 3;

/** The measures (opening their page) and the conclusions a decision answers. */
export function DecisionLinks({ decision }: { decision: Decision }) {
  // The order approving a roadmap answers all its measures: a few are listed, the rest on demand.
  const [isOpen, setOpen] = useState(false);
  const shownMeasures = isOpen ? decision.measures : decision.measures.slice(0, SHOWN_MEASURES);
  const moreMeasures = decision.measures.length - shownMeasures.length;
  const hiddenConclusions = decision.conclusions.length ? 0 : decision.conclusionIds.length;
  if (!decision.measures.length && !decision.conclusions.length && !hiddenConclusions)
    return (
      <Text size="xs" c="dimmed">
        не связано
      </Text>
    );
  return (
    <Stack gap={6}>
      {decision.measures.length > 0 && (
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Мероприятия
          </Text>
          {shownMeasures.map((m) => (
            <Anchor
              key={m.id}
              component={Link}
              to={`/roadmaps/${m.roadmapId}/measures/${m.id}`}
              size="xs"
              lineClamp={2}
              title={`${m.roadmapTitle}: ${m.number}. ${m.title}`}
            >
              {m.number}. {m.title}
            </Anchor>
          ))}
          {(moreMeasures > 0 || isOpen) && decision.measures.length > SHOWN_MEASURES && (
            <Anchor
              component="button"
              type="button"
              size="xs"
              c="dimmed"
              ta="left"
              onClick={() => setOpen(!isOpen)}
            >
              {isOpen ? 'свернуть' : `и ещё ${moreMeasures} (всего ${decision.measures.length})`}
            </Anchor>
          )}
        </Stack>
      )}
      {decision.conclusions.length > 0 && (
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Выводы
          </Text>
          {decision.conclusions.map((c) => (
            <Anchor
              key={c.id}
              component={Link}
              to={`/campaigns/${c.campaignId}?tab=conclusions`}
              size="xs"
              lineClamp={2}
              title={`${c.campaignTitle}: ${c.text}`}
            >
              {c.year}: {c.text}
            </Anchor>
          ))}
        </Stack>
      )}
      {hiddenConclusions > 0 && (
        <Text size="xs" c="dimmed">
          выводов мониторинга: {hiddenConclusions}
        </Text>
      )}
    </Stack>
  );
}
