import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { IconWand } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import type { RouteView } from './api.ts';
import { RouteCard } from './RouteCard.tsx';

export const iomKey = (teacherId: number) => ['iom', teacherId];

/** The ИОМ tab of a teacher card: every route with its progress and approvals, and the way to the builder. */
export function TeacherRoutes({ teacherId, canEdit }: { teacherId: number; canEdit: boolean }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: iomKey(teacherId),
    queryFn: () => api.get<RouteView[]>(`/api/teachers/${teacherId}/iom`),
  });
  const refresh = () => client.invalidateQueries({ queryKey: iomKey(teacherId) });
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={4}>Индивидуальные образовательные маршруты</Title>
        {canEdit && (
          <Button
            component={Link}
            to={`/teachers/${teacherId}/iom/new`}
            size="xs"
            leftSection={<IconWand size={14} />}
          >
            Составить ИОМ по диагностике
          </Button>
        )}
      </Group>
      <ErrorAlert error={query.error} title="Не удалось загрузить маршруты" />
      {query.isLoading ? (
        <Loading />
      ) : !query.data?.length ? (
        <Paper withBorder>
          <EmptyState>
            Индивидуальных образовательных маршрутов нет.
            {canEdit &&
              ' Составьте маршрут по результатам диагностики — конструктор предложит шаги по дефицитам.'}
          </EmptyState>
        </Paper>
      ) : (
        query.data.map((route) => <RouteCard key={route.id} route={route} onChanged={refresh} />)
      )}
    </Stack>
  );
}
