import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

/** The footer of a form: «Отмена» leaves it, the submit button sends it. */
export function FormActions({
  onCancel,
  loading,
  submitLabel = 'Сохранить',
}: {
  onCancel: () => void;
  loading?: boolean;
  submitLabel?: ReactNode;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Отмена
      </Button>
      <Button type="submit" loading={loading}>
        {submitLabel}
      </Button>
    </Group>
  );
}
