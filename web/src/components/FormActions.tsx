import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The footer of a form: «Отмена» leaves it, the main button sends it — as the form's submit, or by
 * `onSubmit` where the values are not in a <form>.
 */
export function FormActions({
  onCancel,
  onSubmit,
  loading,
  disabled,
  submitLabel = 'Сохранить',
}: {
  onCancel: () => void;
  onSubmit?: () => void;
  loading?: boolean;
  disabled?: boolean;
  submitLabel?: ReactNode;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Отмена
      </Button>
      <Button type={onSubmit ? 'button' : 'submit'} loading={loading} disabled={disabled} onClick={onSubmit}>
        {submitLabel}
      </Button>
    </Group>
  );
}
