import { Select } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { useOrganizationOptions, useRegistersRole } from './api.ts';

/**
 * The organization a page works on, kept in `?organizationId=`: chosen by the department, the own one for
 * an org_manager. Returns the picker (department only) and the organization.
 */
export function useOrganizationChoice() {
  const { isDepartment, managedOrganizationIds } = useRegistersRole();
  const [params, setParams] = useSearchParams();
  const organizations = useOrganizationOptions();
  const requested = params.get('organizationId');
  const id = requested ? Number(requested) : isDepartment ? null : (managedOrganizationIds[0] ?? null);
  const organization =
    id === null
      ? null
      : { id, shortName: organizations.data?.find((o) => o.id === id)?.shortName ?? `Организация № ${id}` };
  const picker = isDepartment ? (
    <Select
      aria-label="Организация"
      placeholder="Выберите организацию"
      data={(organizations.data ?? []).map((o) => ({ value: String(o.id), label: o.shortName }))}
      value={id === null ? null : String(id)}
      onChange={(v) => setParams(v ? { organizationId: v } : {}, { replace: true })}
      searchable
      clearable
      w={300}
    />
  ) : null;
  return { organization, picker, isDepartment };
}
