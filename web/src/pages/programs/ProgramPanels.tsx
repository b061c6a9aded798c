import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ProgramParameters } from '../../../../core/indicators/period.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, InfoRow } from '../../components/common.tsx';
import { applyServerError, notifySaved } from '../../lib/forms.ts';
import type { Criterion, FormField, ProgramTree } from './api.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';
import { liveChangeWarning, LiveChangeModal } from './LiveChangeModal.tsx';

function useProgramSaver(programId: number) {
  const client = useQueryClient();
  return (tree: ProgramTree) => {
    client.setQueryData(['program', programId], tree);
    client.invalidateQueries({ queryKey: ['program-results', programId] });
    client.invalidateQueries({ queryKey: ['programs'] });
  };
}

export function CriterionModal({
  program,
  criterion,
  onClose,
}: {
  program: ProgramTree;
  criterion?: Criterion;
  onClose(): void;
}) {
  const saved = useProgramSaver(program.id);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      code: criterion?.code ?? String(program.criteria.length + 1),
      title: criterion?.title ?? '',
      goal: criterion?.goal ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      criterion
        ? api.patch<ProgramTree>(`/api/criteria/${criterion.id}`, { ...v, version: criterion.version })
        : api.post<ProgramTree>(`/api/programs/${program.id}/criteria`, {
            ...v,
            sortOrder: program.criteria.length,
          }),
    onSuccess: (tree) => {
      saved(tree);
      notifySaved('Критерий сохранён');
      onClose();
    },
    onError: (e) => setError(applyServerError(form, e)),
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={criterion ? `Критерий ${criterion.code}` : 'Новый критерий'}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <TextInput label="Код" w={120} {...form.getInputProps('code')} />
          <Textarea label="Критерий" autosize {...form.getInputProps('title')} />
          <Select label="Цель программы" clearable data={program.goals} {...form.getInputProps('goal')} />
          <FormActions onCancel={onClose} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

const REFERENCE_KINDS = [
  { value: 'nextJanuary', label: 'на 1 января следующего года' },
  { value: 'periodEnd', label: 'на последний день периода' },
  { value: 'fixed', label: 'на заданную дату' },
];

export function ParametersPanel({ program, canEdit }: { program: ProgramTree; canEdit: boolean }) {
  const saved = useProgramSaver(program.id);
  const [error, setError] = useState<string | null>(null);
  const p = program.parameters;
  const form = useForm({
    initialValues: {
      title: program.title,
      description: program.description ?? '',
      goals: program.goals.join('\n'),
      youngMaxAge: p.youngMaxAge,
      youngMaxExperience: p.youngMaxExperience,
      experienceThreshold: p.experienceThreshold,
      periodKind: p.periodKind,
      referenceKind: p.referenceDate.kind,
      month: p.referenceDate.kind === 'fixed' ? p.referenceDate.month : 1,
      day: p.referenceDate.kind === 'fixed' ? p.referenceDate.day : 1,
      yearOffset: p.referenceDate.kind === 'fixed' ? p.referenceDate.yearOffset : 0,
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const referenceDate: ProgramParameters['referenceDate'] =
        v.referenceKind === 'fixed'
          ? { kind: 'fixed', month: Number(v.month), day: Number(v.day), yearOffset: Number(v.yearOffset) }
          : { kind: v.referenceKind as 'nextJanuary' | 'periodEnd' };
      return api.patch<ProgramTree>(`/api/programs/${program.id}`, {
        title: v.title,
        description: v.description,
        goals: v.goals
          .split('\n')
          .map((g) => g.trim())
          .filter(Boolean),
        parameters: {
          youngMaxAge: Number(v.youngMaxAge),
          youngMaxExperience: Number(v.youngMaxExperience),
          experienceThreshold: Number(v.experienceThreshold),
          periodKind: v.periodKind,
          referenceDate,
        },
        version: program.version,
      });
    },
    onSuccess: (tree) => {
      saved(tree);
      form.resetDirty();
      notifySaved('Параметры программы сохранены');
    },
    onError: (e) => setError(applyServerError(form, e)),
  });
  if (!canEdit) {
    return (
      <Paper withBorder p="lg">
        <Stack gap="sm">
          <InfoRow label="Описание">{program.description}</InfoRow>
          <InfoRow label="Цели">
            <List size="sm">
              {program.goals.map((g) => (
                <List.Item key={g}>{g}</List.Item>
              ))}
            </List>
          </InfoRow>
          <InfoRow label="Молодой педагог">{`моложе ${p.youngMaxAge} лет и стаж менее ${p.youngMaxExperience} лет`}</InfoRow>
          <InfoRow label="Отчётный период">
            {p.periodKind === 'calendar' ? 'календарный год' : 'учебный год (1 сентября — 31 августа)'}
          </InfoRow>
          <InfoRow label="По состоянию">{program.referenceDateText}</InfoRow>
        </Stack>
      </Paper>
    );
  }
  return (
    <Paper withBorder p="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <TextInput label="Название программы" {...form.getInputProps('title')} />
          <Textarea label="Описание" autosize minRows={2} {...form.getInputProps('description')} />
          <Textarea label="Цели (по одной в строке)" autosize minRows={3} {...form.getInputProps('goals')} />
          <Text fw={600} size="sm" mt="sm">
            Параметры расчёта
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label="«Молодой педагог»: возраст менее, лет"
              min={18}
              max={60}
              {...form.getInputProps('youngMaxAge')}
            />
            <NumberInput
              label="«Молодой педагог»: стаж менее, лет"
              min={1}
              max={15}
              {...form.getInputProps('youngMaxExperience')}
            />
            <NumberInput
              label="Порог стажа для показателей, лет"
              min={1}
              max={40}
              {...form.getInputProps('experienceThreshold')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Отчётный период"
              data={[
                { value: 'calendar', label: 'календарный год' },
                { value: 'academic', label: 'учебный год (1 сентября — 31 августа)' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('periodKind')}
            />
            <Select
              label="Значения по состоянию"
              data={REFERENCE_KINDS}
              allowDeselect={false}
              {...form.getInputProps('referenceKind')}
            />
          </SimpleGrid>
          {form.values.referenceKind === 'fixed' && (
            <Group>
              <NumberInput label="День" min={1} max={31} w={100} {...form.getInputProps('day')} />
              <NumberInput label="Месяц" min={1} max={12} w={100} {...form.getInputProps('month')} />
              <Select
                label="Год"
                w={220}
                data={[
                  { value: '0', label: 'года окончания периода' },
                  { value: '1', label: 'следующего года' },
                ]}
                value={String(form.values.yearOffset)}
                onChange={(v) => form.setFieldValue('yearOffset', Number(v))}
                allowDeselect={false}
              />
            </Group>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

const FIELD_TYPES = [
  { value: 'integer', label: 'целое число' },
  { value: 'number', label: 'число' },
  { value: 'boolean', label: 'да / нет' },
  { value: 'text', label: 'текст' },
];

export function FormFieldsPanel({ program, canEdit }: { program: ProgramTree; canEdit: boolean }) {
  const client = useQueryClient();
  const [editing, setEditing] = useState<FormField | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/form-fields/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['program', program.id] }),
  });
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        То, чего нет в реестре, организации сообщают в форме мониторинга. В формулах поле доступно как{' '}
        <code>form("код")</code>.
      </Text>
      <ErrorAlert error={remove.error} />
      <Paper withBorder>
        <Table verticalSpacing={6} fz="sm" aria-label="Поля формы">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Код</Table.Th>
              <Table.Th>Поле</Table.Th>
              <Table.Th>Тип</Table.Th>
              <Table.Th>Правила</Table.Th>
              {canEdit && <Table.Th w={70} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {program.formFields.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td ff="monospace">{f.code}</Table.Td>
                <Table.Td>{f.label}</Table.Td>
                <Table.Td>{FIELD_TYPES.find((t) => t.value === f.type)?.label}</Table.Td>
                <Table.Td>
                  {[
                    f.isRequired && 'обязательное',
                    f.min !== null && `от ${f.min}`,
                    f.max !== null && `до ${f.max}`,
                    f.notGreaterThan && `≤ ${f.notGreaterThan}`,
                  ]
                    .filter(Boolean)
                    .join(', ') || '—'}
                </Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <EditDeleteIcons
                        onEdit={() => setEditing(f)}
                        onDelete={() => remove.mutate(f.id)}
                        editLabel={`Изменить поле ${f.code}`}
                        deleteLabel={`Удалить поле ${f.code}`}
                        tooltips={false}
                        iconSize={15}
                      />
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
            {!program.formFields.length && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text size="sm" c="dimmed" ta="center" py="sm">
                    Все показатели программы считаются по реестру: полей формы нет.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>
      {canEdit && (
        <Button
          variant="default"
          leftSection={<IconPlus size={14} />}
          onClick={() => setEditing('new')}
          w="fit-content"
        >
          Добавить поле
        </Button>
      )}
      {editing && (
        <FormFieldModal
          program={program}
          field={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function FormFieldModal({
  program,
  field,
  onClose,
}: {
  program: ProgramTree;
  field?: FormField;
  onClose(): void;
}) {
  const saved = useProgramSaver(program.id);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      code: field?.code ?? '',
      label: field?.label ?? '',
      type: field?.type ?? 'integer',
      unit: field?.unit ?? '',
      hint: field?.hint ?? '',
      isRequired: field?.isRequired ?? true,
      min: field?.min ?? ('' as number | ''),
      max: field?.max ?? ('' as number | ''),
      notGreaterThan: field?.notGreaterThan ?? null,
    },
  });
  // A new or newly required field of a program whose campaign runs: the server asks to confirm.
  const [warning, setWarning] = useState<{ message: string; values: typeof form.values } | null>(null);
  const save = useMutation({
    mutationFn: ({ v, confirm }: { v: typeof form.values; confirm?: boolean }) => {
      const body = {
        ...v,
        min: v.min === '' ? null : v.min,
        max: v.max === '' ? null : v.max,
        ...(confirm ? { confirmRunningCampaign: true } : {}),
      };
      return field
        ? api.patch<ProgramTree>(`/api/form-fields/${field.id}`, { ...body, version: field.version })
        : api.post<ProgramTree>(`/api/programs/${program.id}/form-fields`, body);
    },
    onSuccess: (tree) => {
      saved(tree);
      notifySaved('Поле формы сохранено');
      onClose();
    },
    onError: (e, { v }) => {
      const message = liveChangeWarning(e);
      if (message) setWarning({ message, values: v });
      else setError(applyServerError(form, e));
    },
  });
  return (
    <Modal opened onClose={onClose} title={field ? `Поле ${field.code}` : 'Новое поле формы'} size="lg">
      <LiveChangeModal
        warning={warning?.message ?? null}
        loading={save.isPending}
        onConfirm={() => warning && save.mutate({ v: warning.values, confirm: true })}
        onClose={() => setWarning(null)}
      />
      <form onSubmit={form.onSubmit((v) => save.mutate({ v }))}>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <SimpleGrid cols={2}>
            <TextInput
              label="Код"
              description="латиница, например young_covered"
              {...form.getInputProps('code')}
            />
            <Select label="Тип" data={FIELD_TYPES} allowDeselect={false} {...form.getInputProps('type')} />
          </SimpleGrid>
          <Textarea label="Подпись" autosize {...form.getInputProps('label')} />
          <SimpleGrid cols={3}>
            <TextInput label="Единица" {...form.getInputProps('unit')} />
            <NumberInput label="Не меньше" decimalSeparator="," {...form.getInputProps('min')} />
            <NumberInput label="Не больше" decimalSeparator="," {...form.getInputProps('max')} />
          </SimpleGrid>
          <Select
            label="Не больше значения поля"
            clearable
            data={program.formFields
              .filter((f) => f.code !== form.values.code)
              .map((f) => ({ value: f.code, label: `${f.code} — ${f.label}` }))}
            {...form.getInputProps('notGreaterThan')}
          />
          <TextInput label="Подсказка" {...form.getInputProps('hint')} />
          <Checkbox label="Обязательное" {...form.getInputProps('isRequired', { type: 'checkbox' })} />
          <FormActions onCancel={onClose} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
