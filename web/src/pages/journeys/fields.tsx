import { DateInput, type DateInputProps } from '@mantine/dates';
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
