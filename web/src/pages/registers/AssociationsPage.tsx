import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { associationType, level } from '../../../../core/enums.ts';
import { countOf } from '../../../../core/format.ts';
import type { FieldDef } from '../../../../core/registry/fields.ts';
import { associationKind } from '../../../../core/registry/kinds.ts';
import { api, withParams } from '../../api/client.ts';
import { PageHeader } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import type { RecordRow } from '../teachers/api.ts';
import { RecordList } from '../teachers/records/RecordList.tsx';
import { useManagedOrganization, useRegistersRole, type Association } from './api.ts';
import { registersFieldRenderer } from './fields.tsx';
import { EnumFilter, FilterBar, OrganizationFilter, SearchFilter, useListParams } from './list-filters.tsx';

const MEMBER_FORMS = ['участник', 'участника', 'участников'] as const;
const today = () => new Date().toISOString().slice(0, 10);

export const periodText = (from: string, to: string | null) =>
  to ? `${formatRuDate(from)} — ${formatRuDate(to)}` : `с ${formatRuDate(from)}`;

function associationCell(f: FieldDef, row: RecordRow) {
  const a = row as unknown as Association;
  switch (f.key) {
    case 'name':
      return (
        <Stack gap={2}>
          <Anchor component={Link} to={`/associations/${a.id}`} size="sm" fw={500}>
            {a.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {[countOf(a.memberCount, MEMBER_FORMS), a.subject].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
      );
    case 'type':
      return <Text size="sm">{associationType.label[a.type]}</Text>;
    case 'organizationId':
      return a.organizationShortName ?? <Text size="sm">муниципальное</Text>;
    case 'leaderId':
      return a.leaderName ?? '—';
    case 'startDate':
      return (
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{periodText(a.startDate, a.endDate)}</Text>
          {a.endDate && a.endDate < today() && (
            <Badge size="xs" color="gray" variant="light">
              закрыто
            </Badge>
          )}
        </Group>
      );
    default:
      return undefined;
  }
}

/**
 * Associations as a list with add, edit and delete: the whole register (the page) or one organization's ШМО
 * and groups (its card's tab).
 */
export function AssociationsList({
  organization,
  filters = {},
}: {
  organization?: { id: number; shortName: string };
  filters?: Record<string, string | undefined>;
}) {
  const { isDepartment, managedOrganizationIds, canManage } = useRegistersRole();
  const own = organization ?? null;
  // An org_manager adds only the ШМО and groups of its own organization.
  const ownOrganization = useManagedOrganization();
  const url = withParams('/api/associations', { organizationId: own?.id, ...filters });
  const queryKey = ['associations', url];
  // The same query the list runs: the leaders' names label the leader input of an edited association.
  const rows = useQuery({ queryKey, queryFn: () => api.get<Association[]>(url, { pageSize: 1000 }) });
  const fixed = own ?? (isDepartment ? null : ownOrganization);
  const canAdd = own ? canManage(own.id) : isDepartment || managedOrganizationIds.length > 0;
  const isInstitutional = own !== null || !isDepartment;
  return (
    <RecordList
      pageSize={50}
      kind={associationKind}
      listUrl={url}
      itemUrl={(id) => `/api/associations/${id}`}
      queryKey={queryKey}
      canEdit={canAdd}
      isRowEditable={(row) => canManage((row.organizationId as number | null) ?? null)}
      columns={
        own
          ? ['name', 'type', 'leaderId', 'startDate']
          : ['name', 'type', 'level', 'organizationId', 'leaderId', 'startDate']
      }
      columnLabels={{ organizationId: 'Организация', startDate: 'Период работы' }}
      renderCell={associationCell}
      renderField={registersFieldRenderer({
        fixedOrganization: fixed,
        teacherLabel: (id) => rows.data?.find((a) => a.leaderId === id)?.leaderName ?? undefined,
        teacherOrganization: fixed ? { leaderId: fixed.id } : undefined,
      })}
      defaults={{
        organizationId: fixed?.id ?? null,
        level: isInstitutional ? 'institutional' : 'municipal',
        type: isInstitutional ? 'shmo' : 'rmo',
        startDate: today(),
      }}
      title={own ? `Методические объединения: ${own.shortName}` : undefined}
      addLabel={isInstitutional ? 'Добавить ШМО' : 'Добавить объединение'}
      emptyText={
        own
          ? 'У организации нет школьных методических объединений и творческих групп.'
          : 'Объединений не найдено. Измените условия отбора или добавьте объединение.'
      }
    />
  );
}

export function AssociationsPage() {
  const { get, set } = useListParams();
  const { isDepartment, leaderAssociationIds, managedOrganizationIds } = useRegistersRole();
  const isLeaderOnly = !isDepartment && !managedOrganizationIds.length && leaderAssociationIds.length > 0;
  return (
    <>
      <PageHeader
        title="Методические объединения"
        subtitle={
          isLeaderOnly
            ? 'Объединения, которыми вы руководите: откройте объединение, чтобы вести его состав'
            : 'РМО, ШМО, «Школа молодого специалиста», творческие группы и профессиональные сообщества педагогов'
        }
      />
      {!isLeaderOnly && (
        <FilterBar>
          <SearchFilter value={get('q')} onChange={(v) => set('q', v)} placeholder="Название или предмет" />
          <EnumFilter
            label="Уровень"
            placeholder="Все уровни"
            enumeration={level}
            value={get('level')}
            onChange={(v) => set('level', v)}
            w={200}
          />
          <EnumFilter
            label="Вид"
            placeholder="Все виды"
            enumeration={associationType}
            value={get('type')}
            onChange={(v) => set('type', v)}
            w={260}
          />
          {isDepartment && (
            <OrganizationFilter value={get('organizationId')} onChange={(v) => set('organizationId', v)} />
          )}
        </FilterBar>
      )}
      <AssociationsList
        filters={{
          q: get('q') ?? undefined,
          level: get('level') ?? undefined,
          type: get('type') ?? undefined,
          organizationId: get('organizationId') ?? undefined,
        }}
      />
    </>
  );
}
