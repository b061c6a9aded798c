import { Alert, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { RecordKind } from '../../../../../core/registry/fields.ts';
import { ApiError } from '../../../api/client.ts';
import { applyServerError } from '../../../lib/forms.ts';
import { RecordFields, type FieldRenderer } from './RecordFields.tsx';
import { toFormValues, toPayload, type FormValues } from './record-values.ts';
import { FormActions } from '../../../components/FormActions.tsx';

/** Whether the server named the field(s) at fault, so the message is already under them. */
export const isFieldError = (error: unknown) => {
  const details =
    error instanceof ApiError ? (error.details as { field?: string; issues?: unknown[] }) : null;
  return Boolean(details?.field || details?.issues?.length);
};

/**
 * The form of any record kind: inputs from the field definitions, the same validation rules as the server
 * (core/registry), server errors under their fields.
 */
export function RecordForm({
  kind,
  record,
  defaults,
  only,
  renderField,
  submitLabel = 'Сохранить',
  onSubmit,
  onCancel,
}: {
  kind: RecordKind;
  record?: Record<string, unknown> | null;
  defaults?: Record<string, unknown>;
  only?: string[];
  renderField?: FieldRenderer;
  submitLabel?: string;
  onSubmit(payload: Record<string, unknown>): Promise<unknown>;
  onCancel(): void;
}) {
  const form = useForm<FormValues>({ initialValues: toFormValues(kind, record, defaults) });
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);

  const submit = async (values: FormValues) => {
    setError(null);
    const { payload, errors } = toPayload(kind, values);
    if (Object.keys(errors).length) {
      form.setErrors(errors);
      return;
    }
    setSaving(true);
    try {
      await onSubmit(payload);
    } catch (e) {
      const message = applyServerError(form, e);
      if (!isFieldError(e)) setError(message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <RecordFields kind={kind} form={form} only={only} renderField={renderField} />
        <FormActions onCancel={onCancel} loading={isSaving} submitLabel={submitLabel} />
      </Stack>
    </form>
  );
}
