import {
  Badge,
  Card,
  Group,
  Progress,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { countOf, formatPercent, indicatorDigits, ORGANIZATION_FORMS } from '../../../../core/format.ts';
import { organizationKind } from '../../../../core/enums.ts';
import { Fragment } from 'react';
import type { AnalysisIndicator, Cluster, Descriptive, Rating } from './api.ts';
import { chartValue, num } from './charts.tsx';

const STAT_COLUMNS: { key: keyof Descriptive; label: string; hint: string }[] = [
  { key: 'mean', label: 'Среднее', hint: 'Среднее арифметическое значений организаций' },
  { key: 'median', label: 'Медиана', hint: 'Половина организаций ниже, половина выше' },
  { key: 'q1', label: 'Q1', hint: 'Первый квартиль: четверть организаций ниже' },
  { key: 'q3', label: 'Q3', hint: 'Третий квартиль: четверть организаций выше' },
  { key: 'min', label: 'Минимум', hint: 'Наименьшее значение' },
  { key: 'max', label: 'Максимум', hint: 'Наибольшее значение' },
  { key: 'range', label: 'Размах', hint: 'Максимум минус минимум' },
  {
    key: 'variation',
    label: 'Коэф. вариации',
    hint: 'Стандартное отклонение в процентах от среднего: до 10 % — разброс слабый, 10–33 % — умеренный, больше 33 % — сильный',
  },
];

/** How strong the spread is, by the usual rule of thumb for the coefficient of variation. */
function variationColor(v: number | null) {
  if (v === null) return undefined;
  return v > 33 ? 'red.7' : v > 10 ? 'yellow.8' : 'teal.7';
}

/** Descriptive statistics of the organizations' values, one row per indicator. */
export function StatisticsTable({
  indicators,
  statistics,
  organizationCount,
  memberForms = ORGANIZATION_FORMS,
}: {
  indicators: AnalysisIndicator[];
  statistics: Record<string, Descriptive | null>;
  organizationCount: number;
  /** What the values are of: organizations, or municipalities on the regional page. */
  memberForms?: readonly [string, string, string];
}) {
  return (
    <ScrollArea type="auto">
      <Table
        striped
        withTableBorder
        verticalSpacing={6}
        horizontalSpacing="xs"
        fz="sm"
        aria-label="Описательная статистика"
        miw={900}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Показатель</Table.Th>
            <Table.Th ta="right">
              <Tooltip label="Организаций со значением показателя">
                <span>N</span>
              </Tooltip>
            </Table.Th>
            {STAT_COLUMNS.map((c) => (
              <Table.Th key={c.key} ta="right">
                <Tooltip label={c.hint} multiline w={280}>
                  <span style={{ borderBottom: '1px dotted currentColor', cursor: 'help' }}>{c.label}</span>
                </Tooltip>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {indicators.map((i) => {
            const s = statistics[i.code];
            return (
              <Table.Tr key={i.code}>
                <Table.Td maw={360}>
                  <Text size="sm" lineClamp={2} title={i.name}>
                    <b>{i.code}</b> {i.name}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{s?.count ?? 0}</Table.Td>
                {!s ? (
                  <Table.Td colSpan={STAT_COLUMNS.length} c="dimmed">
                    нет данных
                  </Table.Td>
                ) : i.unit === 'presence' ? (
                  <Table.Td colSpan={STAT_COLUMNS.length} c="dimmed">
                    показатель наличия: есть в {Math.round(s.mean * s.count)} из{' '}
                    {countOf(s.count, memberForms)}
                    {s.count < organizationCount ? ` (ещё ${organizationCount - s.count} без данных)` : ''}
                  </Table.Td>
                ) : (
                  STAT_COLUMNS.map((c, _n, columns) => (
                    <Table.Td
                      key={c.key}
                      ta="right"
                      c={c.key === 'variation' ? variationColor(s.variation) : undefined}
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {c.key === 'variation'
                        ? formatPercent(s.variation)
                        : chartValue(
                            s[c.key] as number,
                            i.unit,
                            true,
                            indicatorDigits(
                              i.unit,
                              columns.filter((x) => x.key !== 'variation').map((x) => s[x.key] as number),
                            ),
                          )}
                    </Table.Td>
                  ))
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

function scoreColor(score: number) {
  return score >= 70 ? 'teal' : score >= 40 ? 'yellow' : 'red';
}

/** The rating by the composite score: place, organization, score as a bar, how many indicators it averages. */
export function RatingTable({
  rating,
  selectedId,
  member = { label: 'Организация', ofList: 'организаций' },
}: {
  rating: Rating;
  selectedId?: number | null;
  /** What is rated: organizations of a municipality, or municipalities of a region. */
  member?: { label: string; ofList: string };
}) {
  return (
    <ScrollArea.Autosize mah={620} type="auto">
      <Table verticalSpacing={5} fz="sm" aria-label={`Рейтинг ${member.ofList}`} highlightOnHover>
        <Table.Thead style={{ position: 'sticky', top: 0, background: 'white', zIndex: 1 }}>
          <Table.Tr>
            <Table.Th w={60} ta="center">
              Место
            </Table.Th>
            <Table.Th>{member.label}</Table.Th>
            <Table.Th w={280}>Интегральный балл (из 100)</Table.Th>
            <Table.Th w={120} ta="right">
              Показателей
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rating.rows.map((r, index) => (
            <Fragment key={r.organizationId}>
              {rating.rows[index - 1]?.kind !== r.kind &&
                new Set(rating.rows.map((x) => x.kind)).size > 1 && (
                  <Table.Tr>
                    <Table.Td colSpan={4} fw={600} bg="gray.0">
                      {organizationKind.label[r.kind]}: места среди организаций этого типа
                    </Table.Td>
                  </Table.Tr>
                )}
              <Table.Tr
                bg={r.organizationId === selectedId ? 'violet.0' : undefined}
                fw={r.organizationId === selectedId ? 600 : undefined}
              >
                <Table.Td ta="center">
                  {r.place === null ? (
                    '—'
                  ) : r.place <= 3 ? (
                    <Badge circle color={['yellow', 'gray', 'orange'][r.place - 1]} variant="filled">
                      {r.place}
                    </Badge>
                  ) : (
                    r.place
                  )}
                </Table.Td>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>
                  {r.score === null ? (
                    <Text size="sm" c="dimmed">
                      нет данных
                    </Text>
                  ) : (
                    <Group gap="xs" wrap="nowrap">
                      <Progress
                        value={r.score}
                        color={scoreColor(r.score)}
                        size="lg"
                        style={{ flex: 1 }}
                        aria-label={`Балл ${num(r.score)}`}
                      />
                      <Text size="sm" w={44} ta="right" fw={600}>
                        {num(r.score)}
                      </Text>
                    </Group>
                  )}
                </Table.Td>
                <Table.Td ta="right" c="dimmed">
                  {r.indicatorCount} из {rating.indicators.length}
                </Table.Td>
              </Table.Tr>
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

const CLUSTER_BADGE: Record<string, string> = {
  'Сильные позиции': 'teal',
  'Средний уровень': 'yellow',
  'Зона риска': 'red',
};

/** Groups of similar organizations as cards: title, description in words, the organizations. */
export function ClusterCards({ clusters }: { clusters: Cluster[] }) {
  return (
    <SimpleGrid cols={{ base: 1, md: Math.min(clusters.length, 3) }}>
      {clusters.map((c) => (
        <Card
          key={c.index}
          withBorder
          padding="md"
          style={{ borderTop: `4px solid var(--mantine-color-${CLUSTER_BADGE[c.title] ?? 'blue'}-5)` }}
        >
          <Stack gap={8}>
            <Group justify="space-between" wrap="nowrap">
              <Text fw={650}>
                Группа {c.index}. {c.title}
              </Text>
              <Badge color={CLUSTER_BADGE[c.title] ?? 'blue'} variant="light">
                {countOf(c.organizationIds.length, ORGANIZATION_FORMS)}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {c.description}
            </Text>
            <Group gap={4}>
              {c.names.map((n) => (
                <Badge key={n} variant="default" radius="sm" tt="none" fw={500}>
                  {n}
                </Badge>
              ))}
            </Group>
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** Options of an indicator select, grouped by criterion. */
export function indicatorOptions(indicators: AnalysisIndicator[]) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const i of indicators) {
    const group = `${i.criterionCode}. ${i.criterionTitle}`;
    groups.set(group, [...(groups.get(group) ?? []), { value: i.code, label: `${i.code}. ${i.name}` }]);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

export function Figure({
  label,
  value,
  hint,
  color,
  small,
}: {
  label: string;
  value: string;
  hint?: string;
  color?: string;
  small?: boolean;
}) {
  return (
    <Card withBorder padding="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={small ? 17 : 24} fw={700} c={color} lh={1.3}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}
