import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatRuDate } from '../../../../core/dates.ts';
import type { FieldDef } from '../../../../core/registry/fields.ts';
import { api } from '../../api/client.ts';
import type { FieldInputProps, FieldRenderer } from '../teachers/records/RecordFields.tsx';
import { registersFieldRenderer, type RendererOptions } from '../registers/fields.tsx';
import type { RegisterEvent } from '../registers/api.ts';
import { usePositionKinds } from './api.ts';

const selectValue = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

function PositionKindSelect(props: FieldInputProps) {
  const kinds = usePositionKinds();
  return (
    <Select
      {...props}
      value={selectValue(props.value)}
      data={(kinds.data ?? []).map((k) => ({ value: String(k.id), label: k.name }))}
      searchable
      placeholder={kinds.isLoading ? 'Загрузка…' : 'Выберите должность'}
    />
  );
}

/** The candidate's trainings or ИОМ (of a teacher of the registry), or the municipality's events. */
function LinkSelect({
  target,
  teacherId,
  ...props
}: FieldInputProps & { target: 'training' | 'route' | 'event'; teacherId: number | null }) {
  const query = useQuery({
    queryKey: ['reserve-link-options', target, teacherId],
    queryFn: async () => {
      if (target === 'event') {
        const events = await api.get<RegisterEvent[]>('/api/events', { pageSize: 200 });
        return events.map((e) => ({ value: String(e.id), label: `${e.title}, ${formatRuDate(e.date)}` }));
      }
      const rows = await api.get<Record<string, unknown>[]>(
        `/api/teachers/${teacherId}/${target === 'training' ? 'trainings' : 'routes'}`,
      );
      return rows.map((r) => ({
        value: String(r.id),
        label:
          target === 'training'
            ? `${String(r.title)}, ${formatRuDate(String(r.startDate))}–${formatRuDate(String(r.endDate))}`
            : `ИОМ на ${formatRuDate(String(r.startDate))}–${formatRuDate(String(r.endDate))}`,
      }));
    },
    enabled: target === 'event' || teacherId !== null,
  });
  return (
    <Select
      {...props}
      value={selectValue(props.value)}
      data={query.data ?? []}
      searchable
      clearable
      placeholder={
        target !== 'event' && teacherId === null
          ? 'Только для педагога из реестра'
          : query.isLoading
            ? 'Загрузка…'
            : 'Выберите'
      }
      nothingFoundMessage="Ничего не найдено"
    />
  );
}

/** The reserve's special fields for the generic record form; the rest as the registers render them. */
export function reserveFieldRenderer(
  options: RendererOptions & { candidateTeacherId?: number | null } = {},
): FieldRenderer {
  const registers = registersFieldRenderer(options);
  return (field: FieldDef, props: FieldInputProps) => {
    const t = field.type;
    if (t.kind === 'ref' && t.target === 'reservePositionKind') return <PositionKindSelect {...props} />;
    if (t.kind === 'ref' && (t.target === 'training' || t.target === 'route' || t.target === 'event'))
      return <LinkSelect {...props} target={t.target} teacherId={options.candidateTeacherId ?? null} />;
    return registers(field, props);
  };
}
