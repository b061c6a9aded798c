import {
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatRuDate } from '../../../../core/dates.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { notifySaved, useFormSubmit } from '../../lib/forms.ts';
import type { Meeting, MeetingAttendance } from './api.ts';
import { RuDateInput } from './fields.tsx';
import { FormActions } from '../../components/FormActions.tsx';

interface MeetingValues {
  date: string | null;
  topic: string;
  plan: string;
  isHeld: boolean;
  notes: string;
}

/** Plans a meeting or edits one: date, topic, agenda; whether it took place and what was decided. */
export function MeetingModal({
  associationId,
  meeting,
  onClose,
  onSaved,
}: {
  associationId: number;
  meeting: Meeting | null;
  onClose(): void;
  onSaved(): void;
}) {
  const form = useForm<MeetingValues>({
    initialValues: {
      date: meeting?.date ?? null,
      topic: meeting?.topic ?? '',
      plan: meeting?.plan ?? '',
      isHeld: meeting?.isHeld ?? false,
      notes: meeting?.notes ?? '',
    },
    validate: {
      date: (v) => (v ? null : '«Дата»: обязательное поле'),
      topic: (v) => (v.trim().length >= 3 ? null : '«Тема»: не короче 3 символов'),
    },
  });
  const { submit, error, isSaving } = useFormSubmit(form, async (values) => {
    if (meeting)
      await api.patch(`/api/association-meetings/${meeting.id}`, { ...values, version: meeting.version });
    else await api.post(`/api/associations/${associationId}/meetings`, values);
    notifySaved(meeting ? 'Заседание сохранено' : 'Заседание добавлено в план');
    onSaved();
  });
  return (
    <Modal opened onClose={onClose} title={meeting ? 'Заседание' : 'Новое заседание'} size="lg">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack>
          {error && !Object.keys(form.errors).length && (
            <ErrorAlert error={new Error(error)} title="Не сохранено" />
          )}
          <RuDateInput
            label="Дата"
            withAsterisk
            value={form.values.date}
            onChange={(v) => form.setFieldValue('date', v)}
            error={form.errors.date}
          />
          <TextInput label="Тема" withAsterisk maxLength={500} {...form.getInputProps('topic')} />
          <Textarea
            label="План заседания"
            description="Вопросы, выступающие, форма проведения"
            autosize
            minRows={3}
            maxLength={4000}
            {...form.getInputProps('plan')}
          />
          <Checkbox label="Заседание состоялось" {...form.getInputProps('isHeld', { type: 'checkbox' })} />
          <Textarea
            label="Итоги и решения"
            autosize
            minRows={2}
            maxLength={4000}
            {...form.getInputProps('notes')}
          />
          <FormActions onCancel={onClose} loading={isSaving} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Who was present at a meeting: every member on its date, present or absent. Saving marks it held. */
export function AttendanceModal({
  meeting,
  canEdit,
  onClose,
  onSaved,
}: {
  meeting: Meeting;
  canEdit: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const query = useQuery({
    queryKey: ['meeting-attendance', meeting.id],
    queryFn: () => api.get<MeetingAttendance>(`/api/association-meetings/${meeting.id}/attendance`),
  });
  return (
    <Modal opened onClose={onClose} title={`Посещаемость: заседание ${formatRuDate(meeting.date)}`} size="xl">
      {query.isLoading ? (
        <Loading />
      ) : query.error || !query.data ? (
        <ErrorAlert error={query.error} />
      ) : (
        <AttendanceForm data={query.data} canEdit={canEdit} onClose={onClose} onSaved={onSaved} />
      )}
    </Modal>
  );
}

function AttendanceForm({
  data,
  canEdit,
  onClose,
  onSaved,
}: {
  data: MeetingAttendance;
  canEdit: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const [marks, setMarks] = useState<Record<number, boolean | null>>(() =>
    Object.fromEntries(data.entries.map((e) => [e.teacherId, e.isPresent])),
  );
  const [notes, setNotes] = useState(data.meeting.notes ?? '');
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      api.put(`/api/association-meetings/${data.meeting.id}/attendance`, {
        entries: Object.entries(marks)
          .filter(([, v]) => v !== null)
          .map(([teacherId, isPresent]) => ({ teacherId: Number(teacherId), isPresent })),
        notes,
        version: data.meeting.version,
      }),
    onSuccess: () => {
      notifySaved('Посещаемость сохранена');
      // The next opening reads the new version instead of the cached one (a second edit met a false 409).
      client.removeQueries({ queryKey: ['meeting-attendance', data.meeting.id] });
      onSaved();
    },
  });
  const values = Object.values(marks);
  const present = values.filter((v) => v === true).length;
  const unmarked = values.filter((v) => v === null).length;
  return (
    <Stack>
      <div>
        <Text fw={600}>{data.meeting.topic}</Text>
        <Text size="sm" c="dimmed">
          Участников на дату заседания: {data.entries.length} · присутствовали: {present}
          {unmarked ? ` · не отмечено: ${unmarked}` : ''}
        </Text>
      </div>
      {canEdit && (
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            onClick={() => setMarks(Object.fromEntries(data.entries.map((e) => [e.teacherId, true])))}
          >
            Все присутствовали
          </Button>
          <Button
            size="xs"
            variant="subtle"
            onClick={() =>
              setMarks((m) =>
                Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v === null ? false : v])),
              )
            }
          >
            Неотмеченных — отсутствовали
          </Button>
        </Group>
      )}
      <Table.ScrollContainer minWidth={520} mah={420}>
        <Table verticalSpacing={4} aria-label="Посещаемость заседания" stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Участник</Table.Th>
              <Table.Th>Организация</Table.Th>
              <Table.Th w={260}>Отметка</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.entries.map((e) => (
              <Table.Tr key={e.teacherId}>
                <Table.Td>{e.teacherName}</Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {e.organizationShortName ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SegmentedControl
                    size="xs"
                    disabled={!canEdit}
                    aria-label={`Отметка: ${e.teacherName}`}
                    data={[
                      { value: 'present', label: 'присутствовал' },
                      { value: 'absent', label: 'отсутствовал' },
                      { value: 'none', label: '—' },
                    ]}
                    value={
                      marks[e.teacherId] === true
                        ? 'present'
                        : marks[e.teacherId] === false
                          ? 'absent'
                          : 'none'
                    }
                    onChange={(v) =>
                      setMarks((m) => ({
                        ...m,
                        [e.teacherId]: v === 'present' ? true : v === 'absent' ? false : null,
                      }))
                    }
                    color={marks[e.teacherId] === false ? 'red' : 'teal'}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {canEdit && (
        <Textarea
          label="Итоги и решения"
          autosize
          minRows={2}
          maxLength={4000}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
      )}
      <ErrorAlert error={save.error} title="Не сохранено" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {canEdit ? 'Отмена' : 'Закрыть'}
        </Button>
        {canEdit && (
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            Сохранить посещаемость
          </Button>
        )}
      </Group>
    </Stack>
  );
}
