import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLES, role as roleLabels, type Role } from '../../../../core/enums.ts';
import { api, ApiError } from '../../api/client.ts';
import type { Municipality, Organization, User } from '../../api/types.ts';
import { applyServerError, notifySaved } from '../../lib/forms.ts';
import { PasswordShownOnce } from './PasswordShownOnce.tsx';
import { FormActions } from '../../components/FormActions.tsx';

interface GrantValue {
  role: Role;
  scopeId: string | null;
  /** A regional coordinator's access to teachers' personal data (a global admin grants it). */
  personalData: boolean;
}

interface Values {
  login: string;
  fullName: string;
  email: string;
  isActive: boolean;
  roles: GrantValue[];
}

const SCOPE_OF: Record<
  Role,
  'municipality' | 'organization' | 'association' | 'optional-municipality' | 'region'
> = {
  admin: 'optional-municipality',
  coordinator: 'municipality',
  org_manager: 'organization',
  teacher: 'organization',
  association_leader: 'association',
  specialist: 'municipality',
  regional_coordinator: 'region',
};

function toGrant(g: GrantValue) {
  const id = g.scopeId ? Number(g.scopeId) : null;
  const scope = SCOPE_OF[g.role];
  return {
    role: g.role,
    municipalityId: scope === 'municipality' || scope === 'optional-municipality' ? id : null,
    organizationId: scope === 'organization' ? id : null,
    associationId: scope === 'association' ? id : null,
    regionId: scope === 'region' ? id : null,
    personalData: scope === 'region' ? g.personalData : false,
  };
}

