import { Alert, Modal, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { applyServerError, notifySaved } from '../../lib/forms.ts';
import type { ProgramTree } from '../programs/api.ts';
import type { Recommendation, RecommendationStatus } from './api.ts';
import { RuDateInput, statusOptions } from './recommendation-card.tsx';

/** A group recommendation's own status: open, or closed for every organization (their reports hold the rest). */
const groupStatusOptions = [
  { value: 'planned', label: 'открыта для организаций' },
  { value: 'done', label: 'выполнено' },
  { value: 'cancelled', label: 'отменено' },
];
import { FormActions } from '../../components/FormActions.tsx';

const DEPARTMENT = 'department';
/** Several organizations at once (the general letter «Руководителям ОО»): what the server's audience holds. */
const AUDIENCES: Record<string, { label: string; audience: Record<string, string[]> | null }> = {
  'to:all': { label: 'Всем организациям мониторинга', audience: {} },
  'to:schools': { label: 'Всем общеобразовательным организациям', audience: { kinds: ['school'] } },
  'to:risk': {
    label: 'Школам ШНОР и ШССУ',
    audience: { kinds: ['school'], groups: ['lowResults', 'hardSocial'] },
  },
  'to:list': { label: 'Нескольким организациям (список)', audience: null },
};

/** Only what the coordinator changed: a report typed here is the school's report only if it changed. */
function changesOf(
  r: Recommendation,
  v: {
    text: string;
    addressee: string;
    deadline: string | null;
    responsible: string;
    status: RecommendationStatus;
    report: string;
  },
) {
  const patch: Record<string, unknown> = { version: r.version };
  if (v.text.trim() !== r.text) patch.text = v.text;
  if (v.addressee.trim() && v.addressee.trim() !== r.addressee) patch.addressee = v.addressee;
  if ((v.deadline || null) !== r.deadline) patch.deadline = v.deadline || null;
  if ((v.responsible.trim() || null) !== r.responsible) patch.responsible = v.responsible.trim() || null;
  if (v.status !== (r.ownStatus ?? r.status)) patch.status = v.status;
  if (!r.audience && (v.report.trim() || null) !== r.report) patch.report = v.report;
  return patch;
}

/** The coordinator adds a recommendation or edits one: text, addressee, deadline, status, report. */
export function RecommendationModal({
  campaignId,
  programId,
  recommendation,
  organizations,
  defaultOrganization,
  onClose,
}: {
  campaignId: number;
  programId: number | null;
  recommendation: Recommendation | null;
  organizations: { id: number; name: string }[];
  defaultOrganization: number | null;
  onClose(): void;
}) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const program = useQuery({
    queryKey: ['program', programId],
    queryFn: () => api.get<ProgramTree>(`/api/programs/${programId}`),
    enabled: programId !== null && !recommendation,
  });
  const r = recommendation;
  const form = useForm({
    initialValues: {
      organization: r
        ? r.organizationId === null
          ? DEPARTMENT
          : String(r.organizationId)
        : defaultOrganization
          ? String(defaultOrganization)
          : DEPARTMENT,
      indicatorCode: r?.indicatorCode ?? null,
      text: r?.text ?? '',
      addressee: r?.addressee ?? '',
      deadline: r?.deadline ?? null,
      responsible: r?.responsible ?? '',
      members: [] as string[],
      status: (r?.ownStatus ?? r?.status ?? 'planned') as RecommendationStatus,
      report: r?.report ?? '',
    },
    validate: {
      text: (v) => (v.trim().length < 3 ? 'Введите текст рекомендации' : null),
      members: (v, values) =>
        values.organization === 'to:list' && v.length < 2 ? 'Выберите хотя бы две организации' : null,
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      r
        ? Object.keys(changesOf(r, v)).length > 1
          ? api.patch(`/api/recommendations/${r.id}`, changesOf(r, v))
          : Promise.resolve(null)
        : api.post(`/api/campaigns/${campaignId}/recommendations`, {
            organizationId:
              v.organization === DEPARTMENT || v.organization in AUDIENCES ? null : Number(v.organization),
            audience:
              v.organization === 'to:list'
                ? { organizationIds: v.members.map(Number) }
                : (AUDIENCES[v.organization]?.audience ?? null),
            text: v.text,
            addressee: v.addressee || null,
            deadline: v.deadline,
            responsible: v.responsible.trim() || null,
            indicatorCode: v.indicatorCode,
          }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['recommendations', campaignId] });
      notifySaved(r ? 'Рекомендация сохранена' : 'Рекомендация добавлена');
      onClose();
    },
    onError: (e) => {
      setError(applyServerError(form, e));
      client.invalidateQueries({ queryKey: ['recommendations', campaignId] });
    },
  });
  const indicators = program.data?.criteria.flatMap((c) => c.indicators) ?? [];
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        r
          ? `Рекомендация: ${r.organizationName ?? (r.audience ? 'группе организаций' : 'отделу образования')}`
          : 'Новая рекомендация'
      }
      size="xl"
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {!r && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Кому адресована"
                searchable
                allowDeselect={false}
                data={[
                  { value: DEPARTMENT, label: 'Отделу образования (методическому кабинету)' },
                  {
                    group: 'Группе организаций (общее письмо)',
                    items: Object.entries(AUDIENCES).map(([value, a]) => ({ value, label: a.label })),
                  },
                  {
                    group: 'Одной организации',
                    items: organizations.map((o) => ({ value: String(o.id), label: o.name })),
                  },
                ]}
                {...form.getInputProps('organization')}
              />
              <Select
                label="Показатель"
                placeholder="не привязана к показателю"
                clearable
                searchable
                data={indicators.map((i) => ({ value: i.code, label: `${i.code}. ${i.name}` }))}
                {...form.getInputProps('indicatorCode')}
              />
            </SimpleGrid>
          )}
          {!r && form.values.organization === 'to:list' && (
            <MultiSelect
              label="Организации"
              searchable
              data={organizations.map((o) => ({ value: String(o.id), label: o.name }))}
              {...form.getInputProps('members')}
            />
          )}
          <Textarea
            label="Текст рекомендации"
            autosize
            minRows={3}
            withAsterisk
            {...form.getInputProps('text')}
          />
          <SimpleGrid cols={{ base: 1, sm: r ? 4 : 3 }}>
            <TextInput
              label="Адресат"
              placeholder={r ? undefined : 'по умолчанию — руководителю организации'}
              {...form.getInputProps('addressee')}
            />
            <RuDateInput label="Срок" {...form.getInputProps('deadline')} />
            <TextInput
              label="Ответственные"
              placeholder="например, заместители руководителей по УВР"
              {...form.getInputProps('responsible')}
            />
            {r && (
              <Select
                label="Статус"
                description={r.audience ? 'для всех организаций группы' : undefined}
                data={r.audience ? groupStatusOptions : statusOptions}
                allowDeselect={false}
                {...form.getInputProps('status')}
              />
            )}
          </SimpleGrid>
          {r && !r.audience && (
            <Textarea
              label="Отчёт о выполнении"
              description="Обычно заполняет организация в своём кабинете"
              autosize
              minRows={2}
              {...form.getInputProps('report')}
            />
          )}
          <FormActions
            onCancel={onClose}
            loading={save.isPending}
            submitLabel={r ? 'Сохранить' : 'Добавить'}
          />
        </Stack>
      </form>
    </Modal>
  );
}
