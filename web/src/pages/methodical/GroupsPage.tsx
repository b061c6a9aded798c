import { Badge, Button, Group, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { countOf, ORGANIZATION_FORMS } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import { useOrganizationOptions, useRegistersRole } from '../registers/api.ts';
import { GroupForm } from './GroupForm.tsx';
import { useOrganizationGroups, type OrganizationGroup } from './groups-api.ts';
import { PartnershipsTab } from './PartnershipsTab.tsx';

/**
 * Groups of organizations («500+», «Точка роста», базовые площадки) and school partnerships: the department
 * keeps them, a school sees the groups it is in and its own partnerships.
 */
export function GroupsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'partnerships' ? 'partnerships' : 'groups';
  return (
    <>
      <PageHeader
        title="Группы организаций и партнёрства"
        subtitle="Группы («500+», «Точка роста», базовые и инновационные площадки) используются в формулах показателей, применимости, анализе и адресатах рекомендаций; партнёрства — сильная школа поддерживает школу с низкими результатами"
      />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v === 'partnerships' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="groups">Группы организаций</Tabs.Tab>
          <Tabs.Tab value="partnerships">Партнёрства школ</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="groups">
          <GroupsTab />
        </Tabs.Panel>
        <Tabs.Panel value="partnerships">
          <PartnershipsTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function GroupsTab() {
  const { isDepartment } = useRegistersRole();
  const groups = useOrganizationGroups();
  const organizations = useOrganizationOptions();
  const client = useQueryClient();
  const [editing, setEditing] = useState<OrganizationGroup | 'new' | null>(null);
  const [removing, setRemoving] = useState<OrganizationGroup | null>(null);
  const remove = useMutation({
    mutationFn: (g: OrganizationGroup) => api.delete(`/api/organization-groups/${g.id}?version=${g.version}`),
    onSuccess: () => {
      setRemoving(null);
      notifySaved('Группа организаций удалена');
      void client.invalidateQueries({ queryKey: ['organization-groups'] });
    },
  });
  const nameOf = (id: number) =>
    organizations.data?.find((o) => o.id === id)?.shortName ?? `Организация № ${id}`;
  if (groups.isLoading) return <Loading />;
  if (groups.error) return <ErrorAlert error={groups.error} title="Группы недоступны" />;
  const list = groups.data ?? [];
  return (
    <Stack>
      {isDepartment && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Добавить группу
          </Button>
        </Group>
      )}
      {!list.length ? (
        <EmptyState>
          {isDepartment
            ? 'Групп организаций пока нет. Создайте первую — например, «Точка роста» или «500+».'
            : 'Ваша организация не входит ни в одну группу.'}
        </EmptyState>
      ) : (
        <Paper withBorder>
          <Table verticalSpacing="sm" aria-label="Группы организаций">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={240}>Группа</Table.Th>
                <Table.Th>Организации</Table.Th>
                {isDepartment && <Table.Th w={90} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((g) => (
                <Table.Tr key={g.id} data-testid={`group-${g.name}`}>
                  <Table.Td>
                    <Text fw={600}>{g.name}</Text>
                    {g.description && (
                      <Text size="xs" c="dimmed">
                        {g.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {g.canEdit && (
                      <Text size="xs" c="dimmed" mb={4}>
                        {countOf(g.organizationIds.length, ORGANIZATION_FORMS)}
                      </Text>
                    )}
                    <Group gap={4}>
                      {g.organizationIds.map((id) => (
                        <Badge key={id} variant="light" color="gray" tt="none">
                          {nameOf(id)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  {isDepartment && (
                    <Table.Td>
                      {g.canEdit && (
                        <Group gap={4} wrap="nowrap">
                          <EditDeleteIcons
                            editLabel={`Изменить группу «${g.name}»`}
                            deleteLabel={`Удалить группу «${g.name}»`}
                            onEdit={() => setEditing(g)}
                            onDelete={() => setRemoving(g)}
                          />
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && (
        <GroupForm
          group={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            notifySaved('Группа организаций сохранена');
            void client.invalidateQueries({ queryKey: ['organization-groups'] });
          }}
        />
      )}
      <ConfirmModal
        opened={removing !== null}
        title="Удалить группу?"
        confirmLabel="Удалить"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        Группа «{removing?.name}» и её состав будут удалены. Сами организации останутся в реестре.
      </ConfirmModal>
    </Stack>
  );
}