export function UserFormModal({ user, onClose }: { user?: User; onClose(): void }) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ login: string; password: string } | null>(null);
  const municipalities = useQuery({
    queryKey: ['municipalities'],
    queryFn: () => api.get<Municipality[]>('/api/municipalities'),
  });
  const organizations = useQuery({
    queryKey: ['organizations', 'all'],
    queryFn: () => api.list<Organization>('/api/organizations', { pageSize: 1000 }),
  });
  const associations = useQuery({
    queryKey: ['associations', 'all'],
    queryFn: async () => {
      try {
        return await api.get<{ id: number; name: string }[]>('/api/associations', { pageSize: 1000 });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return [];
        throw e;
      }
    },
  });
  const form = useForm<Values>({
    initialValues: {
      login: user?.login ?? '',
      fullName: user?.fullName ?? '',
      email: user?.email ?? '',
      isActive: user?.isActive ?? true,
      roles: user?.roles.map((g) => ({
        role: g.role,
        scopeId: String(g.organizationId ?? g.associationId ?? g.municipalityId ?? g.regionId ?? '') || null,
        personalData: g.personalData ?? false,
      })) ?? [{ role: 'org_manager', scopeId: null, personalData: false }],
    },
    validate: {
      login: (v) =>
        !user && !/^[a-z0-9._-]{3,64}$/.test(v.trim().toLowerCase())
          ? 'От 3 до 64 латинских букв, цифр, точек, дефисов'
          : null,
      fullName: (v) => (v.trim().length < 3 ? 'Укажите ФИО' : null),
      roles: {
        scopeId: (v, values, path) => {
          const index = Number(path.split('.')[1]);
          const scope = SCOPE_OF[values.roles[index].role];
          return !v && scope !== 'optional-municipality' ? 'Укажите, к чему относится роль' : null;
        },
      },
    },
  });

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = { fullName: v.fullName, email: v.email, roles: v.roles.map(toGrant) };
      if (user)
        return {
          user: await api.patch<User>(`/api/users/${user.id}`, {
            ...body,
            isActive: v.isActive,
            version: user.version,
          }),
          password: null,
        };
      return api.post<{ user: User; password: string | null }>('/api/users', {
        ...body,
        login: v.login.trim().toLowerCase(),
      });
    },
    onSuccess: (result) => {
      client.invalidateQueries({ queryKey: ['users'] });
      if (result.password) setCreated({ login: result.user.login, password: result.password });
      else {
        notifySaved(user ? 'Пользователь сохранён' : 'Пользователь создан');
        onClose();
      }
    },
    onError: (e) => setError(applyServerError(form, e)),
  });

  if (created) return <PasswordShownOnce {...created} onClose={onClose} />;

  const scopeData = (role: Role) => {
    const scope = SCOPE_OF[role];
    if (scope === 'organization')
      return (organizations.data?.items ?? []).map((o) => ({ value: String(o.id), label: o.shortName }));
    if (scope === 'association')
      return (associations.data ?? []).map((a) => ({ value: String(a.id), label: a.name }));
    if (scope === 'region') {
      const regions = new Map((municipalities.data ?? []).map((m) => [m.regionId, m.regionName]));
      return [...regions].map(([id, name]) => ({ value: String(id), label: name }));
    }
    return (municipalities.data ?? []).map((m) => ({ value: String(m.id), label: m.name }));
  };
  const scopeLabel = (role: Role) =>
    ({
      organization: 'Организация',
      association: 'Методическое объединение',
      municipality: 'Муниципалитет',
      'optional-municipality': 'Муниципалитет (пусто — вся система)',
      region: 'Регион',
    })[SCOPE_OF[role]];

  return (
    <Modal
      opened
      onClose={onClose}
      title={user ? `Пользователь ${user.login}` : 'Новый пользователь'}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {!user && (
            <TextInput
              label="Логин"
              required
              description="Латинские буквы, цифры, точки и дефисы"
              {...form.getInputProps('login')}
            />
          )}
          <TextInput label="ФИО" required {...form.getInputProps('fullName')} />
          <TextInput
            label="Электронная почта"
            description="Для напоминаний о сроках мониторинга"
            {...form.getInputProps('email')}
          />
          {user && (
            <Checkbox
              label="Учётная запись действует"
              {...form.getInputProps('isActive', { type: 'checkbox' })}
            />
          )}
          <Text fw={500} size="sm">
            Роли
          </Text>
          {form.values.roles.map((g, index) => (
            <Paper key={index} withBorder p="sm">
              <Group align="flex-end" wrap="nowrap">
                <Select
                  label="Роль"
                  data={ROLES.map((r) => ({ value: r, label: roleLabels.label[r] }))}
                  allowDeselect={false}
                  w={230}
                  {...form.getInputProps(`roles.${index}.role`)}
                  onChange={(v) => {
                    form.setFieldValue(`roles.${index}.role`, v as Role);
                    form.setFieldValue(`roles.${index}.scopeId`, null);
                  }}
                />
                <Select
                  label={scopeLabel(g.role)}
                  data={scopeData(g.role)}
                  searchable
                  clearable
                  style={{ flex: 1 }}
                  nothingFoundMessage="Ничего не найдено"
                  {...form.getInputProps(`roles.${index}.scopeId`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mb={4}
                  aria-label="Удалить роль"
                  disabled={form.values.roles.length === 1}
                  onClick={() => form.removeListItem('roles', index)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              {SCOPE_OF[g.role] === 'region' && (
                <Checkbox
                  mt="xs"
                  label="Доступ к персональным данным педагогов (карточки, списки, СНИЛС)"
                  description="Без него координатор видит только сводные показатели муниципалитетов"
                  {...form.getInputProps(`roles.${index}.personalData`, { type: 'checkbox' })}
                />
              )}
            </Paper>
          ))}
          <Button
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              form.insertListItem('roles', { role: 'org_manager', scopeId: null, personalData: false })
            }
            w="fit-content"
          >
            Добавить роль
          </Button>
          {!user && (
            <Text size="xs" c="dimmed">
              Пароль будет сгенерирован и показан один раз после сохранения.
            </Text>
          )}
          <FormActions onCancel={onClose} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
