import { useQuery } from '@tanstack/react-query';

import { api } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { CabinetPage } from '../journeys/CabinetPage.tsx';
import { TeacherPage } from './TeacherPage.tsx';
import { PageCrumbs } from '../../components/PageCrumbs.tsx';

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
      <PageCrumbs to="/my-profile" section="Личный кабинет" current="Все сведения" />
      <TeacherPage id={query.data.teacherId} />
    </>
  );
}
