import {
  Accordion,
  Badge,
  Box,
  Center,
  Container,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconFileOff, IconMinus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import { countOf, ORGANIZATION_FORMS } from '../../../../core/format.ts';
import { LEVEL_LABEL } from '../../../../core/indicators/levels.ts';
import { api, ApiError } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { LEVEL_COLOR } from '../programs/format.ts';
import { resultOf, type AnalysisIndicator, type PublicReport } from './api.ts';
import { Figure, indicatorOptions } from './analysis-sections.tsx';
import { ChartCard, chartValue } from './charts.tsx';
import { DynamicsChart, IndicatorBarChart, thresholdText } from './indicator-charts.tsx';
import { LevelDistributionChart, MunicipalValuesChart } from './overview-charts.tsx';
import { StatusBadge } from './recommendation-card.tsx';
import { OrganizationLinks, PublicDecisions, PublicEffects } from '../publishing/public-sections.tsx';

/** The published report of a campaign, for anyone: no login, no application shell, no personal data. */
export function PublicReportPage() {
  const id = Number(useParams().id);
  const query = useQuery({
    queryKey: ['public-report', id],
    queryFn: () => api.get<PublicReport>(`/api/public/campaigns/${id}`),
    retry: false,
  });
  const report = query.data;
  useEffect(() => {
    if (report)
      document.title = `${report.campaign.title} — ${report.municipality?.name ?? 'публичный отчёт'}`;
  }, [report]);
  return (
    <Box bg="gray.0" mih="100vh">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="sm">
          <Group justify="space-between" wrap="nowrap">
            <Group gap={10} wrap="nowrap">
              <img src="/favicon.svg" alt="" width={30} height={30} />
              <Stack gap={0}>
                <Text fw={650} lh={1.25}>
                  {report?.municipality?.departmentName ?? 'Отдел образования'}
                </Text>
                <Text size="xs" c="dimmed">
                  {[report?.municipality?.name, report?.municipality?.regionName]
                    .filter(Boolean)
                    .join(', ') || 'Публичный отчёт о мониторинге'}
                </Text>
              </Stack>
            </Group>
            <Badge variant="light" visibleFrom="sm">
              Публичный отчёт
            </Badge>
          </Group>
        </Container>
      </Box>
      <Container size="lg" py="xl" component="main">
        {query.isLoading ? (
          <Loading label="Загрузка отчёта…" />
        ) : query.error instanceof ApiError && query.error.status === 404 ? (
          <NotPublished message={query.error.message} />
        ) : query.error || !report ? (
          <ErrorAlert error={query.error} title="Отчёт недоступен" />
        ) : (
          <ReportBody report={report} />
        )}
      </Container>
      <Box component="footer" py="lg">
        <Container size="lg">
          <Text size="xs" c="dimmed" ta="center">
            Данные мониторинга системы обеспечения профессионального развития педагогических работников.
            Значения рассчитаны по организациям и муниципалитету в целом; сведения о педагогах не публикуются,
            доли по группам менее 5 человек или записей не публикуются. Подготовлено в pedmonitor.
          </Text>
        </Container>
      </Box>
    </Box>
  );
}

function NotPublished({ message }: { message: string }) {
  return (
    <Center py={80}>
      <Stack align="center" gap="sm" maw={480}>
        <IconFileOff size={56} stroke={1.2} color="var(--mantine-color-gray-5)" />
        <Title order={2} ta="center">
          {message}
        </Title>
        <Text c="dimmed" ta="center">
          Отчёт по этой ссылке не найден или ещё не опубликован отделом образования. Проверьте адрес или
          обратитесь в методический кабинет.
        </Text>
      </Stack>
    </Center>
  );
}

function ReportBody({ report }: { report: PublicReport }) {
  const [code, setCode] = useState<string | null>(null);
  const indicator = report.indicators.find((i) => i.code === code) ?? report.indicators[0];
  const municipal = report.indicators.map((i) => ({ i, r: resultOf(report.results, i.code, null) }));
  const withLevel = municipal.filter((m) => m.r?.level);
  const high = withLevel.filter((m) => m.r!.level === 'high').length;
  const low = withLevel.filter((m) => m.r!.level === 'low');
  const figures = municipal.filter((m) => m.i.unit !== 'percent');
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Text size="sm" c="dimmed">
          Мониторинг {report.campaign.year} года · проведён {formatRuDate(report.campaign.dates.start)} —{' '}
          {formatRuDate(report.campaign.dates.end)}
          {report.publishedAt ? ` · опубликовано ${formatDateTime(report.publishedAt).slice(0, 10)}` : ''}
        </Text>
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          {report.campaign.title}
        </Title>
      </Stack>
      {report.introduction && (
        <Paper withBorder p="lg">
          {report.introduction.split(/\n+/).map((p, k) => (
            <Text key={k} mb="xs" style={{ textIndent: 24 }}>
              {p}
            </Text>
          ))}
        </Paper>
      )}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label="Организаций участвовало" value={String(report.participantCount)} />
        <Figure label="Показателей мониторинга" value={String(report.indicators.length)} />
        <Figure
          label="На высоком уровне"
          value={`${high} из ${withLevel.length}`}
          hint="показателей по муниципалитету в целом"
          color="teal.7"
        />
        <Figure
          label="На низком уровне"
          value={`${low.length} из ${withLevel.length}`}
          hint={low.length ? `показатели ${low.map((m) => m.i.code).join(', ')}` : 'таких показателей нет'}
          color={low.length ? 'red.7' : undefined}
        />
      </SimpleGrid>
      <ChartCard
        title="Показатели по муниципалитету в целом"
        subtitle="Доли в процентах; цвет столбца — уровень значения, отметки — пороги высокого и среднего уровня."
      >
        <MunicipalValuesChart indicators={report.indicators} results={report.results} />
        {figures.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs">
            {figures.map(({ i, r }) => (
              <Paper key={i.code} withBorder p="xs">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text size="xs" c="dimmed" lineClamp={3} title={i.name}>
                    {i.code}. {i.name}
                  </Text>
                  {r?.level && (
                    <Badge size="xs" color={LEVEL_COLOR[r.level]} variant="light">
                      {LEVEL_LABEL[r.level]}
                    </Badge>
                  )}
                </Group>
                <Text fw={700} fz={20}>
                  {chartValue(r?.value, i.unit)}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </ChartCard>
      <ChartCard
        title="Уровни показателей в организациях"
        subtitle={`Сколько из ${countOf(report.organizations.length, ORGANIZATION_FORMS)} достигли высокого, среднего и низкого уровня.`}
      >
        <LevelDistributionChart
          indicators={report.indicators}
          organizations={report.organizations}
          results={report.results}
        />
      </ChartCard>
      {indicator && <IndicatorSection report={report} indicator={indicator} onChange={setCode} />}
      <DynamicsTable report={report} />
      <ChartCard title="Выводы">
        {report.conclusions.length ? (
          <Stack component="ol" gap="xs" pl="lg" m={0}>
            {report.conclusions.map((c, k) => (
              <Text component="li" key={k}>
                {c}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text c="dimmed">Выводы не опубликованы.</Text>
        )}
      </ChartCard>
      <PublicRecommendations report={report} />
      <PublicDecisions decisions={report.decisions ?? []} />
      <PublicEffects effects={report.effects ?? []} />
      <OrganizationLinks organizations={report.organizations} />
    </Stack>
  );
}

function IndicatorSection({
  report,
  indicator,
  onChange,
}: {
  report: PublicReport;
  indicator: AnalysisIndicator;
  onChange(code: string): void;
}) {
  return (
    <ChartCard
      title="Показатель по организациям и в динамике"
      subtitle={[thresholdText(indicator, 'high'), thresholdText(indicator, 'medium')]
        .filter(Boolean)
        .join('; ')}
      actions={
        <Select
          aria-label="Показатель"
          data={indicatorOptions(report.indicators)}
          value={indicator.code}
          onChange={(v) => v && onChange(v)}
          allowDeselect={false}
          searchable
          w={{ base: '100%', sm: 460 }}
          maxDropdownHeight={420}
        />
      }
    >
      <Text fw={500}>
        {indicator.code}. {indicator.name}
      </Text>
      <IndicatorBarChart
        indicator={indicator}
        organizations={report.organizations}
        results={report.results}
        year={report.campaign.year}
      />
      {report.dynamics.length > 1 && (
        <>
          <Text fw={500} mt="sm">
            Значение по муниципалитету по годам
          </Text>
          <DynamicsChart indicator={indicator} dynamics={report.dynamics} />
        </>
      )}
    </ChartCard>
  );
}

/** Every indicator's municipal value by year and the change since the previous campaign. */
function DynamicsTable({ report }: { report: PublicReport }) {
  if (report.dynamics.length < 2) return null;
  const years = report.dynamics;
  return (
    <ChartCard title="Динамика по муниципалитету" subtitle="Значения показателей по годам мониторинга.">
      <Table.ScrollContainer minWidth={640}>
        <Table striped withTableBorder fz="sm" aria-label="Динамика показателей">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Показатель</Table.Th>
              {years.map((y) => (
                <Table.Th key={y.year} ta="right">
                  {y.year}
                </Table.Th>
              ))}
              <Table.Th ta="right">Изменение</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.indicators.map((i) => {
              const values = years.map((y) => resultOf(y.results, i.code, null));
              const [before, after] = [values[values.length - 2]?.value, values[values.length - 1]?.value];
              const delta = before != null && after != null ? after - before : null;
              const better = delta === null || delta === 0 ? null : delta > 0 === (i.direction === 'higher');
              return (
                <Table.Tr key={i.code}>
                  <Table.Td maw={420}>
                    <Text size="sm" lineClamp={2} title={i.name}>
                      <b>{i.code}</b> {i.name}
                    </Text>
                  </Table.Td>
                  {values.map((r, k) => (
                    <Table.Td key={k} ta="right" c={r?.level ? `${LEVEL_COLOR[r.level]}.8` : undefined}>
                      {chartValue(r?.value, i.unit)}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {delta === null || i.unit === 'presence' ? (
                      '—'
                    ) : (
                      <Group
                        gap={4}
                        justify="flex-end"
                        wrap="nowrap"
                        c={better === null ? 'dimmed' : better ? 'teal.7' : 'red.7'}
                      >
                        {delta > 0 ? (
                          <IconArrowUpRight size={14} />
                        ) : delta < 0 ? (
                          <IconArrowDownRight size={14} />
                        ) : (
                          <IconMinus size={14} />
                        )}
                        {delta > 0 ? '+' : delta < 0 ? '−' : ''}
                        {chartValue(Math.abs(delta), i.unit === 'percent' ? 'number' : i.unit)}
                        {i.unit === 'percent' ? ' п. п.' : ''}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </ChartCard>
  );
}

function PublicRecommendations({ report }: { report: PublicReport }) {
  const department = report.recommendations.filter((r) => r.organizationName === null);
  const byOrganization = new Map<string, PublicReport['recommendations']>();
  for (const r of report.recommendations.filter((x) => x.organizationName !== null))
    byOrganization.set(r.organizationName!, [...(byOrganization.get(r.organizationName!) ?? []), r]);
  return (
    <ChartCard title="Адресные рекомендации">
      {report.recommendations.length === 0 && <Text c="dimmed">Рекомендации не опубликованы.</Text>}
      {department.length > 0 && (
        <Stack gap={6}>
          <Text fw={600}>{department[0].addressee}</Text>
          <Stack component="ol" gap={6} pl="lg" m={0}>
            {department.map((r, k) => (
              <Text component="li" key={k}>
                {r.text}{' '}
                <Text span size="xs" c="dimmed">
                  {r.deadline ? `срок — ${formatRuDate(r.deadline)}` : ''}
                </Text>{' '}
                <StatusBadge status={r.status} />
              </Text>
            ))}
          </Stack>
        </Stack>
      )}
      {byOrganization.size > 0 && (
        <>
          <Text fw={600} mt="sm">
            Руководителям образовательных организаций
          </Text>
          <Accordion variant="separated" multiple>
            {[...byOrganization].map(([name, items]) => (
              <Accordion.Item key={name} value={name}>
                <Accordion.Control>
                  <Group gap="xs">
                    <Text size="sm">{name}</Text>
                    <Badge variant="light" color="gray" size="sm">
                      {items.length}
                    </Badge>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack component="ol" gap={6} pl="lg" m={0}>
                    {items.map((r, k) => (
                      <Text component="li" key={k} size="sm">
                        {r.text} <StatusBadge status={r.status} />
                      </Text>
                    ))}
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </>
      )}
    </ChartCard>
  );
}
