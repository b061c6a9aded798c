import { Button, Group, Modal, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { educationStage, practiceKind } from '../../../../core/practices.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { useOrganizationOptions, useRegistersRole } from '../registers/api.ts';
import type { Practice } from './api.ts';

const options = (e: { values: readonly string[]; label: Record<string, string> }) =>
  e.values.map((value) => ({ value, label: e.label[value] }));

interface Values {
  organizationId: string | null;
  title: string;
  kind: string | null;
  subject: string;
  stage: string | null;
  description: string;
  links: string;
  authorIds: string[];
  deficitCodes: string[];
}

const valuesOf = (p: Practice | null, organizationId: number | null): Values => ({
  organizationId: p?.organizationId
    ? String(p.organizationId)
    : organizationId
      ? String(organizationId)
      : null,
  title: p?.title ?? '',
  kind: p?.kind ?? null,
  subject: p?.subject ?? '',
  stage: p?.stage ?? null,
  description: p?.description ?? '',
  links: p?.links.join('\n') ?? '',
  authorIds: p?.authors.map((a) => String(a.id)) ?? [],
  deficitCodes: p?.deficits.map((d) => d.code) ?? [],
});

/** The add/edit form of an entry: content, authors from the registry, deficits of the catalog, links. */
export function PracticeForm({
  practice,
  onClose,
  onSaved,
}: {
  practice: Practice | null;
  onClose: () => void;
  onSaved: (p: Practice) => void;
}) {
  const { isDepartment, managedOrganizationIds } = useRegistersRole();
  const organizations = useOrganizationOptions();
  const [v, setV] = useState<Values>(() =>
    valuesOf(practice, isDepartment ? null : (managedOrganizationIds[0] ?? null)),
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [teacherQuery, setTeacherQuery] = useState('');
  const teachers = useQuery({
    queryKey: ['practice-authors', v.organizationId, teacherQuery],
    queryFn: () =>
      api.list<{ id: number; fullName: string }>('/api/teachers', {
        q: teacherQuery || undefined,
        organizationId: v.organizationId ?? undefined,
        pageSize: 50,
      }),
  });
  const deficits = useQuery({
    queryKey: ['deficits', 'all'],
    queryFn: () => api.list<{ code: string; title: string }>('/api/deficits', { pageSize: 1000 }),
  });
  const authorOptions = [
    ...(practice?.authors.map((a) => ({ value: String(a.id), label: a.name })) ?? []),
    ...(teachers.data?.items.map((t) => ({ value: String(t.id), label: t.fullName })) ?? []),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);
  const set = (patch: Partial<Values>) => setV((old) => ({ ...old, ...patch }));

  const save = async () => {
    setBusy(true);
    setError(null);
    const body = {
      title: v.title,
      kind: v.kind ?? undefined,
      subject: v.subject,
      stage: v.stage,
      description: v.description,
      links: v.links
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
      authorIds: v.authorIds.map(Number),
      deficitCodes: v.deficitCodes,
    };
    try {
      const saved = practice
        ? await api.patch<Practice>(`/api/practices/${practice.id}`, { ...body, version: practice.version })
        : await api.post<Practice>('/api/practices', {
            ...body,
            organizationId: v.organizationId ? Number(v.organizationId) : null,
          });
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={practice ? 'Изменить материал' : 'Новый материал банка практик'}
      size="lg"
    >
      <Stack gap="sm">
        {!practice && isDepartment && (
          <Select
            label="Организация автора"
            placeholder="Материал отдела образования"
            data={(organizations.data ?? []).map((o) => ({ value: String(o.id), label: o.shortName }))}
            value={v.organizationId}
            onChange={(value) => set({ organizationId: value, authorIds: [] })}
            searchable
            clearable
          />
        )}
        <TextInput
          label="Название"
          required
          value={v.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
        />
        <Group grow>
          <Select
            label="Вид"
            required
            data={options(practiceKind)}
            value={v.kind}
            onChange={(kind) => set({ kind })}
          />
          <Select
            label="Уровень образования"
            data={options(educationStage)}
            value={v.stage}
            onChange={(stage) => set({ stage })}
            clearable
          />
          <TextInput
            label="Предмет"
            value={v.subject}
            onChange={(e) => set({ subject: e.currentTarget.value })}
          />
        </Group>
        <MultiSelect
          label="Авторы (педагоги из реестра)"
          required
          data={authorOptions}
          value={v.authorIds}
          onChange={(authorIds) => set({ authorIds })}
          searchable
          searchValue={teacherQuery}
          onSearchChange={setTeacherQuery}
          filter={({ options: all }) => all}
          nothingFoundMessage="Педагоги не найдены"
        />
        <MultiSelect
          label="Дефициты, на которые направлен материал"
          data={(deficits.data?.items ?? []).map((d) => ({ value: d.code, label: `${d.code} ${d.title}` }))}
          value={v.deficitCodes}
          onChange={(deficitCodes) => set({ deficitCodes })}
          searchable
        />
        <Textarea
          label="Описание"
          autosize
          minRows={3}
          value={v.description}
          onChange={(e) => set({ description: e.currentTarget.value })}
        />
        <Textarea
          label="Ссылки (по одной в строке, http:// или https://)"
          autosize
          minRows={2}
          value={v.links}
          onChange={(e) => set({ links: e.currentTarget.value })}
        />
        <ErrorAlert error={error} title="Материал не сохранён" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button onClick={save} loading={busy}>
            Сохранить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
