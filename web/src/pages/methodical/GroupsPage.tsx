import { Badge, Group, Paper, Table, Tabs, Text } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { countOf, ORGANIZATION_FORMS } from '../../../../core/format.ts';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';
import { PageHeader } from '../../components/common.tsx';
import { EditedRecordsList, useEditedRecords } from './edited-records.tsx';
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
  const records = useEditedRecords<OrganizationGroup>({
    url: '/api/organization-groups',
    queryKey: ['organization-groups'],
    saved: 'Группа организаций сохранена',
    removed: 'Группа организаций удалена',
  });
  const nameOf = (id: number) =>
    organizations.data?.find((o) => o.id === id)?.shortName ?? `Организация № ${id}`;
  return (
    <EditedRecordsList
      query={groups}
      records={records}
      errorTitle="Группы недоступны"
      addLabel={isDepartment ? 'Добавить группу' : null}
      empty={
        isDepartment
          ? 'Групп организаций пока нет. Создайте первую — например, «Точка роста» или «500+».'
          : 'Ваша организация не входит ни в одну группу.'
      }
      removal={{
        title: 'Удалить группу?',
        text: (g) =>
          `Группа «${g?.name ?? ''}» и её состав будут удалены. Сами организации останутся в реестре.`,
      }}
      list={(list) => (
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
                            onEdit={() => records.edit(g)}
                            onDelete={() => records.askRemove(g)}
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
    >
      {records.form && <GroupForm {...records.form} />}
    </EditedRecordsList>
  );
}
