import {
  Badge,
  Button,
  Checkbox,
  Collapse,
  Divider,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  useMantineTheme,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconChevronDown, IconFilter, IconFilterOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { parseRuDate } from '../../../../core/dates.ts';
import {
  ORGANIZATION_KINDS,
  QUALIFICATION_CATEGORIES,
  organizationKind,
  qualificationCategory,
} from '../../../../core/enums.ts';
import { api } from '../../api/client.ts';
import type { Organization } from '../../api/types.ts';
import type { TeacherSummary } from './api.ts';
import type { FilterKey, Filters } from './filters.ts';

interface PanelProps {
  filters: Filters;
  summary: TeacherSummary | undefined;
  update(changes: Partial<Record<FilterKey, string | null>>): void;
  reset(): void;
  activeCount: number;
}

const withCount = (label: string, count: number | undefined) =>
  count === undefined ? label : `${label} (${count})`;

/** The yes/no filters of the panel, each with the summary's count of teachers who have it. */
const FLAG_FILTERS: [
  FilterKey,
  string,
  'young' | 'withRoute' | 'inMentoring' | 'inAssociation' | 'managers',
][] = [
  ['young', 'Молодые педагоги', 'young'],
  ['hasRoute', 'Есть действующий ИОМ', 'withRoute'],
  ['inMentoring', 'Участвуют в наставничестве', 'inMentoring'],
  ['inAssociation', 'Состоят в методических объединениях', 'inAssociation'],
  ['isManager', 'Руководители', 'managers'],
];

function FlagFilter({
  name,
  label,
  count,
  filters,
  update,
}: { name: FilterKey; label: string; count?: number } & Pick<PanelProps, 'filters' | 'update'>) {
  return (
    <Checkbox
      label={withCount(label, count)}
      checked={filters[name] === 'true'}
      onChange={(e) => update({ [name]: e.currentTarget.checked ? 'true' : null })}
    />
  );
}

function RangeFilter({
  label,
  from,
  to,
  filters,
  update,
}: { label: string; from: FilterKey; to: FilterKey } & Pick<PanelProps, 'filters' | 'update'>) {
  const input = (key: FilterKey, placeholder: string) => (
    <NumberInput
      aria-label={`${label}: ${placeholder}`}
      placeholder={placeholder}
      min={0}
      max={120}
      allowDecimal={false}
      allowNegative={false}
      value={filters[key] ?? ''}
      onChange={(v) => update({ [key]: v === '' ? null : String(v) })}
      w="50%"
    />
  );
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap">
        {input(from, 'от')}
        {input(to, 'до')}
      </Group>
    </Stack>
  );
}

