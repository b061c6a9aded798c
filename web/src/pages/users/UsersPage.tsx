import { Button, Group, Paper, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { ROLES, role as roleLabels, type Role } from '../../../../core/enums.ts';
import { PageHeader } from '../../components/common.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { UsersTable } from './UsersTable.tsx';

export function UsersPage() {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [role, setRole] = useState<Role | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Пользователи"
        subtitle="Учётные записи, роли и области их действия"
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            Добавить пользователя
          </Button>
        }
      />
      <Paper withBorder p="md" mb="md">
        <Group>
          <TextInput
            label="Поиск"
            placeholder="ФИО, логин или почта"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={320}
          />
          <Select
            label="Роль"
            placeholder="Все роли"
            clearable
            data={ROLES.map((r) => ({ value: r, label: roleLabels.label[r] }))}
            value={role}
            onChange={(v) => setRole(v as Role | null)}
            w={260}
          />
        </Group>
      </Paper>
      <UsersTable q={q} role={role} />
      {creating && <UserFormModal onClose={() => setCreating(false)} />}
    </>
  );
}
