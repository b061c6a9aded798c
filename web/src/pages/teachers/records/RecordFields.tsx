import {
  Checkbox,
  MultiSelect,
  Select,
  SimpleGrid,
  TagsInput,
  Textarea,
  TextInput,
  type ComboboxItem,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { formatRuDate, parseRuDate } from '../../../../../core/dates.ts';
import type { FieldDef, RecordKind, RefTarget } from '../../../../../core/registry/fields.ts';
import { api } from '../../../api/client.ts';
import { specialistOptions, useSpecialistNames } from '../../../api/specialists.ts';
import type { Organization } from '../../../api/types.ts';
import { useProviders, type RecordRow } from '../api.ts';

/** What reference fields need to offer their options: the teacher whose diagnostics an ИОМ can cite. */
export const RecordContext = createContext<{ teacherId: number | null }>({ teacherId: null });

/** Props every input receives from the form, plus the field's own label and hint. */
export interface FieldInputProps {
  label: string;
  description?: string;
  withAsterisk: boolean;
  value: unknown;
  onChange(value: unknown): void;
  error?: ReactNode;
}

/** A field rendered some other way than its type suggests (a deficit code chosen from the catalog). */
export type FieldRenderer = (field: FieldDef, props: FieldInputProps) => ReactNode | undefined;

function useRefOptions(target: RefTarget): { data: ComboboxItem[]; isLoading: boolean } {
  const { teacherId } = useContext(RecordContext);
  const providers = useProviders();
  const organizations = useQuery({
    queryKey: ['organizations', 'options'],
    queryFn: () => api.list<Organization>('/api/organizations', { pageSize: 1000 }),
    enabled: target === 'organization',
    staleTime: 5 * 60_000,
  });
  const diagnostics = useQuery({
    queryKey: ['teacher-records', teacherId, 'diagnostics'],
    queryFn: () => api.get<RecordRow[]>(`/api/teachers/${teacherId}/diagnostics`),
    enabled: target === 'diagnostic' && teacherId !== null,
  });
  const specialists = useSpecialistNames(target === 'specialist');
  switch (target) {
    case 'specialist':
      return { data: specialistOptions(specialists.data), isLoading: specialists.isLoading };
    case 'organization':
      return {
        data: (organizations.data?.items ?? []).map((o) => ({ value: String(o.id), label: o.shortName })),
        isLoading: organizations.isLoading,
      };
    case 'provider':
      return {
        data: (providers.data ?? []).map((p) => ({ value: String(p.id), label: p.name })),
        isLoading: providers.isLoading,
      };
    case 'diagnostic':
      return {
        data: (diagnostics.data ?? []).map((d) => ({
          value: String(d.id),
          label: `${formatRuDate(String(d.date))}, ${String(d.instrument)}`,
        })),
        isLoading: diagnostics.isLoading,
      };
    default:
      return { data: [], isLoading: false };
  }
}

function RefSelect({ target, ...props }: FieldInputProps & { target: RefTarget }) {
  const options = useRefOptions(target);
  return (
    <Select
      {...props}
      value={(props.value as string | null) ?? null}
      data={options.data}
      searchable
      clearable={!props.withAsterisk}
      nothingFoundMessage={options.isLoading ? 'Загрузка…' : 'Ничего не найдено'}
      placeholder={options.isLoading ? 'Загрузка…' : 'Выберите'}
    />
  );
}

const options = (e: { values: readonly string[]; label: Record<string, string> }) =>
  e.values.map((v) => ({ value: v, label: e.label[v] }));

/** One Mantine input per field type. */
export function FieldInput({ field, ...props }: FieldInputProps & { field: FieldDef }) {
  const t = field.type;
  switch (t.kind) {
    case 'text':
      return t.multiline ? (
        <Textarea
          {...props}
          value={String(props.value ?? '')}
          onChange={(e) => props.onChange(e.currentTarget.value)}
          autosize
          minRows={2}
        />
      ) : (
        <TextInput
          {...props}
          value={String(props.value ?? '')}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        />
      );
    case 'date':
    case 'month':
      return (
        <DateInput
          {...props}
          value={(props.value as string | null) ?? null}
          valueFormat="DD.MM.YYYY"
          dateParser={(text) => parseRuDate(text)}
          placeholder="дд.мм.гггг"
          clearable={!props.withAsterisk}
        />
      );
    case 'int':
    case 'number':
      return (
        <TextInput
          {...props}
          value={String(props.value ?? '')}
          onChange={(e) => props.onChange(e.currentTarget.value)}
          inputMode="decimal"
        />
      );
    case 'bool':
      if (t.nullable)
        return (
          <Select
            {...props}
            value={props.value === null || props.value === undefined ? null : String(props.value)}
            data={[
              { value: 'true', label: 'да' },
              { value: 'false', label: 'нет' },
            ]}
            onChange={(v) => props.onChange(v === null ? null : v === 'true')}
            placeholder="не указано"
            clearable
          />
        );
      return (
        <Checkbox
          label={props.label}
          description={props.description}
          error={props.error}
          checked={Boolean(props.value)}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
          mt={{ base: 0, sm: 30 }}
        />
      );
    case 'enum':
      return (
        <Select
          {...props}
          value={(props.value as string | null) ?? null}
          data={options(t.enumeration)}
          clearable={!props.withAsterisk}
          allowDeselect={!props.withAsterisk}
        />
      );
    case 'enumList':
      return (
        <MultiSelect
          {...props}
          value={(props.value as string[]) ?? []}
          data={options(t.enumeration)}
          placeholder={(props.value as string[])?.length ? undefined : 'Выберите одно или несколько значений'}
          clearable
        />
      );
    case 'textList':
      return (
        <TagsInput
          {...props}
          value={(props.value as string[]) ?? []}
          placeholder="Введите и нажмите Enter"
          clearable
        />
      );
    case 'ref':
      return <RefSelect {...props} target={t.target} />;
  }
}

const isWide = (f: FieldDef) =>
  (f.type.kind === 'text' && (f.type.multiline || (f.type.max ?? 500) > 200)) ||
  f.type.kind === 'enumList' ||
  f.type.kind === 'textList';

/** The inputs of a record kind bound to a form; `prefix` nests them (`position.` in the new-teacher form). */
export function RecordFields({
  kind,
  form,
  prefix = '',
  only,
  renderField,
}: {
  kind: RecordKind;
  form: UseFormReturnType<any>;
  prefix?: string;
  only?: string[];
  renderField?: FieldRenderer;
}) {
  const fields = only
    ? only.map((key) => kind.fields.find((f) => f.key === key)!).filter(Boolean)
    : kind.fields;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
      {fields.map((f) => {
        const input = form.getInputProps(`${prefix}${f.key}`);
        const props: FieldInputProps = {
          label: f.label,
          description: f.hint,
          withAsterisk: Boolean(f.required),
          value: input.value,
          onChange: input.onChange,
          error: input.error,
        };
        const custom = renderField?.(f, props);
        return (
          <div key={f.key} style={isWide(f) ? { gridColumn: '1 / -1' } : undefined}>
            {custom ?? <FieldInput field={f} {...props} />}
          </div>
        );
      })}
    </SimpleGrid>
  );
}
