import { Anchor, Badge, Select, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { FieldDef } from '../../../../core/registry/fields.ts';
import { reserveCandidateFormKind } from '../../../../core/registry/reserve-kinds.ts';
import { reserveStatus } from '../../../../core/reserve/reserve.ts';
import { withParams } from '../../api/client.ts';
import { PageHeader } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import { useManagedOrganization, useRegistersRole } from '../registers/api.ts';
import {
  EnumFilter,
  FilterBar,
  OrganizationFilter,
  SearchFilter,
  useListParams,
} from '../registers/list-filters.tsx';
import type { RecordRow } from '../teachers/api.ts';
import { RecordList } from '../teachers/records/RecordList.tsx';
import { STATUS_COLOR, usePositionKinds, type Candidate } from './api.ts';
import { reserveFieldRenderer } from './fields.tsx';
import { ExcelExportButton } from '../../components/ExcelExportButton.tsx';

function candidateCell(f: FieldDef, row: RecordRow) {
  const c = row as unknown as Candidate;
  switch (f.key) {
    case 'teacherId':
      return (
        <Stack gap={2}>
          <Anchor component={Link} to={`/reserve/${c.id}`} size="sm" fw={500}>
            {c.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {c.teacherId === null
              ? 'не из реестра педагогов'
              : [c.currentPositionTitle, c.currentOrganizationShortName].filter(Boolean).join(', ')}
          </Text>
        </Stack>
      );
    case 'positionKindId':
      return (
        <Stack gap={2}>
          <Text size="sm">{c.positionKindName}</Text>
          <Badge size="sm" variant="light" color={STATUS_COLOR[c.status]}>
            {reserveStatus.label[c.status]}
            {c.decisionDate ? ` ${formatRuDate(c.decisionDate)}` : ''}
          </Badge>
        </Stack>
      );
    case 'organizationId':
      return c.organizationShortName ?? 'отдел образования';
    case 'orderNumber':
      return `№ ${c.orderNumber} от ${formatRuDate(c.orderDate)}`;
    case 'includedDate':
      return formatRuDate(c.includedDate);
    default:
      return undefined;
  }
}

/**
 * The кадровый резерв: candidates with filters (kind of position, status, organization, name), added by the
 * organization that proposes them or by the department; each opens its card with the plan and the status.
 */
export function ReservePage() {
  const { get, set } = useListParams();
  const { isDepartment } = useRegistersRole();
  const managed = useManagedOrganization();
  const kinds = usePositionKinds();
  const fixed = isDepartment ? null : managed;
  const filters = {
    q: get('q') ?? undefined,
    positionKindId: get('positionKindId') ?? undefined,
    status: get('status') ?? undefined,
    organizationId: get('organizationId') ?? undefined,
  };
  const url = withParams('/api/reserve-candidates', filters);
  return (
    <>
      <PageHeader
        title="Кадровый резерв"
        subtitle="Кандидаты на должности руководителей, заместителей, методистов, тьюторов, наставников и руководителей МО: основание включения, план развития, назначение"
        actions={<ExcelExportButton url={'/api/reserve-candidates/export.xlsx'} params={filters} />}
      />
      <FilterBar>
        <SearchFilter value={get('q')} onChange={(v) => set('q', v)} placeholder="ФИО кандидата" />
        <Select
          label="Должность резерва"
          placeholder="Все должности"
          data={(kinds.data ?? []).map((k) => ({ value: String(k.id), label: k.name }))}
          value={get('positionKindId')}
          onChange={(v) => set('positionKindId', v)}
          clearable
          w={240}
        />
        <EnumFilter
          label="Статус"
          placeholder="Все статусы"
          enumeration={reserveStatus}
          value={get('status')}
          onChange={(v) => set('status', v)}
          w={170}
        />
        {isDepartment && (
          <OrganizationFilter
            label="Выдвинувшая организация"
            value={get('organizationId')}
            onChange={(v) => set('organizationId', v)}
          />
        )}
      </FilterBar>
      <RecordList
        pageSize={50}
        kind={reserveCandidateFormKind}
        listUrl={url}
        itemUrl={(id) => `/api/reserve-candidates/${id}`}
        queryKey={['reserve-candidates', url]}
        canEdit={isDepartment || managed !== null}
        columns={['teacherId', 'positionKindId', 'organizationId', 'orderNumber', 'includedDate']}
        columnLabels={{ teacherId: 'Кандидат', positionKindId: 'Должность и статус', orderNumber: 'Приказ' }}
        renderCell={candidateCell}
        renderField={reserveFieldRenderer({
          fixedOrganization: fixed,
          teacherOrganization: { teacherId: fixed?.id ?? null },
        })}
        defaults={{
          organizationId: fixed?.id ?? null,
          includedDate: new Date().toISOString().slice(0, 10),
          orderDate: new Date().toISOString().slice(0, 10),
        }}
        addLabel="Включить в резерв"
        emptyText="Кандидатов не найдено. Измените условия отбора или включите кандидата в резерв."
      />
    </>
  );
}
