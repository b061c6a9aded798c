import {
  ActionIcon,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { formatRuDate } from '../../lib/format.ts';
import { RuDateInput } from '../journeys/fields.tsx';
import { useOrganizationOptions, type RegisterEvent } from '../registers/api.ts';
import { useRecordSave } from './edited-records.tsx';
import type { Partnership } from './groups-api.ts';

interface PlanRow {
  title: string;
  dueDate: string | null;
  doneDate: string | null;
}

/** Add or edit a partnership: the pair of schools, its period, the plan, its events and outcomes. */
export function PartnershipForm({
  record: p,
  onClose,
  onSaved,
}: {
  record: Partnership | null;
  onClose(): void;
  onSaved(p: Partnership): void;
}) {
  const organizations = useOrganizationOptions();
  const events = useQuery({
    queryKey: ['events', 'options'],
    queryFn: () => api.list<RegisterEvent>('/api/events', { pageSize: 1000 }),
  });
  const [strong, setStrong] = useState<string | null>(p ? String(p.strongOrganization.id) : null);
  const [weak, setWeak] = useState<string | null>(p ? String(p.weakOrganization.id) : null);
  const [title, setTitle] = useState(p?.title ?? '');
  const [startDate, setStartDate] = useState<string | null>(p?.startDate ?? null);
  const [endDate, setEndDate] = useState<string | null>(p?.endDate ?? null);
  const [plan, setPlan] = useState<PlanRow[]>(p?.plan.map(({ state: _state, ...item }) => item) ?? []);
  const [outcomes, setOutcomes] = useState(p?.outcomes ?? '');
  const [eventIds, setEventIds] = useState<string[]>(p?.events.map((e) => String(e.id)) ?? []);
  const { save: saveRecord, error, isSaving } = useRecordSave('/api/school-partnerships', p, onSaved);
  const schools = (organizations.data ?? [])
    .filter((o) => o.kind === 'school')
    .map((o) => ({ value: String(o.id), label: o.isLowResults ? `${o.shortName} (ШНОР)` : o.shortName }));
  const eventOptions = [
    ...(p?.events ?? []).map((e) => ({ value: String(e.id), label: `${e.title}, ${formatRuDate(e.date)}` })),
    ...(events.data?.items ?? []).map((e) => ({
      value: String(e.id),
      label: `${e.title}, ${formatRuDate(e.date)}`,
    })),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);
  const setItem = (index: number, patch: Partial<PlanRow>) =>
    setPlan((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const save = () =>
    saveRecord({
      strongOrganizationId: strong ? Number(strong) : undefined,
      weakOrganizationId: weak ? Number(weak) : undefined,
      title,
      startDate: startDate ?? undefined,
      endDate,
      plan: plan.map((item) => ({ ...item, dueDate: item.dueDate ?? undefined })),
      outcomes,
      eventIds: eventIds.map(Number),
    });

  return (
    <Modal opened onClose={onClose} title={p ? 'Изменить партнёрство' : 'Новое партнёрство школ'} size="xl">
      <Stack gap="sm">
        <TextInput
          label="Название"
          placeholder="Например, «Сетевое взаимодействие СОШ № 1 и СОШ № 4: математика»"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
        />
        <Group grow align="flex-start">
          <Select
            label="Школа-партнёр"
            description="Школа, которая оказывает поддержку"
            data={schools}
            value={strong}
            onChange={setStrong}
            searchable
            required
          />
          <Select
            label="Школа с низкими результатами"
            description="Школа, которую поддерживают"
            data={schools}
            value={weak}
            onChange={setWeak}
            searchable
            required
          />
        </Group>
        <Group grow>
          <RuDateInput label="Дата начала" value={startDate} onChange={setStartDate} required />
          <RuDateInput label="Дата окончания" value={endDate} onChange={setEndDate} clearable />
        </Group>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            План
          </Text>
          {plan.map((item, i) => (
            <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label={i === 0 ? 'Пункт плана' : undefined}
                aria-label={`Пункт плана ${i + 1}`}
                value={item.title}
                onChange={(e) => setItem(i, { title: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <RuDateInput
                label={i === 0 ? 'Срок' : undefined}
                aria-label={`Срок пункта ${i + 1}`}
                value={item.dueDate}
                onChange={(v) => setItem(i, { dueDate: v })}
                w={140}
              />
              <RuDateInput
                label={i === 0 ? 'Выполнено' : undefined}
                aria-label={`Дата выполнения пункта ${i + 1}`}
                value={item.doneDate}
                onChange={(v) => setItem(i, { doneDate: v })}
                clearable
                w={140}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Удалить пункт плана ${i + 1}`}
                onClick={() => setPlan((rows) => rows.filter((_, j) => j !== i))}
                mb={4}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setPlan((rows) => [...rows, { title: '', dueDate: null, doneDate: null }])}
            >
              Добавить пункт
            </Button>
          </Group>
        </Stack>
        <MultiSelect
          label="Мероприятия партнёрства"
          placeholder="Открытые уроки, семинары, стажировки из реестра мероприятий"
          data={eventOptions}
          value={eventIds}
          onChange={setEventIds}
          searchable
          clearable
        />
        <Textarea
          label="Результаты"
          value={outcomes}
          onChange={(e) => setOutcomes(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <ErrorAlert error={error} title="Партнёрство не сохранено" />
        <FormActions onCancel={onClose} onSubmit={() => void save()} loading={isSaving} />
      </Stack>
    </Modal>
  );
}
