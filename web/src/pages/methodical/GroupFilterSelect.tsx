import { Select } from '@mantine/core';
import { useOrganizationGroups } from './groups-api.ts';

/** «Группа организаций»: narrows an analysis or a results table to one group of the department. */
export function GroupFilterSelect({
  value,
  onChange,
}: {
  value: number | null;
  onChange(id: number | null): void;
}) {
  const groups = useOrganizationGroups();
  const data = (groups.data ?? []).map((g) => ({ value: String(g.id), label: g.name }));
  if (!data.length) return null;
  return (
    <Select
      label="Группа организаций"
      placeholder="Все организации"
      data={data}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      clearable
      searchable
      w={240}
    />
  );
}
