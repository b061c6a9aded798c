import { Anchor, NumberInput, Paper, Table, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import {
  ACTION_LIST_LABEL,
  ACTION_LISTS,
  MONTHS_DEFAULT,
  type ActionList,
} from '../../../../core/action-lists.ts';
import { countOf } from '../../../../core/format.ts';
import { api, withParams } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { useRegistersRole } from '../registers/api.ts';
import { FilterBar, OrganizationFilter, SearchFilter, useListParams } from '../registers/list-filters.tsx';
import { ExcelExportButton } from '../../components/ExcelExportButton.tsx';

interface ListResult {
  list: ActionList;
  title: string;
  months: number | null;
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | null>[];
}

const ROW_FORMS = ['запись', 'записи', 'записей'] as const;

/**
 * The lists the department acts on, one tab each: whom to certify, to send on ПК, to give a mentor, who is
 * of pension age, where a vacancy stays open. Filtered by organization, months and name; each to Excel.
 */
export function ActionListsPage() {
  const { get, set } = useListParams();
  const { isDepartment } = useRegistersRole();
  const list = (ACTION_LISTS as readonly string[]).includes(get('list') ?? '')
    ? (get('list') as ActionList)
    : 'attestation';
  const hasMonths = list in MONTHS_DEFAULT;
  const months = get('months');
  const params = {
    organizationId: get('organizationId') ?? undefined,
    q: get('q') ?? undefined,
    months: hasMonths ? (months ?? undefined) : undefined,
  };
  const url = withParams(`/api/action-lists/${list}`, params);
  const query = useQuery({ queryKey: ['action-lists', url], queryFn: () => api.get<ListResult>(url) });
  return (
    <>
      <PageHeader
        title="Списки для работы"
        subtitle="Кого аттестовать, направить на курсы, кому назначить наставника; педагоги пенсионного возраста и долго открытые вакансии"
        actions={<ExcelExportButton url={`/api/action-lists/${list}/export.xlsx`} params={params} />}
      />
      <Tabs value={list} onChange={(v) => set('list', v)} mb="md">
        <Tabs.List>
          {ACTION_LISTS.map((l) => (
            <Tabs.Tab key={l} value={l}>
              {ACTION_LIST_LABEL[l]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <FilterBar>
        {list !== 'vacancies' && (
          <SearchFilter value={get('q')} onChange={(v) => set('q', v)} placeholder="ФИО педагога" />
        )}
        {hasMonths && (
          <NumberInput
            label={list === 'attestation' ? 'Срок, месяцев' : 'Открыта дольше, месяцев'}
            value={months === null ? MONTHS_DEFAULT[list] : Number(months)}
            onChange={(v) => set('months', v === '' ? null : String(v))}
            min={0}
            max={120}
            allowDecimal={false}
            w={200}
          />
        )}
        {isDepartment && (
          <OrganizationFilter value={get('organizationId')} onChange={(v) => set('organizationId', v)} />
        )}
      </FilterBar>
      <ErrorAlert error={query.error} title="Не удалось загрузить список" />
      {query.isLoading ? (
        <Loading />
      ) : query.data ? (
        <Paper withBorder>
          <Text size="sm" c="dimmed" p="sm">
            {query.data.title}: {countOf(query.data.rows.length, ROW_FORMS)}
          </Text>
          {!query.data.rows.length ? (
            <EmptyState>В списке никого нет.</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover aria-label={query.data.title}>
                <Table.Thead>
                  <Table.Tr>
                    {query.data.columns.map((c) => (
                      <Table.Th key={c.key}>{c.label}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.rows.map((row, i) => (
                    <Table.Tr key={i}>
                      {query.data.columns.map((c) => (
                        <Table.Td key={c.key}>
                          {c.key === 'name' && row.teacherId ? (
                            <Anchor component={Link} to={`/teachers/${row.teacherId}`} size="sm">
                              {row.name}
                            </Anchor>
                          ) : (
                            (row[c.key] ?? '—')
                          )}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      ) : null}
    </>
  );
}
