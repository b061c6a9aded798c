import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconArrowRight, IconChartLine, IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import { VERDICT_LABEL, type Verdict } from '../../../../core/management/effect.ts';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { EmptyState, ErrorAlert, InfoRow, Loading, PageHeader } from '../../components/common.tsx';
import type { Recommendation } from '../analysis/api.ts';
import { formatValue } from '../programs/format.ts';
import {
  DECISION_KIND,
  MEASURE_STATUS,
  VERDICT_COLOR,
  type Decision,
  type EffectView,
  type Measure,
  type RoadmapView,
  evidenceHref,
} from './api.ts';
import { DecisionModal } from './DecisionModal.tsx';
import { deadlineText } from './RoadmapPage.tsx';

type IndicatorEffect = EffectView['measures'][number]['indicators'][number];

function VerdictBadge({ verdict, size = 'md' }: { verdict: Verdict; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge
      size={size}
      color={VERDICT_COLOR[verdict]}
      variant={verdict === 'no_data' ? 'outline' : 'light'}
      style={{ minWidth: 'max-content' }}
    >
      {VERDICT_LABEL[verdict]}
    </Badge>
  );
}

function BeforeAfter({ effect }: { effect: IndicatorEffect }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Stack gap={0} align="center">
        <Text size="xs" c="dimmed">
          до{effect.before ? `, ${effect.before.year}` : ''}
        </Text>
        <Text fw={700} fz="lg">
          {effect.before ? formatValue(effect.before.value, effect.unit) : '—'}
        </Text>
      </Stack>
      <IconArrowRight size={18} color="var(--mantine-color-gray-6)" />
      <Stack gap={0} align="center">
        <Text size="xs" c="dimmed">
          после{effect.after ? `, ${effect.after.year}` : ''}
        </Text>
        <Text fw={700} fz="lg">
          {effect.after ? formatValue(effect.after.value, effect.unit) : '—'}
        </Text>
      </Stack>
    </Group>
  );
}

/**
 * One measure of a roadmap: what, when, by whom, with what evidence; the indicators it should move with
 * their values in the monitoring before and after it and the verdict; one indicator opened down to the
 * organizations.
 */
