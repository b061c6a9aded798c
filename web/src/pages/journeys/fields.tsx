import { TextInput } from '@mantine/core';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconSearch } from '@tabler/icons-react';
import { parseRuDate } from '../../../../core/dates.ts';

/** A date typed or picked as дд.мм.гггг, kept as an ISO string. */
export function RuDateInput({
  value,
  onChange,
  ...props
}: Omit<DateInputProps, 'value' | 'onChange'> & {
  value: string | null;
  onChange(value: string | null): void;
}) {
  return (
    <DateInput
      {...props}
      value={value}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD.MM.YYYY"
      dateParser={(text) => parseRuDate(text)}
      placeholder="дд.мм.гггг"
    />
  );
}

/** The search box of a list filtered on the page, as one types. */
export function SearchBox({
  value,
  onChange,
  placeholder,
}: {
  value: string;
  onChange(value: string): void;
  placeholder: string;
}) {
  return (
    <TextInput
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={360}
      aria-label="Поиск"
    />
  );
}
