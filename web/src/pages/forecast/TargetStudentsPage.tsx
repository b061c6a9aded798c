import { NumberInput } from '@mantine/core';
import type { FieldDef } from '../../../../core/registry/fields.ts';
import { targetStudentKind } from '../../../../core/registry/register-kinds.ts';
import { formatRuDate } from '../../../../core/dates.ts';
import { withParams } from '../../api/client.ts';
import { PageHeader } from '../../components/common.tsx';
import type { RecordRow } from '../teachers/api.ts';
import { RecordList } from '../teachers/records/RecordList.tsx';
import { useRegistersRole } from '../registers/api.ts';
import { registersFieldRenderer } from '../registers/fields.tsx';
import { FilterBar, OrganizationFilter, SearchFilter, useListParams } from '../registers/list-filters.tsx';
import { ExcelExportButton } from '../../components/ExcelExportButton.tsx';

function studentCell(f: FieldDef, row: RecordRow) {
  if (f.key === 'organizationId') return String(row.organizationShortName ?? '');
  if (f.key === 'contractNumber')
    return `№ ${String(row.contractNumber)} от ${formatRuDate(String(row.contractDate))}`;
  return undefined;
}

/**
 * «Целевое обучение»: the students and graduates the organizations expect (the inflow of the staffing
 * forecast). A school sees and keeps its own; the department the municipality's. A card opens on a row.
 */
export function TargetStudentsPage() {
  const { get, set } = useListParams();
  const { isDepartment, managedOrganizationIds, canManage } = useRegistersRole();
  const filters = {
    organizationId: get('organizationId') ?? undefined,
    graduationYear: get('graduationYear') ?? undefined,
    q: get('q') ?? undefined,
  };
  const url = withParams('/api/target-students', { ...filters, pageSize: 1000 });
  return (
    <>
      <PageHeader
        title="Целевое обучение"
        subtitle="Студенты, обучающиеся по договорам о целевом обучении, и ожидаемые выпускники: вуз, специальность, год выпуска, организация, которая их ждёт"
        actions={<ExcelExportButton url={'/api/target-students/export.xlsx'} params={filters} />}
      />
      <FilterBar>
        <SearchFilter value={get('q')} onChange={(v) => set('q', v)} placeholder="ФИО студента" />
        <NumberInput
          label="Год выпуска"
          value={filters.graduationYear ? Number(filters.graduationYear) : ''}
          onChange={(v) => set('graduationYear', v === '' ? null : String(v))}
          min={2000}
          max={2100}
          allowDecimal={false}
          w={160}
        />
        {isDepartment && (
          <OrganizationFilter value={get('organizationId')} onChange={(v) => set('organizationId', v)} />
        )}
      </FilterBar>
      <RecordList
        kind={targetStudentKind}
        listUrl={url}
        itemUrl={(id) => `/api/target-students/${id}`}
        queryKey={['target-students', url]}
        invalidates={[['staffing-forecast']]}
        canEdit={isDepartment || managedOrganizationIds.length > 0}
        isRowEditable={(row) => canManage(row.organizationId as number)}
        columns={[
          'fullName',
          'organizationId',
          'university',
          'specialty',
          'subject',
          'graduationYear',
          'contractNumber',
        ]}
        renderCell={studentCell}
        renderField={registersFieldRenderer({ fixedOrganization: null })}
        defaults={{ organizationId: isDepartment ? null : managedOrganizationIds[0] }}
        addLabel="Добавить студента"
        emptyText="Студентов целевого обучения не найдено."
      />
    </>
  );
}
