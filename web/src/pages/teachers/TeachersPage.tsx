import { Button, Grid, Group, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { TEACHER_FORMS, countOf } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorAlert, PageHeader } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import type { TeacherListItem, TeacherSummary } from './api.ts';
import { useFilters, type Filters } from './filters.ts';
import { TeacherCreateModal } from './TeacherCreateModal.tsx';
import { TeacherFilterPanel } from './TeacherFilterPanel.tsx';
import { TeachersTable } from './TeachersTable.tsx';
import { ExcelExportButton } from '../../components/ExcelExportButton.tsx';

const PAGE_SIZE = 25;

/** One page of the search and the counts of the filter panel, for the same filters. */
export function useTeacherSearch(filters: Filters, page: number, sort: string, pageSize = PAGE_SIZE) {
  const list = useQuery({
    queryKey: ['teachers', filters, page, sort, pageSize],
    queryFn: () => api.list<TeacherListItem>('/api/teachers', { ...filters, page, pageSize, sort }),
    placeholderData: keepPreviousData,
  });
  const summary = useQuery({
    queryKey: ['teachers-summary', filters],
    queryFn: () => api.get<TeacherSummary>('/api/teachers/summary', filters),
    placeholderData: keepPreviousData,
  });
  return { list, summary };
}

export function TeachersPage() {
  const { hasRole } = useAuth();
  const { filters, page, sort, update, reset, activeCount } = useFilters();
  const [search, setSearch] = useState(filters.q ?? '');
  const [debounced] = useDebouncedValue(search, 300);
  const [creating, setCreating] = useState(false);
  const { list, summary } = useTeacherSearch(filters, page, sort);

  useEffect(() => {
    if ((filters.q ?? '') !== debounced) update({ q: debounced || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const total = list.data?.total ?? 0;
  const date = summary.data ? formatRuDate(summary.data.referenceDate) : '';

  return (
    <>
      <PageHeader
        title="Педагогические работники"
        subtitle={list.data ? `Найдено: ${countOf(total, TEACHER_FORMS)}; возраст и стаж — на ${date}` : ' '}
        actions={
          hasRole('admin', 'coordinator', 'org_manager') && (
            <Group gap="sm">
              <ExcelExportButton
                url={'/api/teachers/export.xlsx'}
                params={{ ...filters, sort }}
                variant="default"
              />
              <Button component={Link} to="/teachers/attach-requests" variant="default">
                Запросы на добавление
              </Button>
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                Добавить педагога
              </Button>
            </Group>
          )
        }
      />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <TeacherFilterPanel
            filters={filters}
            summary={summary.data}
            update={update}
            reset={() => {
              setSearch('');
              reset();
            }}
            activeCount={activeCount}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
          <Stack gap="md">
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label="Поиск"
                placeholder="ФИО или СНИЛС"
                leftSection={<IconSearch size={16} />}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                style={{ flexGrow: 1 }}
                maw={480}
              />
              <Select
                label="Сортировка"
                data={[
                  { value: 'name', label: 'по ФИО' },
                  { value: 'age', label: 'по возрасту' },
                  { value: 'experience', label: 'по стажу' },
                ]}
                value={sort}
                allowDeselect={false}
                onChange={(v) => update({ sort: v === 'name' ? null : v })}
                w={180}
              />
            </Group>
            <ErrorAlert error={list.error} title="Не удалось загрузить список" />
            <TeachersTable
              rows={list.data?.items}
              total={total}
              page={page}
              pageSize={PAGE_SIZE}
              isLoading={list.isLoading}
              onPage={(p) => update({ page: String(p) })}
            />
          </Stack>
        </Grid.Col>
      </Grid>
      {creating && <TeacherCreateModal onClose={() => setCreating(false)} />}
    </>
  );
}
