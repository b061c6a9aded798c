import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
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

export function notifySaved(message = 'Изменения сохранены') {
  notifications.show({ color: 'green', message });
}
