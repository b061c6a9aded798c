import { Badge, Button, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { countOf } from '../../../../core/format.ts';
import { specialistRole } from '../../../../core/enums.ts';
import type { FieldDef } from '../../../../core/registry/fields.ts';
import { methodicalSpecialistKind } from '../../../../core/registry/specialist-kinds.ts';
import { api, withParams } from '../../api/client.ts';
import { SPECIALISTS_KEY, useSpecialistNames, type Specialist } from '../../api/specialists.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorAlert, PageHeader } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import type { RecordRow } from '../teachers/api.ts';
import { RecordList } from '../teachers/records/RecordList.tsx';
import { EnumFilter, FilterBar, SearchFilter, TextMatchFilter, useListParams } from './list-filters.tsx';
import { SpecialistAccountModal } from './SpecialistAccountModal.tsx';
import { ExcelExportButton } from '../../components/ExcelExportButton.tsx';

const ROUTE_FORMS = ['ИОМ', 'ИОМ', 'ИОМ'] as const;

const rolesText = (s: Specialist) =>
  s.roles.map((r) => (r === 'other' && s.otherRole ? s.otherRole : specialistRole.label[r])).join(', ');

function specialistCell(f: FieldDef, row: RecordRow) {
  const s = row as unknown as Specialist;
  switch (f.key) {
    case 'fullName':
      return (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {s.fullName}
          </Text>
          <Text size="xs" c="dimmed">
            {[s.email, s.phone].filter(Boolean).join(', ') || 'контакты не указаны'}
          </Text>
        </Stack>
      );
    case 'roles':
      return rolesText(s);
    case 'isActive':
      return (
        <Stack gap={2}>
          <Badge size="sm" variant="light" color={s.isActive ? 'teal' : 'gray'}>
            {s.isActive ? 'работает' : 'не работает'}
          </Badge>
          <Text size="xs" c="dimmed">
            куратор {countOf(s.curatedRouteCount, ROUTE_FORMS)}, тьютор{' '}
            {countOf(s.tutoredRouteCount, ROUTE_FORMS)}
          </Text>
          <Text size="xs" c="dimmed">
            {s.login ? `вход: ${s.login}` : 'без учётной записи'}
          </Text>
        </Stack>
      );
    default:
      return undefined;
  }
}

const ACTIVE_FILTER = [
  { value: 'true', label: 'Работают' },
  { value: 'false', label: 'Не работают' },
  { value: 'all', label: 'Все' },
];

/**
 * The register of the methodical service: methodists, ЦНППМ curators, tutors and other specialists, kept by
 * the department; the curators and tutors of ИОМ are chosen from it.
 */
export function SpecialistsPage() {
  const { get, set } = useListParams();
  const { hasRole } = useAuth();
  const client = useQueryClient();
  const [account, setAccount] = useState<Specialist | null>(null);
  const canEdit = hasRole('admin', 'coordinator');
  const active = get('isActive') ?? 'true';
  const names = useSpecialistNames();
  // The place of work is free text: the filter matches text, and suggests the places already written.
  const workplaces = [
    ...new Set((names.data ?? []).flatMap((p) => (p.workplace?.trim() ? [p.workplace.trim()] : []))),
  ].sort((a, b) => a.localeCompare(b, 'ru'));
  const filters = {
    q: get('q') ?? undefined,
    workplace: get('workplace') ?? undefined,
    role: get('role') ?? undefined,
    isActive: active === 'all' ? undefined : active,
  };
  const url = withParams('/api/methodical-specialists', filters);
  const refresh = () => client.invalidateQueries({ queryKey: SPECIALISTS_KEY });
  // «Работает» is switched off, not deleted: the specialist stays on the routes it supervised.
  const toggle = useMutation({
    mutationFn: (s: Specialist) =>
      api.patch<Specialist>(`/api/methodical-specialists/${s.id}`, {
        isActive: !s.isActive,
        version: s.version,
      }),
    onSuccess: (after) => {
      notifySaved(
        after.isActive ? `${after.fullName}: снова работает` : `${after.fullName}: отмечен как неработающий`,
      );
      refresh();
    },
  });
  const actions = (row: RecordRow) => {
    const s = row as unknown as Specialist;
    return (
      <>
        {!s.login && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconKey size={12} />}
            onClick={() => setAccount(s)}
            aria-label={`Учётная запись: ${s.fullName}`}
          >
            Вход
          </Button>
        )}
        <Button
          size="compact-xs"
          variant="subtle"
          color={s.isActive ? 'gray' : 'teal'}
          loading={toggle.isPending && toggle.variables?.id === s.id}
          onClick={() => toggle.mutate(s)}
          aria-label={`${s.isActive ? 'Не работает' : 'Работает'}: ${s.fullName}`}
        >
          {s.isActive ? 'В архив' : 'Вернуть'}
        </Button>
      </>
    );
  };
  return (
    <>
      <PageHeader
        title="Специалисты методической службы"
        subtitle="Методисты управления образования и ММС, кураторы ЦНППМ, тьюторы, наставники-эксперты: из них выбирают кураторов и тьюторов ИОМ"
        actions={<ExcelExportButton url={'/api/methodical-specialists/export.xlsx'} params={filters} />}
      />
      <FilterBar>
        <SearchFilter
          value={get('q')}
          onChange={(v) => set('q', v)}
          placeholder="ФИО, место работы, предмет"
        />
        <TextMatchFilter
          label="Организация / отдел"
          placeholder="Например, ЦНППМ"
          value={get('workplace')}
          onChange={(v) => set('workplace', v)}
          suggestions={workplaces}
        />
        <EnumFilter
          label="Роль"
          placeholder="Все роли"
          enumeration={specialistRole}
          value={get('role')}
          onChange={(v) => set('role', v)}
          w={240}
        />
        <SegmentedControl
          aria-label="Работает"
          value={active}
          onChange={(v) => set('isActive', v === 'true' ? null : v)}
          data={ACTIVE_FILTER}
        />
      </FilterBar>
      <ErrorAlert error={toggle.error} title="Отметка «Работает» не изменена" />
      <RecordList
        pageSize={50}
        kind={methodicalSpecialistKind}
        listUrl={url}
        itemUrl={(id) => `/api/methodical-specialists/${id}`}
        queryKey={[...SPECIALISTS_KEY, url]}
        invalidates={[SPECIALISTS_KEY]}
        canEdit={canEdit}
        columns={['fullName', 'roles', 'workplace', 'subjects', 'isActive']}
        columnLabels={{ fullName: 'ФИО и контакты', isActive: 'Работа и ИОМ' }}
        renderCell={specialistCell}
        rowActions={actions}
        actionsWidth={200}
        defaults={{ isActive: true, roles: [] }}
        addLabel="Добавить специалиста"
        emptyText="Специалистов не найдено. Измените условия отбора или добавьте специалиста."
      />
      {account && (
        <SpecialistAccountModal specialist={account} onClose={() => setAccount(null)} onCreated={refresh} />
      )}
    </>
  );
}
