import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ApiError } from '../api/client.ts';

/**
 * Shows a server error on the form: a field named in `details.field` gets the message under it; anything
 * else becomes a notification. Returns the message for an alert.
 */
export function applyServerError<T>(form: UseFormReturnType<T>, error: unknown): string {
  const message = error instanceof ApiError ? error.message : 'Не удалось сохранить. Повторите попытку.';
  const details =
    error instanceof ApiError
      ? (error.details as { field?: string; issues?: { path: string; message: string }[] } | null)
      : null;
  if (details?.field) form.setFieldError(details.field, message);
  for (const issue of details?.issues ?? []) if (issue.path) form.setFieldError(issue.path, issue.message);
  return message;
}

/**
 * The submit of a form that sends its values to the server: while it runs `isSaving` is set, and a failure
 * is shown on the form (see applyServerError) with its message in `error`.
 */
export function useFormSubmit<T>(form: UseFormReturnType<T>, send: (values: T) => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const submit = async (values: T) => {
    setError(null);
    setSaving(true);
    try {
      await send(values);
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      setSaving(false);
    }
  };
  return { submit, error, isSaving };
}

export function notifySaved(message = 'Изменения сохранены') {
  notifications.show({ color: 'green', message });
}
