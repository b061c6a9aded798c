import { expandResults, type StrippedResults } from '../../../../core/indicators/compact-results.ts';
import { findResult } from '../../../../core/indicators/find-result.ts';
import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Modal,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LEVEL_LABEL, type IndicatorUnit } from '../../../../core/indicators/levels.ts';
import { indicatorDigits } from '../../../../core/format.ts';
import { formatRuDate } from '../../../../core/dates.ts';
import { api, withParams } from '../../api/client.ts';
import { IconDownload } from '@tabler/icons-react';
import { useAuth } from '../../auth/auth.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import type { DrilldownResponse, Indicator, IndicatorResult, ProgramTree, ResultsResponse } from './api.ts';
import { LEVEL_BG, LEVEL_COLOR, formatResult, formatValue } from './format.ts';
import { PlanFactRows } from './PlanFactRows.tsx';
import { GroupFilterSelect } from '../methodical/GroupFilterSelect.tsx';
import { usesVacancies } from '../../../../core/vacancy-reports.ts';

/** Organizations × indicators, coloured by level, the municipality first; a click opens what is behind a value. */
export function ResultsTable({
  program,
  year,
  campaignId,
}: {
  program: ProgramTree;
  year: number;
  campaignId?: number;
}) {
  const indicators = program.criteria.flatMap((c) => c.indicators);
  // The records behind a value name teachers: the server opens them to the department and a school's manager.
  const canDrillDown = useAuth().hasRole('admin', 'coordinator', 'org_manager');
  const isDepartment = useAuth().hasRole('admin', 'coordinator');
  const [opened, setOpened] = useState<{ indicator: Indicator; result: IndicatorResult } | null>(null);
  const [orgGroupId, setOrgGroupId] = useState<number | null>(null);
  const query = useQuery({
    queryKey: campaignId
      ? ['campaign-results', campaignId, orgGroupId]
      : ['program-results', program.id, year],
    queryFn: async (): Promise<ResultsResponse & { isFrozen?: boolean }> => {
      if (!campaignId) return api.get<ResultsResponse>(`/api/programs/${program.id}/results`, { year });
      // Each organization's name once, in `organizations`; the values by its id.
      const data = await api.get<
        StrippedResults<IndicatorResult> & {
          isFrozen: boolean;
          organizations: { id: number; name: string }[];
          vacanciesAsOf: string | null;
        }
      >(`/api/campaigns/${campaignId}/results`, { orgGroupId: orgGroupId ?? undefined });
      const { organizations } = data;
      return {
        isFrozen: data.isFrozen,
        vacanciesAsOf: data.vacanciesAsOf,
        results: expandResults(data),
        organizations,
        period: null as never,
        problems: [],
      };
    },
    // Narrowing a campaign's table to a group keeps it on screen while the narrowed one loads.
    placeholderData: campaignId ? keepPreviousData : undefined,
  });
  if (query.isLoading) return <Loading label="Расчёт показателей по реестру…" />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} />;
  const { results, organizations, period, problems, isFrozen, vacanciesAsOf } = query.data;
  const cell = (indicator: string, organization: number | null) =>
    findResult(results, indicator, organization);
  // One number of decimals per indicator column: «0,0 %» beside «57,5 %».
  const digitsOf = (i: { code: string; unit: IndicatorUnit }) =>
    indicatorDigits(
      i.unit,
      results.filter((r) => r.indicator === i.code).map((r) => r.value),
    );
  const rows: { id: number | null; name: string }[] = [
    { id: null, name: 'Муниципалитет в целом' },
    ...organizations,
  ];
  return (
    <Stack>
      {campaignId && isDepartment && (
        <Group>
          <GroupFilterSelect value={orgGroupId} onChange={setOrgGroupId} />
        </Group>
      )}
      {period && (
        <Text size="sm" c="dimmed">
          Отчётный период {formatRuDate(period.start)} — {formatRuDate(period.end)}, значения по состоянию на{' '}
          {formatRuDate(period.referenceDate)}.
          {canDrillDown && ' Нажмите на значение, чтобы увидеть, из чего оно сложилось.'}
        </Text>
      )}
      {isFrozen && (
        <Alert color="gray">
          Мониторинг закрыт: значения заморожены на момент закрытия и не меняются при правке реестра.
          {canDrillDown && ' Списки за значением показываются по текущим данным реестра.'}
        </Alert>
      )}
      {problems.map((p) => (
        <Alert key={`${p.indicator}-${p.part}`} color="red">
          Показатель {p.indicator}: {p.errors[0].message}
        </Alert>
      ))}
      {!indicators.length ? (
        <EmptyState>В программе нет показателей.</EmptyState>
      ) : (
        <Paper withBorder>
          <ScrollArea type="auto">
            <Table
              withColumnBorders
              verticalSpacing={6}
              horizontalSpacing="xs"
              aria-label="Результаты мониторинга"
              style={{ fontSize: 13 }}
            >
              <Table.Thead style={{ position: 'sticky', top: 0, background: 'white', zIndex: 1 }}>
                <Table.Tr>
                  <Table.Th miw={220}>Организация</Table.Th>
                  {indicators.map((i) => (
                    <Table.Th key={i.id} ta="center" miw={80}>
                      <Tooltip label={i.name} multiline w={320} withArrow>
                        <span>{i.code}</span>
                      </Tooltip>
                      {vacanciesAsOf && usesVacancies(i.numerator, i.denominator) && (
                        <Text size="xs" c="dimmed" fw={400} data-testid="vacancies-as-of">
                          на {formatRuDate(vacanciesAsOf)}
                        </Text>
                      )}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => [
                  <Table.Tr key={row.id ?? 'municipal'} fw={row.id === null ? 700 : undefined}>
                    <Table.Td>{row.name}</Table.Td>
                    {indicators.map((i) => {
                      const r = cell(i.code, row.id);
                      const shown = formatResult(r, i.unit, digitsOf(i));
                      return (
                        <Table.Td
                          key={i.id}
                          ta="center"
                          p={0}
                          style={{ background: r?.level ? LEVEL_BG[r.level] : undefined }}
                        >
                          {canDrillDown ? (
                            <UnstyledButton
                              w="100%"
                              p={6}
                              onClick={() => r && setOpened({ indicator: i, result: r })}
                              aria-label={`${i.code}, ${row.name}: ${shown}`}
                            >
                              {shown}
                            </UnstyledButton>
                          ) : (
                            <Box p={6}>{shown}</Box>
                          )}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>,
                  row.id === null && (
                    <PlanFactRows key="plan" indicators={indicators} results={results} year={year} />
                  ),
                ])}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      )}
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          Уровни:
        </Text>
        {(['high', 'medium', 'low'] as const).map((l) => (
          <Badge key={l} color={LEVEL_COLOR[l]} variant="light">
            {LEVEL_LABEL[l]}
          </Badge>
        ))}
        <Text size="xs" c="dimmed">
          «—» — нет данных (например, в организации нет педагогов нужной категории)
        </Text>
      </Group>
      {opened && <DrilldownModal program={program} year={year} {...opened} onClose={() => setOpened(null)} />}
    </Stack>
  );
}

function DrilldownModal({
  program,
  year,
  indicator,
  result,
  onClose,
}: {
  program: ProgramTree;
  year: number;
  indicator: Indicator;
  result: IndicatorResult;
  onClose(): void;
}) {
  const [part, setPart] = useState<'numerator' | 'denominator'>('numerator');
  const query = useQuery({
    queryKey: ['drilldown', program.id, year, indicator.code, result.organization, part],
    queryFn: () =>
      api.get<DrilldownResponse>(`/api/programs/${program.id}/drilldown`, {
        year,
        indicator: indicator.code,
        organizationId: result.organization,
        part,
      }),
  });
  return (
    <Modal opened onClose={onClose} size="xl" title={`${indicator.code}. ${indicator.name}`}>
      <Stack>
        <Group justify="space-between">
          <Text size="sm">
            {result.organizationName}: <b>{formatValue(result.value, indicator.unit)}</b>
            {result.denominator !== null && ` = ${result.numerator} из ${result.denominator}`}
            {result.level && ` — уровень ${LEVEL_LABEL[result.level]}`}
          </Text>
          {indicator.denominator && (
            <SegmentedControl
              size="xs"
              value={part}
              onChange={(v) => setPart(v as typeof part)}
              data={[
                { value: 'numerator', label: `Числитель (${result.numerator ?? '—'})` },
                { value: 'denominator', label: `Знаменатель (${result.denominator ?? '—'})` },
              ]}
            />
          )}
        </Group>
        <ErrorAlert error={query.error} title="Список недоступен" />
        {query.isLoading && <Loading />}
        {query.data && (
          <Group justify="flex-end">
            <Button
              component="a"
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              href={withParams(`/api/programs/${program.id}/drilldown.xlsx`, {
                year,
                indicator: indicator.code,
                organizationId: result.organization,
                part,
              })}
            >
              Выгрузить в Excel
            </Button>
          </Group>
        )}
        {query.data?.calls.map((c, i) => (
          <Stack key={i} gap={4}>
            <Text size="sm" fw={600}>
              {c.description}: {c.function === 'form' ? 'значение из формы мониторинга' : c.total}
            </Text>
            {c.rows.length > 0 && (
              <ScrollArea.Autosize mah={360}>
                <Table striped verticalSpacing={4} fz="sm" aria-label="Записи за значением">
                  <Table.Tbody>
                    {c.rows.map((row, j) => (
                      <Table.Tr key={j}>
                        <Table.Td w={40} c="dimmed">
                          {j + 1}
                        </Table.Td>
                        <Table.Td>{row.label}</Table.Td>
                        <Table.Td c="dimmed">{row.organization ?? 'муниципальный уровень'}</Table.Td>
                        {row.detail !== null && <Table.Td c="dimmed">{row.detail}</Table.Td>}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            )}
          </Stack>
        ))}
      </Stack>
    </Modal>
  );
}

export function YearSelect({ value, onChange }: { value: number; onChange(year: number): void }) {
  const current = new Date().getFullYear();
  const years = [current - 3, current - 2, current - 1, current].map(String);
  return (
    <SegmentedControl
      data={years}
      value={String(value)}
      onChange={(v) => onChange(Number(v))}
      aria-label="Отчётный год"
    />
  );
}
