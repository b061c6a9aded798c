import { Autocomplete, Group, Paper, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Enumeration } from '../../../../core/enums.ts';
import { useOrganizationOptions } from './api.ts';

/** Filters of a register list kept in the address, so a reload or a shared link shows the same list. */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { get: (key: string) => params.get(key), set };
}

export const enumOptions = (e: Enumeration<string>) =>
  e.values.map((value) => ({ value, label: e.label[value] }));

/** The bordered row of filters above a register list. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p="md" mb="md">
      <Group gap="md" align="flex-end" wrap="wrap">
        {children}
      </Group>
    </Paper>
  );
}

/** A clearable filter by one value of an enumeration (level, type…). */
export function EnumFilter({
  label,
  placeholder,
  enumeration,
  value,
  onChange,
  w,
}: {
  label: string;
  placeholder: string;
  enumeration: Enumeration<string>;
  value: string | null;
  onChange(value: string | null): void;
  w: number;
}) {
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={enumOptions(enumeration)}
      value={value}
      onChange={onChange}
      clearable
      w={w}
    />
  );
}

/**
 * A text filter with suggestions (a free-text field of the records, such as a place of work): what is typed
 * is matched as text, the suggestions only save typing.
 */
export function TextMatchFilter({
  label,
  value,
  onChange,
  placeholder,
  suggestions,
}: {
  label: string;
  value: string | null;
  onChange(value: string | null): void;
  placeholder: string;
  suggestions: string[];
}) {
  const [text, setText] = useState(value ?? '');
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    if ((value ?? '') !== debounced.trim()) onChange(debounced.trim() || null);
    // Only the typed text drives the address; the address is read once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  return (
    <Autocomplete
      label={label}
      placeholder={placeholder}
      data={suggestions}
      value={text}
      onChange={setText}
      clearable
      w={260}
    />
  );
}

/** A search box that writes `?q=` a moment after typing stops. */
export function SearchFilter({
  value,
  onChange,
  placeholder,
}: {
  value: string | null;
  onChange(value: string | null): void;
  placeholder: string;
}) {
  const [text, setText] = useState(value ?? '');
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    if ((value ?? '') !== debounced.trim()) onChange(debounced.trim() || null);
    // Only the typed text drives the address; the address is read once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  return (
    <TextInput
      label="Поиск"
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      w={280}
    />
  );
}

/** The organization filter of the department's lists. */
export function OrganizationFilter({
  value,
  onChange,
  label = 'Организация',
}: {
  value: string | null;
  onChange(value: string | null): void;
  label?: string;
}) {
  const organizations = useOrganizationOptions();
  return (
    <Select
      label={label}
      placeholder="Все организации"
      data={(organizations.data ?? []).map((o) => ({ value: String(o.id), label: o.shortName }))}
      value={value}
      onChange={onChange}
      searchable
      clearable
      w={260}
    />
  );
}
