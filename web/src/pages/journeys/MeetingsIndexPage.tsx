import { Anchor, Badge, Group, Paper, Progress, Select, Stack, Table, Text } from '@mantine/core';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import { associationType } from '../../../../core/enums.ts';
import { schoolYearLabel, schoolYearOf } from '../../../../core/school-year.ts';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import type { AssociationOverview } from './api.ts';
import { SearchBox } from './fields.tsx';

/** The plans of all associations the user may read: how many meetings, how many held, the next one. */
export function MeetingsIndexPage() {
  const { hasRole } = useAuth();
  const isDepartment = hasRole('admin', 'coordinator');
  const [params, setParams] = useSearchParams();
  const current = schoolYearOf(new Date().toISOString().slice(0, 10));
  const schoolYear = Number(params.get('year') ?? current);
  const [q, setQ] = useState('');
  const [type, setType] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['association-meetings', schoolYear],
    queryFn: () => api.get<AssociationOverview[]>('/api/association-meetings', { schoolYear }),
  });
  const needle = q.trim().toLowerCase();
  const rows = (query.data ?? []).filter(
    (a) =>
      (!type || a.type === type) &&
      (!needle ||
        `${a.name} ${a.organizationShortName ?? ''} ${a.leaderName ?? ''}`.toLowerCase().includes(needle)),
  );
  return (
    <>
      <PageHeader
        title="Заседания методических объединений"
        subtitle="Планы и проведённые заседания РМО, ШМО, «Школы молодого специалиста» и профессиональных сообществ"
        actions={
          <Select
            aria-label="Учебный год"
            data={[current + 1, current, current - 1, current - 2].map((y) => ({
              value: String(y),
              label: schoolYearLabel(y),
            }))}
            value={String(schoolYear)}
            onChange={(v) => v && setParams({ year: v }, { replace: true })}
            allowDeselect={false}
            w={220}
          />
        }
      />
      <Stack>
        <Group>
          <SearchBox value={q} onChange={setQ} placeholder="Поиск по названию, организации, руководителю" />
          <Select
            placeholder="Все виды"
            data={associationType.values.map((value) => ({ value, label: associationType.label[value] }))}
            value={type}
            onChange={setType}
            clearable
            aria-label="Вид объединения"
          />
        </Group>
        <ErrorAlert error={query.error} title="Не удалось загрузить объединения" />
        <Paper withBorder>
          {query.isLoading ? (
            <Loading />
          ) : rows.length === 0 ? (
            <EmptyState>Объединений не найдено.</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing="xs" highlightOnHover aria-label="Объединения">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Объединение</Table.Th>
                    <Table.Th>Руководитель</Table.Th>
                    <Table.Th w={110} ta="right">
                      Участников
                    </Table.Th>
                    <Table.Th w={200}>Проведено заседаний</Table.Th>
                    <Table.Th w={130}>Ближайшее</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/associations/${a.id}/meetings?year=${schoolYear}`}
                          size="sm"
                          fw={500}
                        >
                          {a.name}
                        </Anchor>
                        <Group gap={6} mt={2}>
                          <Badge size="xs" variant="light">
                            {associationType.label[a.type]}
                          </Badge>
                          {a.organizationShortName && (
                            <Text size="xs" c="dimmed">
                              {a.organizationShortName}
                            </Text>
                          )}
                          {a.canManage && !isDepartment && (
                            <Badge size="xs" variant="outline" color="teal">
                              вы ведёте
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{a.leaderName ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td ta="right">{a.memberCount}</Table.Td>
                      <Table.Td>
                        {a.planned ? (
                          <Stack gap={2}>
                            <Text size="xs">
                              {a.held} из {a.planned}
                            </Text>
                            <Progress
                              value={(a.held / a.planned) * 100}
                              size="sm"
                              color="teal"
                              aria-label={`Проведено: ${a.name}`}
                            />
                          </Stack>
                        ) : (
                          <Text size="xs" c="dimmed">
                            план не составлен
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{a.nextDate ? formatRuDate(a.nextDate) : '—'}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      </Stack>
    </>
  );
}
