import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { CabinetPage } from '../journeys/CabinetPage.tsx';
import { TeacherPage } from './TeacherPage.tsx';

/** «Мой профиль» of a teacher: its cabinet. */
export function MyProfilePage() {
  return <CabinetPage />;
}

/** Everything recorded about the teacher: its own card, read-only. */
export function MyCardPage() {
  const query = useQuery({
    queryKey: ['my-profile'],
    queryFn: () => api.get<{ teacherId: number; fullName: string }>('/api/my-profile'),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Профиль недоступен" />;
  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/my-profile" size="sm">
          Личный кабинет
        </Anchor>
        <Text size="sm">Все сведения</Text>
      </Breadcrumbs>
      <TeacherPage id={query.data.teacherId} />
    </>
  );
}
