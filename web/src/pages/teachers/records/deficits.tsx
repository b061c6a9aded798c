import { Badge, Group, MultiSelect, Select, Stack, Text, Tooltip } from '@mantine/core';
import { competenceArea } from '../../../../../core/enums.ts';
import { useDeficits, type Deficit } from '../api.ts';
import type { FieldInputProps, FieldRenderer } from './RecordFields.tsx';

/** Deficits are chosen from the catalog and shown by their titles, never as bare codes. */

function grouped(deficits: Deficit[] | undefined) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const d of deficits ?? []) {
    const group = competenceArea.label[d.area];
    groups.set(group, [...(groups.get(group) ?? []), { value: d.code, label: `${d.code} — ${d.title}` }]);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

function DeficitsMultiSelect(props: FieldInputProps) {
  const deficits = useDeficits();
  return (
    <MultiSelect
      {...props}
      value={(props.value as string[]) ?? []}
      data={grouped(deficits.data)}
      searchable
      clearable
      placeholder={deficits.isLoading ? 'Загрузка справочника…' : 'Выберите дефициты из справочника'}
      nothingFoundMessage="Такого дефицита нет в справочнике"
    />
  );
}

function DeficitSelect(props: FieldInputProps) {
  const deficits = useDeficits();
  return (
    <Select
      {...props}
      value={(props.value as string | null) || null}
      onChange={(v) => props.onChange(v ?? '')}
      data={grouped(deficits.data)}
      searchable
      clearable
      placeholder="Выберите дефицит"
      nothingFoundMessage="Такого дефицита нет в справочнике"
    />
  );
}

export const deficitFieldRenderer: FieldRenderer = (field, props) => {
  if (field.key === 'deficitCodes') return <DeficitsMultiSelect {...props} label="Выявленные дефициты" />;
  if (field.key === 'deficitCode') return <DeficitSelect {...props} label="Дефицит" />;
  return undefined;
};

/** The deficits of a diagnostic or a step, by title, with the code in a badge. */
export function DeficitTitles({ codes }: { codes: string[] }) {
  const deficits = useDeficits();
  if (!codes.length) return <Text size="sm">—</Text>;
  return (
    <Stack gap={2}>
      {codes.map((code) => {
        const d = deficits.data?.find((x) => x.code === code);
        return (
          <Group key={code} gap={6} wrap="nowrap" align="flex-start">
            <Tooltip label={d ? competenceArea.label[d.area] : 'нет в справочнике'}>
              <Badge size="sm" variant="light" color={d ? 'orange' : 'gray'} style={{ flexShrink: 0 }}>
                {code}
              </Badge>
            </Tooltip>
            <Text size="sm">{d?.title ?? 'нет в справочнике'}</Text>
          </Group>
        );
      })}
    </Stack>
  );
}