export function MeasurePage() {
  const roadmapId = Number(useParams().id);
  const measureId = Number(useParams().measureId);
  const [params, setParams] = useSearchParams();
  const roadmap = useQuery({
    queryKey: ['roadmap', roadmapId],
    queryFn: () => api.get<RoadmapView>(`/api/roadmaps/${roadmapId}`),
  });
  const effect = useQuery({
    queryKey: ['roadmap-effect', roadmapId],
    queryFn: () => api.get<EffectView>(`/api/roadmaps/${roadmapId}/effect`),
  });
  const measure = roadmap.data?.measures.find((m) => m.id === measureId);
  const measureEffect = effect.data?.measures.find((m) => m.measureId === measureId);
  const beforeCampaign = measureEffect?.indicators.find((i) => i.before)?.before?.campaignId;
  const recommendations = useQuery({
    queryKey: ['campaign-recommendations', beforeCampaign],
    queryFn: () => api.get<Recommendation[]>(`/api/campaigns/${beforeCampaign}/recommendations`),
    enabled: Boolean(beforeCampaign && measure?.recommendationIds.length),
  });
  if (roadmap.isLoading) return <Loading />;
  if (roadmap.error || !roadmap.data)
    return <ErrorAlert error={roadmap.error} title="Дорожная карта недоступна" />;
  if (!measure) return <ErrorAlert error={new Error('Мероприятие не найдено: возможно, его удалили.')} />;
  const selected = params.get('indicator');
  const opened = measureEffect?.indicators.find((i) => i.indicatorCode === selected);
  const linked = (recommendations.data ?? []).filter((r) => measure.recommendationIds.includes(r.id));

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/roadmaps" size="sm">
          Дорожные карты
        </Anchor>
        <Anchor
          component={Link}
          to={`/roadmaps/${roadmapId}`}
          size="sm"
          maw={560}
          truncate="end"
          title={roadmap.data.title}
        >
          {roadmap.data.title}
        </Anchor>
        <Text size="sm">Мероприятие {measure.number}</Text>
      </Breadcrumbs>
      <PageHeader
        title={`${measure.number}. ${measure.title}`}
        subtitle={measure.section}
        actions={
          <Badge size="lg" color={MEASURE_STATUS[measure.status].color} variant="light">
            {MEASURE_STATUS[measure.status].label}
          </Badge>
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Stack gap="xs">
            <InfoRow label="Срок">{deadlineText(measure)}</InfoRow>
            <InfoRow label="Ответственные исполнители">{measure.executors}</InfoRow>
            <InfoRow label="Выполнено">{measure.doneOn ? formatRuDate(measure.doneOn) : null}</InfoRow>
            <InfoRow label="Подтверждения">
              {measure.evidence.length
                ? measure.evidence.map((e, i) => (
                    <Anchor key={i} href={evidenceHref(e)} target="_blank" size="sm" display="block">
                      {e.title}
                    </Anchor>
                  ))
                : null}
            </InfoRow>
          </Stack>
        </Paper>

        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={4}>Эффективность: показатели до и после мероприятия</Title>
            {measureEffect && (
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  Итог по мероприятию:
                </Text>
                <VerdictBadge verdict={measureEffect.verdict} size="lg" />
              </Group>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            «До» — мониторинг, отчётный период которого закончился до мероприятия
            {measureEffect?.date ? ` (${formatRuDate(measureEffect.date)})` : ''}; «после» — следующий за ним.
            Выберите показатель, чтобы увидеть изменения по организациям.
          </Text>
          {effect.isLoading ? (
            <Loading label="Сравнение показателей до и после мероприятия…" />
          ) : effect.error ? (
            <ErrorAlert error={effect.error} />
          ) : !measureEffect?.indicators.length ? (
            <Paper withBorder>
              <EmptyState>Мероприятие не связано с показателями программы мониторинга.</EmptyState>
            </Paper>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {measureEffect.indicators.map((i) => {
                const isOpen = i.indicatorCode === selected;
                return (
                  <UnstyledButton
                    key={`${i.programId}-${i.indicatorCode}`}
                    onClick={() => setParams(isOpen ? {} : { indicator: i.indicatorCode }, { replace: true })}
                    aria-pressed={isOpen}
                    aria-label={`Показатель ${i.indicatorCode}`}
                  >
                    <Paper
                      withBorder
                      p="md"
                      h="100%"
                      style={{ borderColor: isOpen ? 'var(--mantine-color-blue-5)' : undefined }}
                    >
                      <Group justify="space-between" align="flex-start" wrap="nowrap">
                        <Group gap="sm" wrap="nowrap" align="flex-start">
                          <ThemeIcon variant="light" radius="md">
                            <IconChartLine size={18} />
                          </ThemeIcon>
                          <Stack gap={2}>
                            <Text size="sm" fw={600}>
                              Показатель {i.indicatorCode}
                            </Text>
                            <Text size="sm">{i.name}</Text>
                          </Stack>
                        </Group>
                        <VerdictBadge verdict={i.verdict} />
                      </Group>
                      <Group justify="center" mt="md">
                        <BeforeAfter effect={i} />
                      </Group>
                    </Paper>
                  </UnstyledButton>
                );
              })}
            </SimpleGrid>
          )}
        </Stack>

        {opened && <IndicatorDetail effect={opened} />}

        <MeasureDecisions measure={measure} roadmapTitle={roadmap.data.title} />

        <Stack gap="xs">
          <Title order={4}>Рекомендации, которые выполняет мероприятие</Title>
          {measure.recommendationIds.length === 0 ? (
            <Text size="sm" c="dimmed">
              Мероприятие не связано с рекомендациями по итогам мониторинга.
            </Text>
          ) : recommendations.isLoading ? (
            <Loading />
          ) : (
            <Paper withBorder p="sm">
              <Stack gap="xs">
                {linked.map((r) => (
                  <Group key={r.id} gap="xs" wrap="nowrap" align="flex-start">
                    {r.indicatorCode && (
                      <Badge size="sm" variant="light" style={{ flexShrink: 0 }}>
                        {r.indicatorCode}
                      </Badge>
                    )}
                    <Text size="sm">
                      {r.text}{' '}
                      <Text span size="xs" c="dimmed">
                        — {r.addressee}
                      </Text>
                    </Text>
                  </Group>
                ))}
                {linked.length < measure.recommendationIds.length && (
                  <Text size="xs" c="dimmed">
                    Связанных рекомендаций: {measure.recommendationIds.length}
                  </Text>
                )}
              </Stack>
            </Paper>
          )}
        </Stack>
      </Stack>
    </>
  );
}

/** The orders, protocols and publications that answer this measure, and a way to add one linked to it. */
function MeasureDecisions({ measure, roadmapTitle }: { measure: Measure; roadmapTitle: string }) {
  const canEdit = useAuth().hasRole('admin', 'coordinator');
  const [adding, setAdding] = useState(false);
  const decisions = useQuery({
    queryKey: ['decisions', { measureId: measure.id }],
    queryFn: () => api.get<Decision[]>('/api/decisions', { measureId: measure.id }),
  });
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4}>Решения по мероприятию</Title>
        {canEdit && (
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
          >
            Добавить решение
          </Button>
        )}
      </Group>
      {decisions.isLoading ? (
        <Loading />
      ) : decisions.error ? (
        <ErrorAlert error={decisions.error} />
      ) : !decisions.data?.length ? (
        <Text size="sm" c="dimmed">
          Приказов, протоколов и публикаций по этому мероприятию пока нет.
        </Text>
      ) : (
        <Paper withBorder p="sm">
          <Stack gap="xs" aria-label="Решения по мероприятию">
            {decisions.data.map((d) => (
              <Group key={d.id} gap="xs" wrap="nowrap" align="flex-start">
                <Badge size="sm" variant="light" style={{ flexShrink: 0 }}>
                  {DECISION_KIND[d.kind]}
                </Badge>
                <Stack gap={0}>
                  <Text size="sm">
                    {d.title}{' '}
                    <Text span size="xs" c="dimmed">
                      — {d.number ? `№ ${d.number} от ` : ''}
                      {formatRuDate(d.date)}
                    </Text>
                  </Text>
                  {d.file && (
                    <Anchor href={`/api/files/${d.file.id}`} size="xs">
                      {d.file.name}
                    </Anchor>
                  )}
                  {d.url && (
                    <Anchor href={d.url} size="xs" target="_blank">
                      {d.url}
                    </Anchor>
                  )}
                </Stack>
              </Group>
            ))}
            <Anchor component={Link} to="/decisions" size="xs">
              Все управленческие решения →
            </Anchor>
          </Stack>
        </Paper>
      )}
      {adding && (
        <DecisionModal initialMeasures={[{ ...measure, roadmapTitle }]} onClose={() => setAdding(false)} />
      )}
    </Stack>
  );
}

