import { Group, MultiSelect, Select, Text, TextInput, type ComboboxItem } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FieldDef } from '../../../../core/registry/fields.ts';
import { api } from '../../api/client.ts';
import type { FieldInputProps, FieldRenderer } from '../teachers/records/RecordFields.tsx';
import type { Candidate, MentoringProgram } from './api.ts';

/**
 * The inputs the registers add to the generic record form (web/src/pages/teachers/records): a month, a
 * teacher found by name, a mentoring program of the organization, a fixed organization.
 */

interface TeacherHit {
  id: number;
  fullName: string;
  positions: { organizationShortName: string; title: string; endDate: string | null }[];
}

const hitLabel = (t: TeacherHit) => {
  const place = t.positions.find((p) => !p.endDate) ?? t.positions[0];
  return place ? `${t.fullName} — ${place.organizationShortName}, ${place.title}` : t.fullName;
};

/** A teacher chosen by typing a part of the name (GET /api/teachers?q=). */
export function TeacherSelect({
  organizationId,
  labelOf,
  ...props
}: FieldInputProps & { organizationId?: number | null; labelOf?(id: number): string | undefined }) {
  const value =
    props.value === null || props.value === undefined || props.value === '' ? null : String(props.value);
  const [chosen, setChosen] = useState<ComboboxItem | null>(
    value ? { value, label: labelOf?.(Number(value)) ?? `Педагог № ${value}` } : null,
  );
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const isSearching = debounced.trim().length >= 2 && debounced !== chosen?.label;
  const hits = useQuery({
    queryKey: ['teachers', 'search', debounced, organizationId ?? null],
    queryFn: () =>
      api.get<TeacherHit[]>('/api/teachers', { q: debounced.trim(), organizationId, pageSize: 20 }),
    enabled: isSearching,
    staleTime: 60_000,
  });
  const found = (hits.data ?? []).map((t) => ({ value: String(t.id), label: hitLabel(t) }));
  const data = chosen && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;
  return (
    <Select
      {...props}
      value={value}
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(v, option) => {
        setChosen(option ?? null);
        props.onChange(v);
      }}
      clearable={!props.withAsterisk}
      placeholder="Начните вводить фамилию"
      nothingFoundMessage={
        !isSearching ? 'Введите не менее двух букв' : hits.isLoading ? 'Поиск…' : 'Никого не найдено'
      }
    />
  );
}

/** Several teachers at once, from those the server offers for this association or event. */
export function CandidatePicker({
  candidatesUrl,
  value,
  onChange,
  label = 'Педагоги',
  exclude = [],
}: {
  candidatesUrl: string;
  value: string[];
  onChange(value: string[]): void;
  label?: string;
  /** Teachers already linked: the server would skip them, so they are not offered. */
  exclude?: number[];
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [known, setKnown] = useState<Record<string, string>>({});
  const query = useQuery({
    queryKey: ['candidates', candidatesUrl, debounced],
    queryFn: () => api.get<Candidate[]>(candidatesUrl, { q: debounced.trim(), limit: 30 }),
    staleTime: 30_000,
  });
  const describe = (c: Candidate) =>
    [c.fullName, [c.organizationShortName, c.positionTitle].filter(Boolean).join(', ')]
      .filter(Boolean)
      .join(' — ');
  const found = (query.data ?? [])
    .filter((c) => !exclude.includes(c.id))
    .map((c) => ({ value: String(c.id), label: describe(c) }));
  const selected = value
    .filter((v) => !found.some((o) => o.value === v))
    .map((v) => ({ value: v, label: known[v] ?? `Педагог № ${v}` }));
  return (
    <MultiSelect
      label={label}
      placeholder={value.length ? undefined : 'Начните вводить фамилию'}
      data={[...selected, ...found]}
      value={value}
      onChange={(next) => {
        const labels = { ...known };
        for (const o of found) if (next.includes(o.value)) labels[o.value] = o.label;
        setKnown(labels);
        onChange(next);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={query.isLoading ? 'Поиск…' : 'Никого не найдено'}
      hidePickedOptions
      clearable
      maxDropdownHeight={320}
    />
  );
}

/** A month as its first day ('2026-03-01'), picked from a calendar of months. */
export function MonthField(props: FieldInputProps) {
  return (
    <MonthPickerInput
      label={props.label}
      description={props.description}
      withAsterisk={props.withAsterisk}
      error={props.error}
      value={(props.value as string | null) || null}
      onChange={(v) => props.onChange(v ? `${String(v).slice(0, 7)}-01` : null)}
      valueFormat="MMMM YYYY"
      placeholder="Выберите месяц"
      clearable={!props.withAsterisk}
    />
  );
}

function ProgramSelect({ organizationId, ...props }: FieldInputProps & { organizationId: number | null }) {
  const programs = useQuery({
    queryKey: ['mentoring-programs', 'options', organizationId],
    queryFn: () => api.get<MentoringProgram[]>('/api/mentoring-programs', { organizationId, pageSize: 1000 }),
    enabled: organizationId !== null,
  });
  return (
    <Select
      {...props}
      value={props.value === null || props.value === undefined ? null : String(props.value)}
      data={(programs.data ?? []).map((p) => ({ value: String(p.id), label: p.title }))}
      placeholder={organizationId === null ? 'Сначала выберите организацию' : 'Без программы'}
      clearable
      searchable
      nothingFoundMessage="У организации нет программ наставничества"
    />
  );
}

export function FixedValue({ label, text }: { label: string; text: string }) {
  return <TextInput label={label} value={text} readOnly variant="filled" />;
}

export interface RendererOptions {
  /** The organization every record of this list belongs to: shown, not chosen. */
  fixedOrganization?: { id: number; shortName: string } | null;
  /** Names of teachers already referenced by the records, for the inputs of an edited record. */
  teacherLabel?(id: number): string | undefined;
  /** Only teachers of this organization are offered in a teacher field named here. */
  teacherOrganization?: Partial<Record<string, number | null>>;
}

/** The renderer of the registers' special fields for the generic record form. */
export function registersFieldRenderer(options: RendererOptions = {}): FieldRenderer {
  return (field: FieldDef, props: FieldInputProps) => {
    const t = field.type;
    if (t.kind === 'month') return <MonthField {...props} />;
    if (t.kind !== 'ref') return undefined;
    if (t.target === 'organization' && options.fixedOrganization)
      return <FixedValue label={props.label} text={options.fixedOrganization.shortName} />;
    if (t.target === 'teacher')
      return (
        <TeacherSelect
          {...props}
          organizationId={options.teacherOrganization?.[field.key] ?? null}
          labelOf={options.teacherLabel}
        />
      );
    if (t.target === 'mentoringProgram')
      return <ProgramSelect {...props} organizationId={options.fixedOrganization?.id ?? null} />;
    return undefined;
  };
}

/** The reasons some teachers were not added, as a short list under a notification. */
export function SkippedList({ skipped }: { skipped: { teacherName: string | null; reason: string }[] }) {
  if (!skipped.length) return null;
  return (
    <Group gap={4}>
      {skipped.map((s, i) => (
        <Text key={i} size="sm">
          {s.teacherName ?? 'Педагог'}: {s.reason}
          {i < skipped.length - 1 ? ';' : '.'}
        </Text>
      ))}
    </Group>
  );
}
