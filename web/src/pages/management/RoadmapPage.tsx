import {
  Checkbox,
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import { DEADLINE_LABEL } from '../../../../core/management/roadmap-template.ts';
import { VERDICT_LABEL } from '../../../../core/management/effect.ts';
import { api, ApiError } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { RuDateInput } from '../analysis/recommendation-card.tsx';
import { notifySaved } from '../../lib/forms.ts';
import { formatValue } from '../programs/format.ts';
import type { ProgramSummary, ProgramTree } from '../programs/api.ts';
import {
  MEASURE_STATUS,
  VERDICT_COLOR,
  type EffectView,
  type Measure,
  type RoadmapView,
  evidenceHref,
} from './api.ts';
import { PageCrumbs } from '../../components/PageCrumbs.tsx';
import { FormActions } from '../../components/FormActions.tsx';

export function deadlineText(m: Pick<Measure, 'deadlineKind' | 'deadlineFrom' | 'deadlineTo'>) {
  if (m.deadlineKind === 'date') return `до ${formatRuDate(m.deadlineTo)}`;
  if (m.deadlineKind === 'period') return `${formatRuDate(m.deadlineFrom)} — ${formatRuDate(m.deadlineTo)}`;
  return DEADLINE_LABEL[m.deadlineKind];
}

export function RoadmapPage() {
  const id = Number(useParams().id);
  const { hasRole } = useAuth();
  const canEdit = hasRole('admin', 'coordinator');
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Measure | null>(null);
  const query = useQuery({
    queryKey: ['roadmap', id],
    queryFn: () => api.get<RoadmapView>(`/api/roadmaps/${id}`),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Дорожная карта недоступна" />;
  const roadmap = query.data;
  const sections = [...new Set(roadmap.measures.map((m) => m.section))];
  return (
    <>
      <PageCrumbs to="/roadmaps" section="Дорожные карты" current="Дорожная карта" />
      <PageHeader
        title={roadmap.title}
        subtitle={`${formatRuDate(roadmap.periodStart)} — ${formatRuDate(roadmap.periodEnd)}`}
      />
      <Tabs
        value={params.get('tab') ?? 'measures'}
        onChange={(v) => setParams(v ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="measures">Мероприятия</Tabs.Tab>
          <Tabs.Tab value="effect">Эффективность мер</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="measures">
          <Stack>
            {sections.map((section) => (
              <Paper withBorder p="md" key={section}>
                <Title order={4} fz="md" mb="sm">
                  {section}
                </Title>
                <Table.ScrollContainer minWidth={800}>
                  <Table verticalSpacing={6} fz="sm" aria-label={section}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={60}>№</Table.Th>
                        <Table.Th>Мероприятие</Table.Th>
                        <Table.Th w={160}>Срок</Table.Th>
                        <Table.Th w={220}>Исполнители</Table.Th>
                        <Table.Th w={130}>Статус</Table.Th>
                        {canEdit && <Table.Th w={40} />}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {roadmap.measures
                        .filter((m) => m.section === section)
                        .map((m) => (
                          <Table.Tr key={m.id}>
                            <Table.Td fw={600}>{m.number}</Table.Td>
                            <Table.Td>
                              <Anchor
                                component={Link}
                                to={`/roadmaps/${roadmap.id}/measures/${m.id}`}
                                size="sm"
                              >
                                {m.title}
                              </Anchor>
                              <Group gap={4} mt={4}>
                                {m.indicators.map((i) => (
                                  <Badge
                                    key={`${i.programId}-${i.indicatorCode}`}
                                    size="xs"
                                    variant="light"
                                    title={i.name}
                                  >
                                    показатель {i.indicatorCode}
                                  </Badge>
                                ))}
                                {m.recommendationIds.length > 0 && (
                                  <Badge size="xs" variant="light" color="grape">
                                    рекомендаций: {m.recommendationIds.length}
                                  </Badge>
                                )}
                              </Group>
                              {m.evidence.map((e, i) => (
                                <Anchor
                                  key={i}
                                  href={evidenceHref(e)}
                                  size="xs"
                                  target="_blank"
                                  display="block"
                                >
                                  {e.title}
                                </Anchor>
                              ))}
                            </Table.Td>
                            <Table.Td>{deadlineText(m)}</Table.Td>
                            <Table.Td>
                              <Text size="xs">{m.executors}</Text>
                            </Table.Td>
                            <Table.Td>
                              <Badge color={MEASURE_STATUS[m.status].color} variant="light">
                                {MEASURE_STATUS[m.status].label}
                              </Badge>
                              {m.doneOn && (
                                <Text size="xs" c="dimmed">
                                  {formatRuDate(m.doneOn)}
                                </Text>
                              )}
                            </Table.Td>
                            {canEdit && (
                              <Table.Td>
                                <ActionIcon
                                  variant="subtle"
                                  aria-label={`Изменить мероприятие ${m.number}`}
                                  onClick={() => setEditing(m)}
                                >
                                  <IconPencil size={15} />
                                </ActionIcon>
                              </Table.Td>
                            )}
                          </Table.Tr>
                        ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Paper>
            ))}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="effect">
          <EffectPanel roadmapId={roadmap.id} />
        </Tabs.Panel>
      </Tabs>
      {editing && <MeasureModal measure={editing} roadmapId={roadmap.id} onClose={() => setEditing(null)} />}
    </>
  );
}

function MeasureModal({
  measure,
  roadmapId,
  onClose,
}: {
  measure: Measure;
  roadmapId: number;
  onClose(): void;
}) {
  const client = useQueryClient();
  const [status, setStatus] = useState(measure.status);
  const [doneOn, setDoneOn] = useState(measure.doneOn ?? '');
  const [evidence, setEvidence] = useState(measure.evidence);
  const [isPublic, setIsPublic] = useState(measure.isPublic);
  const [newTitle, setNewTitle] = useState('');
  const [newUrl, setNewUrl] = useState('');
  const programs = useQuery({
    queryKey: ['programs'],
    queryFn: () => api.get<ProgramSummary[]>('/api/programs'),
  });
  const programId = measure.indicators[0]?.programId ?? programs.data?.[0]?.id;
  const tree = useQuery({
    queryKey: ['program', programId],
    queryFn: () => api.get<ProgramTree>(`/api/programs/${programId}`),
    enabled: Boolean(programId),
  });
  const [codes, setCodes] = useState(measure.indicators.map((i) => i.indicatorCode));
  const save = useMutation({
    mutationFn: () =>
      api.patch(`/api/measures/${measure.id}`, {
        status,
        doneOn: doneOn || null,
        evidence,
        isPublic,
        indicators: programId ? codes.map((indicatorCode) => ({ programId, indicatorCode })) : undefined,
        version: measure.version,
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['roadmap', roadmapId] });
      client.invalidateQueries({ queryKey: ['roadmap-effect', roadmapId] });
      notifySaved('Мероприятие сохранено');
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Мероприятие ${measure.number}`} size="lg">
      <Stack>
        <Text size="sm">{measure.title}</Text>
        {save.error && <ErrorAlert error={save.error instanceof ApiError ? save.error : null} />}
        <Group grow>
          <Select
            label="Статус"
            data={Object.entries(MEASURE_STATUS).map(([value, s]) => ({ value, label: s.label }))}
            value={status}
            onChange={(v) => v && setStatus(v as Measure['status'])}
            allowDeselect={false}
          />
          <RuDateInput
            label="Дата выполнения"
            value={doneOn || null}
            onChange={(v) => setDoneOn(v ?? '')}
            description="От неё считается эффект: мониторинг до и после"
          />
        </Group>
        <MultiSelect
          label="Показатели, которые мероприятие должно изменить"
          data={(tree.data?.criteria ?? []).flatMap((c) =>
            c.indicators.map((i) => ({ value: i.code, label: `${i.code}. ${i.name}` })),
          )}
          value={codes}
          onChange={setCodes}
          searchable
        />
        <Checkbox
          label="Показывать эффект в публичном отчёте"
          description="В опубликованном отчёте мониторинга, по которому оценён эффект мероприятия"
          checked={isPublic}
          onChange={(e) => setIsPublic(e.currentTarget.checked)}
        />
        <Text size="sm" fw={500}>
          Подтверждения
        </Text>
        {evidence.map((e, i) => (
          <Group key={i} justify="space-between" wrap="nowrap">
            <Anchor href={e.url ?? '#'} size="sm" target="_blank">
              {e.title}
            </Anchor>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label="Удалить подтверждение"
              onClick={() => setEvidence(evidence.filter((_, j) => j !== i))}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Group align="flex-end" grow>
          <TextInput label="Название" value={newTitle} onChange={(e) => setNewTitle(e.currentTarget.value)} />
          <TextInput
            label="Ссылка"
            placeholder="https://"
            value={newUrl}
            onChange={(e) => setNewUrl(e.currentTarget.value)}
          />
          <Button
            variant="default"
            disabled={!newTitle || !/^https?:\/\//.test(newUrl)}
            onClick={() => {
              setEvidence([...evidence, { title: newTitle, url: newUrl }]);
              setNewTitle('');
              setNewUrl('');
            }}
          >
            Добавить
          </Button>
        </Group>
        <FormActions onCancel={onClose} onSubmit={() => save.mutate()} loading={save.isPending} />
      </Stack>
    </Modal>
  );
}

function EffectPanel({ roadmapId }: { roadmapId: number }) {
  const [opened, setOpened] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['roadmap-effect', roadmapId],
    queryFn: () => api.get<EffectView>(`/api/roadmaps/${roadmapId}/effect`),
  });
  if (query.isLoading) return <Loading label="Сравнение показателей до и после мер…" />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} />;
  const measured = query.data.measures.filter((m) => m.indicators.length);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Для каждого мероприятия — связанные показатели в мониторинге, отчётный период которого закончился до
        мероприятия, и в следующем за ним. Изменение меньше 1 п. п. (для долей) или 1 (для количеств)
        считается «без изменений».
      </Text>
      <Paper withBorder>
        <Table verticalSpacing={6} fz="sm" aria-label="Эффективность мер">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Мероприятие</Table.Th>
              <Table.Th>Показатель</Table.Th>
              <Table.Th ta="right">До</Table.Th>
              <Table.Th ta="right">После</Table.Th>
              <Table.Th>Итог</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {measured.flatMap((m) =>
              m.indicators.map((i, k) => {
                const key = `${m.measureId}-${i.indicatorCode}`;
                return [
                  <Table.Tr
                    key={key}
                    style={{ cursor: 'pointer' }}
                    onClick={() => setOpened(opened === key ? null : key)}
                  >
                    <Table.Td>
                      {k === 0 && (
                        <Anchor
                          component={Link}
                          to={`/roadmaps/${roadmapId}/measures/${m.measureId}`}
                          size="sm"
                          onClick={(e) => e.stopPropagation()}
                        >
                          {m.number}. {m.title}
                        </Anchor>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {i.indicatorCode}. {i.name}
                    </Table.Td>
                    <Table.Td ta="right">
                      {i.before ? `${formatValue(i.before.value, i.unit)} (${i.before.year})` : '—'}
                    </Table.Td>
                    <Table.Td ta="right">
                      {i.after ? `${formatValue(i.after.value, i.unit)} (${i.after.year})` : '—'}
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={VERDICT_COLOR[i.verdict]}
                        variant={i.verdict === 'no_data' ? 'outline' : 'light'}
                      >
                        {VERDICT_LABEL[i.verdict]}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>,
                  opened === key && (
                    <Table.Tr key={`${key}-orgs`}>
                      <Table.Td colSpan={5} bg="gray.0">
                        <Table fz="xs" verticalSpacing={2} aria-label={`По организациям: ${i.indicatorCode}`}>
                          <Table.Tbody>
                            {i.organizations.map((o) => (
                              <Table.Tr key={o.organizationId}>
                                <Table.Td>{o.name}</Table.Td>
                                <Table.Td ta="right">{formatValue(o.before, i.unit)}</Table.Td>
                                <Table.Td ta="right">{formatValue(o.after, i.unit)}</Table.Td>
                                <Table.Td>
                                  <Badge size="xs" color={VERDICT_COLOR[o.verdict]} variant="light">
                                    {VERDICT_LABEL[o.verdict]}
                                  </Badge>
                                </Table.Td>
                              </Table.Tr>
                            ))}
                          </Table.Tbody>
                        </Table>
                      </Table.Td>
                    </Table.Tr>
                  ),
                ];
              }),
            )}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