function IndicatorDetail({ effect }: { effect: IndicatorEffect }) {
  const count = (v: Verdict) => effect.organizations.filter((o) => o.verdict === v).length;
  return (
    <Paper withBorder p="md" aria-label={`Показатель ${effect.indicatorCode} по организациям`}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Title order={4}>
            {effect.indicatorCode}. {effect.name}
          </Title>
          <Text size="sm" c="dimmed">
            По муниципалитету:{' '}
            {effect.before
              ? `${formatValue(effect.before.value, effect.unit)} в ${effect.before.year} г.`
              : 'нет данных'}{' '}
            →{' '}
            {effect.after
              ? `${formatValue(effect.after.value, effect.unit)} в ${effect.after.year} г.`
              : 'нет данных'}
          </Text>
        </Stack>
        <Group gap="xs">
          <VerdictBadge verdict={effect.verdict} size="lg" />
          <Anchor
            component={Link}
            to={`/programs/${effect.programId}?tab=results${effect.after ? `&year=${effect.after.year}` : ''}`}
            size="sm"
          >
            Результаты в программе мониторинга →
          </Anchor>
        </Group>
      </Group>
      {effect.organizations.length === 0 ? (
        <Alert color="gray" icon={<IconInfoCircle size={18} />}>
          Для сравнения по организациям нужны оба мониторинга — до и после мероприятия.
        </Alert>
      ) : (
        <>
          <Group gap="lg" mb="xs">
            <Text size="sm">
              улучшение: <b>{count('improved')}</b>
            </Text>
            <Text size="sm">
              без изменений: <b>{count('unchanged')}</b>
            </Text>
            <Text size="sm">
              ухудшение: <b>{count('worsened')}</b>
            </Text>
          </Group>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={4} fz="sm" aria-label={`По организациям: ${effect.indicatorCode}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Организация</Table.Th>
                  <Table.Th ta="right">До</Table.Th>
                  <Table.Th ta="right">После</Table.Th>
                  <Table.Th>Итог</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {effect.organizations.map((o) => (
                  <Table.Tr key={o.organizationId}>
                    <Table.Td>{o.name}</Table.Td>
                    <Table.Td ta="right">{formatValue(o.before, effect.unit)}</Table.Td>
                    <Table.Td ta="right">{formatValue(o.after, effect.unit)}</Table.Td>
                    <Table.Td>
                      <VerdictBadge verdict={o.verdict} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Paper>
  );
}
