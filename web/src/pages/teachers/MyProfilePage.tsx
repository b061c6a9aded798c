import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { TeacherPage } from './TeacherPage.tsx';

/** «Мой профиль» of a teacher: its own card, read-only. */
export function MyProfilePage() {
  const query = useQuery({
    queryKey: ['my-profile'],
    queryFn: () => api.get<{ teacherId: number; fullName: string }>('/api/my-profile'),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Профиль недоступен" />;
  return <TeacherPage id={query.data.teacherId} />;
}
