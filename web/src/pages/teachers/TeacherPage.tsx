import { Alert, Badge, Button, Group, Stack } from '@mantine/core';
import { IconLock, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import type { TeacherCard } from './api.ts';
import { TeacherGeneralTab } from './TeacherGeneralTab.tsx';
import {
  CertificationTab,
  CompetitionsTab,
  DiagnosticsTab,
  EducationTab,
  PositionsTab,
  RoutesTab,
  TrainingsTab,
} from './TeacherRecordTabs.tsx';
import { AssociationsTab, EventsTable, MentoringTab } from './TeacherRegisterTabs.tsx';
import { CategoryBadge, YoungBadge, years } from './TeachersTable.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { AddressTabs } from '../../components/AddressTabs.tsx';
import { PageCrumbs } from '../../components/PageCrumbs.tsx';

function DeleteTeacherModal({ card, onClose }: { card: TeacherCard; onClose(): void }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.delete<{ deleted: boolean; message: string }>(`/api/teachers/${card.id}`),
    onSuccess: (result) => {
      client.invalidateQueries({ queryKey: ['teachers'] });
      client.invalidateQueries({ queryKey: ['teachers-summary'] });
      client.removeQueries({ queryKey: ['teacher', card.id] });
      notifySaved(result.message);
      navigate('/teachers');
    },
  });
  const { hasRole } = useAuth();
  const isDepartment = hasRole('admin', 'coordinator');
  return (
    <ConfirmModal
      opened
      title="Удалить педагога?"
      confirmLabel="Удалить"
      onConfirm={() => remove.mutate()}
      onClose={onClose}
      loading={remove.isPending}
      error={remove.error}
      errorTitle="Не удалось удалить"
    >
      {card.fullName} будет удалён из реестра вместе с диагностиками, обучением, ИОМ и другими сведениями.
      {!isDepartment &&
        ' Если педагог работает и в других организациях, будут удалены только должности в вашей организации.'}
    </ConfirmModal>
  );
}

function CardHeader({ card, showBreadcrumbs }: { card: TeacherCard; showBreadcrumbs: boolean }) {
  const [deleting, setDeleting] = useState(false);
  const current = card.positions.filter((p) => !p.endDate || p.endDate >= card.referenceDate);
  return (
    <>
      {showBreadcrumbs && <PageCrumbs to="/teachers" section="Педагоги" current={card.fullName} />}
      <PageHeader
        title={
          <Group gap="sm">
            {card.fullName}
            {card.isYoung && <YoungBadge />}
            {card.qualificationCategory && <CategoryBadge category={card.qualificationCategory} />}
          </Group>
        }
        subtitle={
          <Stack gap={2} component="span">
            {card.age !== null && card.experience !== null && (
              <span>
                {years(card.age)}, педагогический стаж {years(card.experience)}
              </span>
            )}
            <span>
              {current.length
                ? current
                    .map(
                      (p) =>
                        `${p.organizationShortName} — ${p.title}${p.isMainJob ? '' : ' (совместительство)'}`,
                    )
                    .join('; ')
                : 'Сейчас не работает в организациях муниципалитета'}
            </span>
          </Stack>
        }
        actions={
          card.permissions.canDelete && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => setDeleting(true)}
            >
              Удалить
            </Button>
          )
        }
      />
      {deleting && <DeleteTeacherModal card={card} onClose={() => setDeleting(false)} />}
    </>
  );
}

/** The teacher card: header, general information and a tab for each kind of professional-development record. */
export function TeacherPage({ id: fixedId }: { id?: number }) {
  const params = useParams();
  const id = fixedId ?? Number(params.id);
  const { hasRole } = useAuth();
  const query = useQuery({
    queryKey: ['teacher', id],
    queryFn: () => api.get<TeacherCard>(`/api/teachers/${id}`),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data)
    return <ErrorAlert error={query.error} title="Карточка педагога недоступна" />;
  const card = query.data;
  const isRegistryUser = hasRole('admin', 'coordinator', 'org_manager');

  if (card.permissions.isLimited) {
    return (
      <>
        <CardHeader card={card} showBreadcrumbs={false} />
        <Alert color="gray" icon={<IconLock size={18} />}>
          Руководителю методического объединения доступны только ФИО, место работы и должность участника.
        </Alert>
      </>
    );
  }

  const tabs: { value: string; label: string; content: ReactNode }[] = [
    { value: 'general', label: 'Общие сведения', content: <TeacherGeneralTab card={card} /> },
    { value: 'positions', label: 'Должности', content: <PositionsTab card={card} /> },
    { value: 'education', label: 'Образование', content: <EducationTab card={card} /> },
    { value: 'certification', label: 'Аттестация', content: <CertificationTab card={card} /> },
    { value: 'diagnostics', label: 'Диагностики', content: <DiagnosticsTab card={card} /> },
    { value: 'trainings', label: 'Обучение', content: <TrainingsTab card={card} /> },
    { value: 'routes', label: 'ИОМ', content: <RoutesTab card={card} /> },
    {
      value: 'mentoring',
      label: 'Наставничество',
      content: <MentoringTab teacherId={card.id} linkToRegister={isRegistryUser} />,
    },
    {
      value: 'associations',
      label: 'Методические объединения',
      content: <AssociationsTab teacherId={card.id} linkToRegister={isRegistryUser} />,
    },
    {
      value: 'events',
      label: 'Мероприятия и конкурсы',
      content: (
        <Stack gap="xl">
          <EventsTable teacherId={card.id} linkToRegister={isRegistryUser} />
          <CompetitionsTab card={card} />
        </Stack>
      ),
    },
  ];

  return (
    <>
      <CardHeader card={card} showBreadcrumbs={isRegistryUser && !fixedId} />
      {!card.permissions.canEdit && (
        <Badge variant="light" color="gray" mb="sm" leftSection={<IconLock size={12} />}>
          только просмотр
        </Badge>
      )}
      <AddressTabs tabs={tabs} defaultTab="general" />
    </>
  );
}
