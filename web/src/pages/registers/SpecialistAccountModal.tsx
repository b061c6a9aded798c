import { Alert, Code, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Specialist } from '../../api/specialists.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { useFormSubmit } from '../../lib/forms.ts';

interface Created {
  login: string;
  password: string;
}

/**
 * The account a specialist logs in with («Специалист методической службы»: the routes it supervises and
 * nothing else). The server generates the password; it is shown here once.
 */
export function SpecialistAccountModal({
  specialist,
  onClose,
  onCreated,
}: {
  specialist: Specialist;
  onClose(): void;
  onCreated(): void;
}) {
  const [created, setCreated] = useState<Created | null>(null);
  const form = useForm({ initialValues: { login: '', email: specialist.email ?? '' } });
  const { submit, error, isSaving } = useFormSubmit(form, async (values) => {
    const result = await api.post<Created>(`/api/methodical-specialists/${specialist.id}/account`, {
      login: values.login,
      email: values.email.trim() || null,
    });
    setCreated(result);
    onCreated();
  });
  return (
    <Modal opened onClose={onClose} title={`Учётная запись: ${specialist.fullName}`} size="md">
      {created ? (
        <Stack>
          <Alert color="green" title="Учётная запись создана">
            <Text size="sm">
              Логин: <Code>{created.login}</Code>
            </Text>
            <Text size="sm">
              Пароль: <Code data-testid="specialist-password">{created.password}</Code>
            </Text>
          </Alert>
          <Text size="sm" c="dimmed">
            Пароль показывается один раз: передайте его специалисту — при первом входе он сменит его.
          </Text>
          <FormActions onCancel={onClose} onSubmit={onClose} submitLabel="Готово" />
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit(submit)} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              Роль «Специалист методической службы» открывает только маршруты, которые специалист сопровождает
              как куратор или тьютор.
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput label="Логин" withAsterisk {...form.getInputProps('login')} />
            <TextInput label="Электронная почта" {...form.getInputProps('email')} />
            <FormActions onCancel={onClose} loading={isSaving} submitLabel="Создать" />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
