import { Anchor, Badge, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import type { RouteView } from './api.ts';
import { RouteCard, RouteStatusBadge } from './RouteCard.tsx';

/** A route the specialist supervises, with its teacher and the specialist's part in it. */
export interface SupervisedRoute extends RouteView {
  teacher: { id: number; fullName: string; organizationShortName: string | null };
  asCurator: boolean;
  asTutor: boolean;
}

export const SUPERVISED_KEY = ['supervised-routes'];

const partOf = (r: SupervisedRoute) =>
  [r.asCurator ? 'куратор' : null, r.asTutor ? 'тьютор' : null].filter(Boolean).join(', ');

/** «Мои маршруты»: the ИОМ a specialist of the methodical service supervises as curator or tutor. */
export function SupervisedRoutesPage() {
  const query = useQuery({
    queryKey: SUPERVISED_KEY,
    queryFn: () => api.get<SupervisedRoute[]>('/api/supervised-routes'),
  });
  const rows = query.data ?? [];
  return (
    <>
      <PageHeader
        title="Мои маршруты"
        subtitle="Индивидуальные образовательные маршруты, которые вы сопровождаете как куратор или тьютор"
      />
      <ErrorAlert error={query.error} title="Не удалось загрузить маршруты" />
      <Paper withBorder>
        {query.isLoading ? (
          <Loading />
        ) : !rows.length ? (
          <EmptyState>
            Вас пока не назначили куратором или тьютором ни одного ИОМ. Маршрут появится здесь, когда вас
            выберут в нём.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" highlightOnHover aria-label="Мои маршруты">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Педагог</Table.Th>
                  <Table.Th>Организация</Table.Th>
                  <Table.Th>Период</Table.Th>
                  <Table.Th>Моя роль</Table.Th>
                  <Table.Th>Статус</Table.Th>
                  <Table.Th w={180}>Выполнение</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/my-routes/${r.id}`} size="sm" fw={500}>
                        {r.teacher.fullName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{r.teacher.organizationShortName ?? '—'}</Table.Td>
                    <Table.Td>
                      {formatRuDate(r.startDate)} — {formatRuDate(r.endDate)}
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" tt="none">
                        {partOf(r)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <RouteStatusBadge status={r.status} />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="xs">
                          {r.progress.done} из {r.progress.total} шагов · {r.progress.percent} %
                        </Text>
                        <Progress
                          value={r.progress.percent}
                          size="sm"
                          aria-label={`Выполнение маршрута ${r.teacher.fullName}: ${r.progress.percent} %`}
                        />
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}

/** One supervised route: the card with its steps and the approval the specialist gives. */
export function SupervisedRoutePage() {
  const id = Number(useParams().id);
  const client = useQueryClient();
  const key = [...SUPERVISED_KEY, id];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.get<SupervisedRoute>(`/api/supervised-routes/${id}`),
  });
  const route = query.data;
  return (
    <>
      <PageHeader
        title={route ? route.teacher.fullName : 'Маршрут'}
        subtitle={
          route
            ? [route.teacher.organizationShortName, `вы — ${partOf(route)}`].filter(Boolean).join(' · ')
            : undefined
        }
        actions={
          <Anchor component={Link} to="/my-routes">
            Все мои маршруты
          </Anchor>
        }
      />
      <ErrorAlert error={query.error} title="Маршрут не открыт" />
      {query.isLoading ? (
        <Loading />
      ) : (
        route && (
          <Group grow align="flex-start">
            <RouteCard
              route={route}
              onChanged={() => client.invalidateQueries({ queryKey: SUPERVISED_KEY })}
            />
          </Group>
        )
      )}
    </>
  );
}
