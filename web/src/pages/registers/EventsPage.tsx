import { Anchor, Select, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { eventType, level } from '../../../../core/enums.ts';
import { countOf } from '../../../../core/format.ts';
import type { FieldDef } from '../../../../core/registry/fields.ts';
import { eventKind } from '../../../../core/registry/kinds.ts';
import { withParams } from '../../api/client.ts';
import { PageHeader } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import type { RecordRow } from '../teachers/api.ts';
import { RecordList } from '../teachers/records/RecordList.tsx';
import { useManagedOrganization, useRegistersRole, type RegisterEvent } from './api.ts';
import { registersFieldRenderer } from './fields.tsx';
import { EnumFilter, FilterBar, OrganizationFilter, SearchFilter, useListParams } from './list-filters.tsx';

const PARTICIPANT_FORMS = ['участник', 'участника', 'участников'] as const;
const LEVEL_COLOR: Record<string, string> = {
  institutional: 'teal.8',
  municipal: 'indigo.8',
  regional: 'grape.8',
  federal: 'orange.8',
};

function eventCell(f: FieldDef, row: RecordRow) {
  const e = row as unknown as RegisterEvent;
  switch (f.key) {
    case 'title':
      return (
        <Stack gap={2}>
          <Anchor component={Link} to={`/events/${e.id}`} size="sm" fw={500}>
            {e.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {e.participantCount ? countOf(e.participantCount, PARTICIPANT_FORMS) : 'участники не отмечены'}
          </Text>
        </Stack>
      );
    case 'date':
      return formatRuDate(e.date);
    case 'level':
      return (
        <Text size="sm" c={LEVEL_COLOR[e.level]}>
          {level.label[e.level]}
        </Text>
      );
    case 'organizationId':
      return e.organizationShortName ?? 'муниципалитет';
    case 'type':
      return e.type ? eventType.label[e.type] : 'не указан';
    default:
      return undefined;
  }
}

/**
 * Methodological events with add, edit and delete: the whole register (the page) or the institutional
 * events of one organization (its card's tab).
 */
export function EventsList({
  organization,
  filters = {},
}: {
  organization?: { id: number; shortName: string };
  filters?: Record<string, string | undefined>;
}) {
  const { isDepartment, canManage } = useRegistersRole();
  // An org_manager adds only institutional events of its own organization.
  const managed = useManagedOrganization();
  const fixed = organization ?? (isDepartment ? null : managed);
  const url = withParams('/api/events', { organizationId: organization?.id, ...filters });
  const canAdd = organization ? canManage(organization.id) : isDepartment || managed !== null;
  const isInstitutional = fixed !== null;
  return (
    <RecordList
      pageSize={50}
      kind={eventKind}
      listUrl={url}
      itemUrl={(id) => `/api/events/${id}`}
      queryKey={['events', url]}
      canEdit={canAdd}
      isRowEditable={(row) => canManage((row.organizationId as number | null) ?? null)}
      columns={
        organization
          ? ['date', 'title', 'type', 'format']
          : ['date', 'title', 'type', 'level', 'format', 'organizationId']
      }
      columnLabels={{ organizationId: 'Проводит' }}
      renderCell={eventCell}
      renderField={registersFieldRenderer({ fixedOrganization: fixed })}
      defaults={{
        organizationId: fixed?.id ?? null,
        level: isInstitutional ? 'institutional' : 'municipal',
        format: 'offline',
        date: new Date().toISOString().slice(0, 10),
      }}
      title={organization ? `Мероприятия организации: ${organization.shortName}` : undefined}
      addLabel="Добавить мероприятие"
      emptyText={
        organization
          ? 'Институциональных мероприятий организации не внесено.'
          : 'Мероприятий не найдено. Измените условия отбора или добавьте мероприятие.'
      }
    />
  );
}

const yearOptions = () => {
  const now = new Date().getFullYear();
  return Array.from({ length: 6 }, (_, i) => String(now - i));
};

export function EventsPage() {
  const { get, set } = useListParams();
  const { isDepartment } = useRegistersRole();
  const year = get('year');
  return (
    <>
      <PageHeader
        title="Научно-методические мероприятия"
        subtitle="Семинары, конференции, мастер-классы и другие мероприятия для педагогов: уровень, дата, формат и участники"
      />
      <FilterBar>
        <SearchFilter value={get('q')} onChange={(v) => set('q', v)} placeholder="Название мероприятия" />
        <Select
          label="Год"
          placeholder="Все годы"
          data={yearOptions()}
          value={year}
          onChange={(v) => set('year', v)}
          clearable
          w={130}
        />
        <EnumFilter
          label="Уровень"
          placeholder="Все уровни"
          enumeration={level}
          value={get('level')}
          onChange={(v) => set('level', v)}
          w={200}
        />
        <EnumFilter
          label="Вид мероприятия"
          placeholder="Все виды"
          enumeration={eventType}
          value={get('type')}
          onChange={(v) => set('type', v)}
          w={210}
        />
        {isDepartment && (
          <OrganizationFilter
            label="Организация (институциональные)"
            value={get('organizationId')}
            onChange={(v) => set('organizationId', v)}
          />
        )}
      </FilterBar>
      <EventsList
        filters={{
          q: get('q') ?? undefined,
          level: get('level') ?? undefined,
          type: get('type') ?? undefined,
          organizationId: get('organizationId') ?? undefined,
          from: year ? `${year}-01-01` : undefined,
          to: year ? `${year}-12-31` : undefined,
        }}
      />
    </>
  );
}
