import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { formatRuMonth, formatRuMonthShort } from '../../../../core/months.ts';
import { vacancyKind } from '../../../../core/registry/kinds.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { RecordList } from '../teachers/records/RecordList.tsx';
import { useRegistersRole, type VacancySummaryRow } from './api.ts';
import { useOrganizationChoice } from './OrganizationPicker.tsx';
import { registersFieldRenderer } from './fields.tsx';
import { VacancyChart } from './VacancyChart.tsx';
import { VacancyCompleteness } from './VacancyCompleteness.tsx';

const thisMonth = () => `${new Date().toISOString().slice(0, 7)}-01`;

/** The vacancies of one organization by month: the list an org_manager keeps, and the card's tab. */
export function OrganizationVacancies({ organization }: { organization: { id: number; shortName: string } }) {
  const { canManage } = useRegistersRole();
  const url = `/api/vacancies?organizationId=${organization.id}&pageSize=1000`;
  return (
    <RecordList
      kind={vacancyKind}
      listUrl={url}
      itemUrl={(id) => `/api/vacancies/${id}`}
      queryKey={['vacancies', organization.id]}
      invalidates={[['vacancies', 'summary']]}
      canEdit={canManage(organization.id)}
      columns={['month', 'position', 'subject', 'count']}
      renderCell={(f, row) => (f.key === 'month' ? formatRuMonth(String(row.month)) : undefined)}
      renderField={registersFieldRenderer({ fixedOrganization: organization })}
      defaults={{ organizationId: organization.id, month: thisMonth(), count: 1 }}
      title={`Вакансии: ${organization.shortName}`}
      addLabel="Внести вакансию"
      emptyText="Вакансий не внесено. Сведения подаются ежемесячно на 10-е число."
    />
  );
}

/** The municipal table: organizations × the last 12 months, with a chart of the totals. */
function MunicipalVacancies() {
  const query = useQuery({
    queryKey: ['vacancies', 'summary'],
    queryFn: () => api.get<VacancySummaryRow[]>('/api/vacancies/summary'),
  });
  if (query.isLoading) return <Loading />;
  if (query.error) return <ErrorAlert error={query.error} title="Не удалось загрузить сводку" />;
  const rows = query.data ?? [];
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const organizations = [...new Map(rows.map((r) => [r.organizationId, r.organizationShortName])).entries()];
  const cell = new Map(rows.map((r) => [`${r.organizationId}:${r.month}`, r.count]));
  const totals = months.map((m) => rows.filter((r) => r.month === m).reduce((sum, r) => sum + r.count, 0));
  const withVacancies = organizations.filter(([id]) => months.some((m) => cell.get(`${id}:${m}`)));
  return (
    <Stack>
      <VacancyCompleteness />
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          Вакансии по месяцам
        </Title>
        <VacancyChart months={months} totals={totals} />
      </Paper>
      <Paper withBorder>
        {!withVacancies.length ? (
          <EmptyState>За последние 12 месяцев вакансий не внесено.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover withColumnBorders aria-label="Вакансии организаций по месяцам">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Организация</Table.Th>
                  {months.map((m) => (
                    <Table.Th key={m} ta="right" title={formatRuMonth(m)}>
                      {formatRuMonthShort(m)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {withVacancies.map(([id, shortName]) => (
                  <Table.Tr key={id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/vacancies?organizationId=${id}`} size="sm">
                        {shortName}
                      </Anchor>
                    </Table.Td>
                    {months.map((m) => {
                      const count = cell.get(`${id}:${m}`) ?? 0;
                      return (
                        <Table.Td key={m} ta="right" c={count ? undefined : 'dimmed'}>
                          {count || '—'}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>Всего по муниципалитету</Table.Th>
                  {totals.map((t, i) => (
                    <Table.Th key={months[i]} ta="right">
                      {t}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {organizations.length > withVacancies.length && (
        <Text size="sm" c="dimmed">
          Организаций без вакансий за период: {organizations.length - withVacancies.length}.
        </Text>
      )}
    </Stack>
  );
}

export function VacanciesPage() {
  const { organization, picker, isDepartment } = useOrganizationChoice();
  return (
    <>
      <PageHeader
        title="Вакансии"
        subtitle="Сведения о вакансиях педагогических работников на 10-е число каждого месяца"
        actions={picker}
      />
      {organization ? (
        <Stack>
          {/* A school head sees its own row of the monthly completeness (the department the whole table). */}
          {!isDepartment && <VacancyCompleteness />}
          <OrganizationVacancies organization={organization} />
        </Stack>
      ) : isDepartment ? (
        <MunicipalVacancies />
      ) : (
        <ErrorAlert error={new Error('Учётная запись не привязана к организации.')} />
      )}
    </>
  );
}
