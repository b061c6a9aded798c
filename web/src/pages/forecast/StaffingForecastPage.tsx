import { Paper, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatRuDate } from '../../../../core/dates.ts';
import { countOf, formatNumber, formatPercent, plural } from '../../../../core/format.ts';
import { formatPensionAge, pensionAgeMonths } from '../../../../core/registry/pension-age.ts';
import { schoolYearLabel } from '../../../../core/school-year.ts';
import { api, withParams } from '../../api/client.ts';
import { ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { useRegistersRole } from '../registers/api.ts';
import { FilterBar, OrganizationFilter, useListParams } from '../registers/list-filters.tsx';
import type { Forecast, ForecastTotals } from './api.ts';
import { ForecastChart } from './ForecastChart.tsx';
import { ExcelExportButton } from '../../components/ExcelExportButton.tsx';

const n = (v: number) => formatNumber(v, 1);
const TEACHER_FORMS = ['педагог', 'педагога', 'педагогов'] as const;
const YEAR_FORMS = ['учебный год', 'учебных года', 'учебных лет'] as const;

/** The method in plain Russian, with the numbers this forecast was computed with. */
function Method({ f }: { f: Forecast }) {
  const observed = f.observedYears;
  const left = observed.reduce((s, o) => s + o.departures, 0);
  const worked = observed.reduce((s, o) => s + o.headcount, 0);
  const pensionLeft = observed.reduce((s, o) => s + o.pensionDepartures, 0);
  const pensionWorked = observed.reduce((s, o) => s + o.pensionHeadcount, 0);
  const first = observed[0]?.year;
  const last = observed.at(-1)?.year;
  const isLegal = f.rule.male === 65 && f.rule.female === 60;
  const example = (sex: 'male' | 'female', year: number) =>
    formatPensionAge(pensionAgeMonths(sex, `${year}-06-01`, f.rule));
  return (
    <Paper withBorder p="md" mb="md">
      <Title order={4} mb="xs">
        Как считается прогноз
      </Title>
      <Stack gap={6}>
        <Text size="sm">
          Прогноз составлен на {formatRuDate(f.referenceDate)} по данным реестра: сейчас работают{' '}
          {countOf(f.teacherCount, TEACHER_FORMS)}. Для каждого следующего учебного года считается, сколько
          педагогов уйдёт до его начала, сколько придёт и сколько вакансий уже открыто.
        </Text>
        <Text size="sm">
          <b>Пенсионный возраст</b>{' '}
          {isLegal
            ? 'по Федеральному закону от 03.10.2018 № 350-ФЗ: 65 лет для мужчин и 60 лет для женщин, с переходным графиком'
            : `задан параметром: ${f.rule.male} лет для мужчин и ${f.rule.female} лет для женщин (с переходным графиком 350-ФЗ)`}{' '}
          — например, мужчины 1961 г. р. — {example('male', 1961)}, женщины 1966 г. р. —{' '}
          {example('female', 1966)}. «Достигают пенсионного возраста» — педагоги, у которых этот день
          приходится на год прогноза.
        </Text>
        <Text size="sm">
          <b>Ожидаемое выбытие.</b> Не каждый, кто достиг пенсионного возраста, уходит: по реестру за{' '}
          {first !== undefined && last !== undefined
            ? `${first}/${first + 1}–${last}/${last + 1} учебные годы`
            : 'прошлые годы'}{' '}
          из педагогов пенсионного возраста ушли {pensionLeft} из {pensionWorked} (
          {formatPercent(f.rates.pensionLeave * 100)} в год), из остальных — {left} из {worked} (
          {formatPercent(f.rates.attrition * 100)} в год). Эти доли применяются к каждому работающему педагогу
          год за годом; выбытие — ожидаемое число людей, поэтому дробное.
        </Text>
        <Text size="sm">
          <b>Ожидаемый приток</b> — молодые педагоги, приходившие в среднем за год в эти же годы, и выпускники
          целевого обучения (реестр «Целевое обучение»), которые приступят к работе 1 сентября года выпуска в
          ожидающей их организации.
        </Text>
        <Text size="sm">
          <b>Потребность</b> = вакансии + ожидаемое выбытие − ожидаемый приток. Вакансии — последний сданный
          месяц учёта каждой организации, они входят в первый год. Потребность считается по каждой организации
          и каждому предмету отдельно и не бывает меньше нуля: выпускник, которого ждёт одна школа, не
          закрывает вакансию другой. Педагог нескольких предметов учитывается в каждом равной долей.
          {f.vacancyTrendPerMonth !== null &&
            ` Пунктир — тенденция вакансий по месяцам учёта за последний год (${
              f.vacancyTrendPerMonth >= 0 ? '+' : '−'
            }${n(Math.abs(f.vacancyTrendPerMonth))} в месяц), продолженная на 1 сентября каждого года; в потребность она не входит.`}
        </Text>
      </Stack>
    </Paper>
  );
}

function ForecastTable({
  label,
  rows,
  years,
}: {
  label: string;
  rows: { key: string; name: string; byYear: ForecastTotals[]; total: ForecastTotals }[];
  years: number[];
}) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table
        striped
        highlightOnHover
        withTableBorder
        aria-label={`Прогноз по ${label === 'Предмет' ? 'предметам' : 'организациям'}`}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{label}</Table.Th>
            <Table.Th ta="right">Вакансии</Table.Th>
            <Table.Th ta="right">Достигают пенсионного возраста</Table.Th>
            <Table.Th ta="right">Ожидаемое выбытие</Table.Th>
            <Table.Th ta="right">Ожидаемый приток</Table.Th>
            {years.map((y) => (
              <Table.Th key={y} ta="right">
                Потребность {y}/{y + 1}
              </Table.Th>
            ))}
            <Table.Th ta="right">Потребность, всего</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td ta="right">{n(r.total.vacancies)}</Table.Td>
              <Table.Td ta="right">{n(r.total.reachingPension)}</Table.Td>
              <Table.Td ta="right">{n(r.total.departures)}</Table.Td>
              <Table.Td ta="right">{n(r.total.inflow)}</Table.Td>
              {r.byYear.map((t, i) => (
                <Table.Td key={years[i]} ta="right">
                  {n(t.need)}
                </Table.Td>
              ))}
              <Table.Td ta="right" fw={600}>
                {n(r.total.need)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * «Прогноз кадровой потребности» for the next 1–5 school years: the municipality for the department, its own
 * organization for a school head; filters by horizon, organization and subject; the method said in Russian.
 */
export function StaffingForecastPage() {
  const { get, set } = useListParams();
  const { isDepartment } = useRegistersRole();
  const params = {
    horizon: get('horizon') ?? '3',
    organizationId: get('organizationId') ?? undefined,
    subject: get('subject') ?? undefined,
  };
  const url = withParams('/api/staffing-forecast', params);
  const query = useQuery({ queryKey: ['staffing-forecast', url], queryFn: () => api.get<Forecast>(url) });
  const f = query.data;
  return (
    <>
      <PageHeader
        title="Прогноз кадровой потребности"
        subtitle="Сколько педагогов понадобится в следующие учебные годы: выбытие по возрасту и увольнениям, приток молодых педагогов и выпускников целевого обучения, вакансии"
        actions={<ExcelExportButton url={'/api/staffing-forecast/export.xlsx'} params={params} />}
      />
      <FilterBar>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Горизонт, учебных лет
          </Text>
          <SegmentedControl
            value={params.horizon}
            onChange={(v) => set('horizon', v)}
            data={['1', '2', '3', '4', '5']}
            aria-label="Горизонт прогноза"
          />
        </Stack>
        {isDepartment && (
          <OrganizationFilter value={get('organizationId')} onChange={(v) => set('organizationId', v)} />
        )}
        <Select
          label="Предмет"
          placeholder="Все предметы"
          data={f?.subjects ?? (params.subject ? [params.subject] : [])}
          value={params.subject ?? null}
          onChange={(v) => set('subject', v)}
          searchable
          clearable
          w={260}
        />
      </FilterBar>
      <ErrorAlert error={query.error} title="Не удалось построить прогноз" />
      {query.isLoading ? (
        <Loading />
      ) : f ? (
        <>
          <Paper withBorder p="md" mb="md">
            <Text size="sm" c="dimmed">
              Потребность за {countOf(f.horizon, YEAR_FORMS)}
              {f.subject ? `, предмет «${f.subject}»` : ''}
            </Text>
            <Text size="xl" fw={700} data-testid="forecast-need">
              {n(f.total.need)} {plural(f.total.need, ['человек', 'человека', 'человек'])}
            </Text>
            <Text size="sm" c="dimmed">
              {f.byYear.map((y) => `${schoolYearLabel(y.year)}: ${n(y.need)}`).join(' · ')}
            </Text>
            <ForecastChart years={f.byYear} />
          </Paper>
          <Method f={f} />
          <Paper withBorder p="md" mb="md">
            <Title order={4} mb="sm">
              По организациям
            </Title>
            <ForecastTable
              label="Организация"
              years={f.years}
              rows={f.byOrganization.map((o) => ({ key: String(o.organizationId), name: o.shortName, ...o }))}
            />
          </Paper>
          <Paper withBorder p="md" mb="md">
            <Title order={4} mb="sm">
              По предметам
            </Title>
            <ForecastTable
              label="Предмет"
              years={f.years}
              rows={f.bySubject.map((s) => ({ key: s.subject, name: s.subject, ...s }))}
            />
          </Paper>
        </>
      ) : null}
    </>
  );
}
