import { Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconExternalLink, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { TEACHER_FORMS, countOf } from '../../../../core/format.ts';
import type { Organization } from '../../api/types.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { TeacherCreateModal } from './TeacherCreateModal.tsx';
import { TeachersTable } from './TeachersTable.tsx';
import { useTeacherSearch } from './TeachersPage.tsx';

const PAGE_SIZE = 20;

/** «Педагоги» of an organization card: the search table with the organization fixed. */
export function OrganizationTeachersTab({
  organization,
  canEdit,
}: {
  organization: Organization;
  canEdit: boolean;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [includeFormer, setIncludeFormer] = useState(false);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const filters = {
    organizationId: String(organization.id),
    ...(q ? { q } : {}),
    ...(includeFormer ? { includeFormer: 'true' } : {}),
  };
  const { list, summary } = useTeacherSearch(filters, page, 'name', PAGE_SIZE);
  const total = list.data?.total ?? 0;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end">
          <TextInput
            label="Поиск"
            placeholder="ФИО или СНИЛС"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={300}
          />
          <Checkbox
            label="Включая уволившихся"
            checked={includeFormer}
            onChange={(e) => {
              setIncludeFormer(e.currentTarget.checked);
              setPage(1);
            }}
            mb={8}
          />
        </Group>
        <Group>
          <Button
            component={Link}
            to={`/teachers?organizationId=${organization.id}`}
            variant="subtle"
            leftSection={<IconExternalLink size={16} />}
          >
            Расширенный поиск
          </Button>
          {canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              Добавить педагога
            </Button>
          )}
        </Group>
      </Group>
      {summary.data && (
        <Text size="sm" c="dimmed">
          {countOf(total, TEACHER_FORMS)}; молодых педагогов — {summary.data.young}, с действующим ИОМ —{' '}
          {summary.data.withRoute}, в наставничестве — {summary.data.inMentoring}
        </Text>
      )}
      <ErrorAlert error={list.error} title="Не удалось загрузить педагогов" />
      <TeachersTable
        rows={list.data?.items}
        total={total}
        page={page}
        pageSize={PAGE_SIZE}
        isLoading={list.isLoading}
        onPage={setPage}
        showOrganization={false}
      />
      {creating && <TeacherCreateModal organizationId={organization.id} onClose={() => setCreating(false)} />}
    </Stack>
  );
}
