import { Alert, Modal, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { applyServerError, notifySaved } from '../../lib/forms.ts';
import { FormActions } from '../../components/FormActions.tsx';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: {
      currentPassword: (v) => (!v ? 'Введите текущий пароль' : null),
      newPassword: (v) => (v.length < 8 ? 'Не короче 8 символов' : null),
      repeat: (v, values) => (v !== values.newPassword ? 'Пароли не совпадают' : null),
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.post('/api/auth/change-password', {
        currentPassword: v.currentPassword,
        newPassword: v.newPassword,
      }),
    onSuccess: () => {
      notifySaved('Пароль изменён');
      form.reset();
      onClose();
    },
    onError: (e) => setError(applyServerError(form, e)),
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Смена пароля">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <PasswordInput
            label="Текущий пароль"
            autoComplete="current-password"
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label="Новый пароль"
            autoComplete="new-password"
            description="Не короче 8 символов"
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label="Повторите новый пароль"
            autoComplete="new-password"
            {...form.getInputProps('repeat')}
          />
          <FormActions onCancel={onClose} loading={save.isPending} submitLabel="Сменить пароль" />
        </Stack>
      </form>
    </Modal>
  );
}