/** The filters of the teacher search with the number of teachers each flag would find. */
export function TeacherFilterPanel({ filters, summary, update, reset, activeCount }: PanelProps) {
  const organizations = useQuery({
    queryKey: ['organizations', 'options'],
    queryFn: () => api.list<Organization>('/api/organizations', { pageSize: 1000 }),
    staleTime: 5 * 60_000,
  });
  const subjectFilters = { ...filters, subject: undefined };
  const subjects = useQuery({
    queryKey: ['teachers-subjects', subjectFilters],
    queryFn: () => api.get<{ subject: string; count: number }[]>('/api/teachers/subjects', subjectFilters),
    placeholderData: (previous) => previous,
  });
  // Below `md` the panel stacks above the list (see TeachersPage's grid) and would push it off a phone's
  // screen, so there it folds into one button; the media query is read on the first render to avoid a
  // flash of the unfolded panel.
  const theme = useMantineTheme();
  const isStacked = !useMediaQuery(`(min-width: ${theme.breakpoints.md})`, true, {
    getInitialValueInEffect: false,
  });
  const [opened, { toggle }] = useDisclosure(false);
  const thisYear = new Date().getFullYear();
  const refYear = Number((summary?.referenceDate ?? String(thisYear)).slice(0, 4));
  const orgOptions = (organizations.data?.items ?? []).map((o) => ({
    value: String(o.id),
    label: o.shortName,
  }));

  return (
    <Paper withBorder p="md">
      <Group justify="space-between">
        {isStacked ? (
          <Button
            variant="light"
            leftSection={<IconFilter size={16} />}
            rightSection={
              <IconChevronDown
                size={16}
                style={{ transform: opened ? 'rotate(180deg)' : undefined, transition: 'transform 150ms' }}
              />
            }
            aria-expanded={opened}
            onClick={toggle}
          >
            Фильтры
            {activeCount > 0 && (
              <Badge ml={6} size="sm" circle>
                {activeCount}
              </Badge>
            )}
          </Button>
        ) : (
          <Text fw={600}>Фильтры</Text>
        )}
        {activeCount > 0 && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconFilterOff size={14} />}
            onClick={reset}
          >
            {/* Folded, the count is already on the «Фильтры» button, and both fit on one line of a phone. */}
            {isStacked ? 'Сбросить' : `Сбросить (${activeCount})`}
          </Button>
        )}
      </Group>
      <Collapse in={opened || !isStacked}>
        <Stack gap="sm" pt="sm">
          <DateInput
            label="Возраст и стаж на дату"
            valueFormat="DD.MM.YYYY"
            dateParser={(text) => parseRuDate(text)}
            placeholder="сегодня"
            clearable
            value={filters.referenceDate ?? null}
            onChange={(v) => update({ referenceDate: v })}
          />
          {orgOptions.length > 1 && (
            <Select
              label="Организация"
              placeholder="Все организации"
              searchable
              clearable
              data={orgOptions}
              value={filters.organizationId ?? null}
              onChange={(v) => update({ organizationId: v })}
            />
          )}
          {orgOptions.length > 1 && (
            <Select
              label="Тип организации"
              placeholder="Все типы"
              clearable
              data={ORGANIZATION_KINDS.map((k) => ({ value: k, label: organizationKind.label[k] }))}
              value={filters.kind ?? null}
              onChange={(v) => update({ kind: v })}
            />
          )}
          <Select
            label="Предмет"
            placeholder="Все предметы"
            searchable
            clearable
            data={(subjects.data ?? []).map((s) => ({
              value: s.subject,
              label: `${s.subject} (${s.count})`,
            }))}
            value={filters.subject ?? null}
            onChange={(v) => update({ subject: v })}
            nothingFoundMessage="Нет такого предмета"
          />
          <TextInput
            label="Должность"
            placeholder="например, учитель"
            value={filters.position ?? ''}
            onChange={(e) => update({ position: e.currentTarget.value || null })}
          />
          <RangeFilter label="Возраст, лет" from="ageFrom" to="ageTo" filters={filters} update={update} />
          <RangeFilter
            label="Педагогический стаж, лет"
            from="experienceFrom"
            to="experienceTo"
            filters={filters}
            update={update}
          />
          <Select
            label="Квалификационная категория"
            placeholder="Любая"
            clearable
            data={QUALIFICATION_CATEGORIES.map((c) => ({
              value: c,
              label: withCount(qualificationCategory.label[c], summary?.byCategory[c]),
            }))}
            value={filters.category ?? null}
            onChange={(v) => update({ category: v })}
          />
          <Select
            label="Прошли диагностику в году"
            placeholder="Не важно"
            clearable
            data={[0, 1, 2, 3].map((d) => {
              const year = String(thisYear - d);
              return {
                value: year,
                label: Number(year) === refYear ? withCount(year, summary?.diagnosedThisYear) : year,
              };
            })}
            value={filters.diagnosedYear ?? null}
            onChange={(v) => update({ diagnosedYear: v })}
          />
          <Divider />
          {FLAG_FILTERS.map(([name, label, countOf]) => (
            <FlagFilter
              key={name}
              name={name}
              label={label}
              count={summary?.[countOf]}
              filters={filters}
              update={update}
            />
          ))}
          <FlagFilter name="includeFormer" label="Включая уволившихся" filters={filters} update={update} />
        </Stack>
      </Collapse>
    </Paper>
  );
}
