import { Alert, Button, Divider, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { positionKind, teacherKind } from '../../../../core/registry/kinds.ts';
import { ApiError, api } from '../../api/client.ts';
import { applyServerError, notifySaved } from '../../lib/forms.ts';
import { isAttachRequest, type AttachRequest, type TeacherCard } from './api.ts';
import { isFieldError } from './records/RecordForm.tsx';
import { RecordFields } from './records/RecordFields.tsx';
import { toFormValues, toPayload, type FormValues } from './records/record-values.ts';
import { FormActions } from '../../components/FormActions.tsx';

interface Values {
  [key: string]: unknown;
  position: FormValues;
}

const POSITION_FIELDS = ['organizationId', 'title', 'isMainJob', 'rate', 'startDate'];

interface Duplicate {
  message: string;
  snils: string;
  position: Record<string, unknown>;
}

/** A new teacher with its first position; a known СНИЛС offers to add the position to that teacher instead. */
export function TeacherCreateModal({
  organizationId,
  onClose,
}: {
  organizationId?: number;
  onClose(): void;
}) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const [isSaving, setSaving] = useState(false);
  const form = useForm<Values>({
    initialValues: {
      ...toFormValues(teacherKind, null, { qualificationCategory: 'none' }),
      position: toFormValues(positionKind, null, { organizationId, isMainJob: true, rate: 1 }),
    },
  });

  const done = (card: TeacherCard, message: string) => {
    client.invalidateQueries({ queryKey: ['teachers'] });
    client.invalidateQueries({ queryKey: ['teachers-summary'] });
    notifySaved(message);
    onClose();
    navigate(`/teachers/${card.id}`);
  };

  const submit = async (values: Values) => {
    setError(null);
    setDuplicate(null);
    const teacher = toPayload(teacherKind, values as FormValues);
    const position = toPayload(positionKind, values.position);
    const errors = {
      ...teacher.errors,
      ...Object.fromEntries(Object.entries(position.errors).map(([k, v]) => [`position.${k}`, v])),
    };
    if (Object.keys(errors).length) {
      form.setErrors(errors);
      return;
    }
    setSaving(true);
    try {
      const card = await api.post<TeacherCard>('/api/teachers', {
        ...teacher.payload,
        position: position.payload,
      });
      done(card, 'Педагог добавлен в реестр');
    } catch (e) {
      const details = e instanceof ApiError ? (e.details as { canAttach?: boolean } | null) : null;
      if (e instanceof ApiError && e.status === 409 && details?.canAttach) {
        setDuplicate({
          message: e.message,
          snils: String(teacher.payload.snils),
          position: position.payload,
        });
      } else {
        const message = applyServerError(form, e);
        if (!isFieldError(e)) setError(message);
      }
    } finally {
      setSaving(false);
    }
  };

  const attach = async () => {
    if (!duplicate) return;
    setSaving(true);
    try {
      const answer = await api.post<TeacherCard | AttachRequest>('/api/teachers/attach', {
        snils: duplicate.snils,
        position: duplicate.position,
      });
      if (isAttachRequest(answer)) {
        // The teacher works in another organization: its head or the coordinator confirms first.
        client.invalidateQueries({ queryKey: ['attach-requests'] });
        notifySaved(
          `Запрос отправлен: должность будет добавлена педагогу ${answer.teacherName}, когда его организация или координатор подтвердит запрос`,
        );
        onClose();
        navigate('/teachers/attach-requests');
      } else done(answer, 'Должность добавлена педагогу, который уже был в реестре');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Не удалось добавить должность.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title="Новый педагог" size="xl">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {duplicate && (
            <Alert color="orange" title="Такой педагог уже есть в реестре" role="alert">
              <Stack gap="sm">
                <Text size="sm">{duplicate.message}</Text>
                <Group>
                  <Button size="xs" color="orange" onClick={attach} loading={isSaving}>
                    Добавить должность существующему педагогу
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          <RecordFields kind={teacherKind} form={form} />
          <Divider />
          <Title order={5}>Первая должность</Title>
          <RecordFields kind={positionKind} form={form} prefix="position." only={POSITION_FIELDS} />
          <FormActions onCancel={onClose} loading={isSaving} submitLabel="Добавить педагога" />
        </Stack>
      </form>
    </Modal>
  );
}
