import { Alert, Button, Group, Modal, Paper, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { Municipality } from '../api/types.ts';
import { useAuth } from '../auth/auth.tsx';
import { ErrorAlert, InfoRow, Loading, PageHeader } from '../components/common.tsx';
import { applyServerError, notifySaved } from '../lib/forms.ts';
import { FormActions } from '../components/FormActions.tsx';

export function MunicipalityPage() {
  const { hasRole } = useAuth();
  const [editing, setEditing] = useState<Municipality | null>(null);
  const query = useQuery({
    queryKey: ['municipalities'],
    queryFn: () => api.get<Municipality[]>('/api/municipalities'),
  });
  if (query.isLoading) return <Loading />;
  return (
    <>
      <PageHeader
        title="Муниципалитет"
        subtitle="Реквизиты отдела образования используются в письмах и справках"
      />
      <ErrorAlert error={query.error} />
      <Stack>
        {query.data?.map((m) => (
          <Paper withBorder p="lg" key={m.id}>
            <Group justify="space-between" mb="sm">
              <strong>{m.name}</strong>
              {hasRole('admin') && (
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPencil size={14} />}
                  onClick={() => setEditing(m)}
                >
                  Изменить реквизиты
                </Button>
              )}
            </Group>
            <Stack gap="xs">
              <InfoRow label="Регион">{m.regionName}</InfoRow>
              <InfoRow label="Орган управления образованием">{m.departmentName}</InfoRow>
              <InfoRow label="Адрес">{m.departmentAddress}</InfoRow>
              <InfoRow label="Телефон">{m.departmentPhone}</InfoRow>
              <InfoRow label="Электронная почта">{m.departmentEmail}</InfoRow>
              <InfoRow label="Реквизиты">{m.departmentRequisites}</InfoRow>
              <InfoRow label="Руководитель">
                {[m.headPosition, m.headName].filter(Boolean).join(' — ')}
              </InfoRow>
              <InfoRow label="Организаций">{m.organizationCount}</InfoRow>
            </Stack>
          </Paper>
        ))}
      </Stack>
      {editing && <MunicipalityForm municipality={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function MunicipalityForm({ municipality, onClose }: { municipality: Municipality; onClose(): void }) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      name: municipality.name,
      departmentName: municipality.departmentName,
      departmentAddress: municipality.departmentAddress ?? '',
      departmentPhone: municipality.departmentPhone ?? '',
      departmentEmail: municipality.departmentEmail ?? '',
      departmentRequisites: municipality.departmentRequisites ?? '',
      headName: municipality.headName ?? '',
      headPosition: municipality.headPosition ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.patch<Municipality>(`/api/municipalities/${municipality.id}`, {
        ...v,
        version: municipality.version,
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['municipalities'] });
      notifySaved('Реквизиты сохранены');
      onClose();
    },
    onError: (e) => setError(applyServerError(form, e)),
  });
  return (
    <Modal opened onClose={onClose} title="Реквизиты муниципалитета" size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          {error && <Alert color="red">{error}</Alert>}
          <TextInput label="Наименование муниципалитета" {...form.getInputProps('name')} />
          <Textarea
            label="Орган управления образованием"
            autosize
            {...form.getInputProps('departmentName')}
          />
          <TextInput label="Адрес" {...form.getInputProps('departmentAddress')} />
          <Group grow>
            <TextInput label="Телефон" {...form.getInputProps('departmentPhone')} />
            <TextInput label="Электронная почта" {...form.getInputProps('departmentEmail')} />
          </Group>
          <TextInput
            label="Реквизиты (ОКПО, ОГРН, ИНН/КПП)"
            {...form.getInputProps('departmentRequisites')}
          />
          <Group grow>
            <TextInput label="Должность руководителя" {...form.getInputProps('headPosition')} />
            <TextInput label="Руководитель (И.О. Фамилия)" {...form.getInputProps('headName')} />
          </Group>
          <FormActions onCancel={onClose} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
