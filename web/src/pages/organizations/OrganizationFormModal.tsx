import { Alert, Checkbox, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ORGANIZATION_KINDS, organizationKind, type OrganizationKind } from '../../../../core/enums.ts';
import { api } from '../../api/client.ts';
import type { Municipality, Organization } from '../../api/types.ts';
import { applyServerError, notifySaved } from '../../lib/forms.ts';
import { FormActions } from '../../components/FormActions.tsx';

interface Values {
  municipalityId: string | null;
  name: string;
  shortName: string;
  kind: OrganizationKind;
  isLowResults: boolean;
  isHardSocialConditions: boolean;
  inn: string;
  address: string;
  headName: string;
  phone: string;
  email: string;
  website: string;
  responsibleName: string;
  responsiblePhone: string;
}

/** Create an organization, or edit one (an org_manager edits only its contacts). */
export function OrganizationFormModal({
  organization,
  contactsOnly = false,
  onClose,
}: {
  organization?: Organization;
  contactsOnly?: boolean;
  onClose(): void;
}) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const municipalities = useQuery({
    queryKey: ['municipalities'],
    queryFn: () => api.get<Municipality[]>('/api/municipalities'),
    enabled: !organization,
  });
  const form = useForm<Values>({
    initialValues: {
      municipalityId: organization ? String(organization.municipalityId) : null,
      name: organization?.name ?? '',
      shortName: organization?.shortName ?? '',
      kind: organization?.kind ?? 'school',
      isLowResults: organization?.isLowResults ?? false,
      isHardSocialConditions: organization?.isHardSocialConditions ?? false,
      inn: organization?.inn ?? '',
      address: organization?.address ?? '',
      headName: organization?.headName ?? '',
      phone: organization?.phone ?? '',
      email: organization?.email ?? '',
      website: organization?.website ?? '',
      responsibleName: organization?.responsibleName ?? '',
      responsiblePhone: organization?.responsiblePhone ?? '',
    },
    validate: {
      municipalityId: (v) =>
        !organization && !v && (municipalities.data?.length ?? 0) > 1 ? 'Выберите муниципалитет' : null,
      name: (v) => (v.trim().length < 3 ? 'Укажите полное наименование' : null),
      shortName: (v) => (v.trim().length < 2 ? 'Укажите краткое наименование' : null),
      inn: (v) => (v && !/^\d{10}$/.test(v.trim()) ? 'ИНН организации — 10 цифр' : null),
      email: (v) => (v && !/^\S+@\S+\.\S+$/.test(v.trim()) ? 'Некорректный адрес электронной почты' : null),
    },
  });

  const save = useMutation({
    mutationFn: async (values: Values) => {
      const contacts = {
        address: values.address,
        headName: values.headName,
        phone: values.phone,
        email: values.email,
        website: values.website,
        responsibleName: values.responsibleName,
        responsiblePhone: values.responsiblePhone,
      };
      const full = {
        ...contacts,
        name: values.name,
        shortName: values.shortName,
        kind: values.kind,
        isLowResults: values.isLowResults,
        isHardSocialConditions: values.isHardSocialConditions,
        inn: values.inn,
      };
      if (organization) {
        return api.patch<Organization>(`/api/organizations/${organization.id}`, {
          ...(contactsOnly ? contacts : full),
          version: organization.version,
        });
      }
      const municipalityId = Number(values.municipalityId ?? municipalities.data?.[0]?.id);
      return api.post<Organization>('/api/organizations', { ...full, municipalityId });
    },
    onSuccess: (saved) => {
      client.invalidateQueries({ queryKey: ['organizations'] });
      client.setQueryData(['organization', saved.id], saved);
      notifySaved(organization ? 'Сведения об организации сохранены' : 'Организация добавлена');
      onClose();
      if (!organization) navigate(`/organizations/${saved.id}`);
    },
    onError: (e) => setError(applyServerError(form, e)),
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={organization ? 'Сведения об организации' : 'Новая организация'}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {!organization && (municipalities.data?.length ?? 0) > 1 && (
            <Select
              label="Муниципалитет"
              required
              data={municipalities.data!.map((m) => ({ value: String(m.id), label: m.name }))}
              {...form.getInputProps('municipalityId')}
            />
          )}
          {!contactsOnly && (
            <>
              <TextInput label="Полное наименование" required {...form.getInputProps('name')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Краткое наименование" required {...form.getInputProps('shortName')} />
                <Select
                  label="Тип"
                  data={ORGANIZATION_KINDS.map((k) => ({ value: k, label: organizationKind.label[k] }))}
                  allowDeselect={false}
                  {...form.getInputProps('kind')}
                />
              </SimpleGrid>
              <Group>
                <Checkbox
                  label="ШНОР — школа с низкими образовательными результатами"
                  {...form.getInputProps('isLowResults', { type: 'checkbox' })}
                />
                <Checkbox
                  label="ШССУ — школа в сложных социальных условиях"
                  {...form.getInputProps('isHardSocialConditions', { type: 'checkbox' })}
                />
              </Group>
              <TextInput label="ИНН" {...form.getInputProps('inn')} w={200} />
            </>
          )}
          <TextInput label="Адрес" {...form.getInputProps('address')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Руководитель" placeholder="Фамилия И.О." {...form.getInputProps('headName')} />
            <TextInput label="Телефон" {...form.getInputProps('phone')} />
            <TextInput label="Электронная почта" {...form.getInputProps('email')} />
            <TextInput label="Сайт" {...form.getInputProps('website')} />
            <TextInput
              label="Ответственный за мониторинг"
              placeholder="Фамилия Имя Отчество"
              {...form.getInputProps('responsibleName')}
            />
            <TextInput label="Телефон ответственного" {...form.getInputProps('responsiblePhone')} />
          </SimpleGrid>
          <FormActions onCancel={onClose} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
