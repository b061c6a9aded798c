import { Button, Group, Paper, Stack } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { organizationKind } from '../../../../core/enums.ts';
import { api } from '../../api/client.ts';
import type { Organization } from '../../api/types.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorAlert, FlagBadges, InfoRow, KindBadge, Loading, PageHeader } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { UsersTable } from '../users/UsersTable.tsx';
import { OrganizationFormModal } from './OrganizationFormModal.tsx';
import { OrganizationMonitoringTab } from './OrganizationMonitoringTab.tsx';
import { ORGANIZATION_TABS } from './organization-tabs.tsx';
import { AddressTabs } from '../../components/AddressTabs.tsx';
import { PageCrumbs } from '../../components/PageCrumbs.tsx';

export function OrganizationPage({ id: fixedId }: { id?: number }) {
  const params = useParams();
  const id = fixedId ?? Number(params.id);
  const { hasRole, me } = useAuth();
  const [editing, setEditing] = useState(false);
  const query = useQuery({
    queryKey: ['organization', id],
    queryFn: () => api.get<Organization>(`/api/organizations/${id}`),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Организация недоступна" />;
  const o = query.data;
  const isDepartment = hasRole('admin', 'coordinator');
  const isOwnManager = Boolean(me?.roles.some((g) => g.role === 'org_manager' && g.organizationId === o.id));
  const canEdit = isDepartment || isOwnManager;
  const tabs: { value: string; label: string; content: ReactNode }[] = [
    {
      value: 'info',
      label: 'Сведения',
      content: (
        <Paper withBorder p="lg">
          <Stack gap="sm">
            <InfoRow label="Полное наименование">{o.name}</InfoRow>
            <InfoRow label="Тип">{organizationKind.label[o.kind]}</InfoRow>
            <InfoRow label="Муниципалитет">{o.municipalityName}</InfoRow>
            <InfoRow label="Признаки">
              {o.isLowResults || o.isHardSocialConditions ? (
                <FlagBadges isLowResults={o.isLowResults} isHardSocialConditions={o.isHardSocialConditions} />
              ) : (
                'нет'
              )}
            </InfoRow>
            <InfoRow label="Руководитель">{o.headName}</InfoRow>
            <InfoRow label="Адрес">{o.address}</InfoRow>
            <InfoRow label="Телефон">{o.phone}</InfoRow>
            <InfoRow label="Электронная почта">{o.email}</InfoRow>
            <InfoRow label="Сайт">{o.website}</InfoRow>
            <InfoRow label="ИНН">{o.inn}</InfoRow>
            <InfoRow label="Педагогических работников">{o.teacherCount}</InfoRow>
            <InfoRow label="Изменено">{formatDateTime(o.updatedAt)}</InfoRow>
          </Stack>
        </Paper>
      ),
    },
    ...(isDepartment || isOwnManager
      ? [
          {
            value: 'monitoring',
            label: 'Мониторинг',
            content: <OrganizationMonitoringTab organizationId={o.id} isOwnManager={isOwnManager} />,
          },
        ]
      : []),
    ...ORGANIZATION_TABS.filter((t) => t.visible({ hasRole, isOwnManager })).map((t) => ({
      value: t.value,
      label: t.label,
      content: t.render(o),
    })),
  ];
  if (hasRole('admin')) {
    tabs.push({ value: 'users', label: 'Пользователи', content: <UsersTable organizationId={o.id} /> });
  }

  return (
    <>
      {isDepartment && <PageCrumbs to="/organizations" section="Организации" current={o.shortName} />}
      <PageHeader
        title={
          <Group gap="sm">
            {o.shortName}
            <KindBadge kind={o.kind} />
            <FlagBadges isLowResults={o.isLowResults} isHardSocialConditions={o.isHardSocialConditions} />
          </Group>
        }
        subtitle={o.name}
        actions={
          canEdit && (
            <Button variant="light" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              {isDepartment ? 'Изменить' : 'Изменить контакты'}
            </Button>
          )
        }
      />
      <AddressTabs tabs={tabs} defaultTab="info" />
      {editing && (
        <OrganizationFormModal
          organization={o}
          contactsOnly={!isDepartment}
          onClose={() => setEditing(false)}
        />
      )}
    </>
  );
}

/** The org_manager's «Моя организация»: the card of the organization of its grant. */
export function MyOrganizationPage() {
  const { me } = useAuth();
  const grant = me?.roles.find((g) => g.role === 'org_manager' && g.organizationId);
  if (!grant?.organizationId)
    return <ErrorAlert error={new Error('Учётная запись не привязана к организации.')} />;
  return <OrganizationPage id={grant.organizationId} />;
}
