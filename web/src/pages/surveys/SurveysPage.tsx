import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import type { SurveyDefinition } from '../../../../core/surveys/definition.ts';
import {
  SURVEY_KIND_LABEL,
  SURVEY_STATUS_LABEL,
  type SurveyAudience,
  type SurveyKind,
  type SurveyStatus,
} from '../../../../core/surveys/survey.ts';
import { SURVEY_TEMPLATES } from '../../../../core/surveys/templates.ts';
import { api } from '../../api/client.ts';
import type { Organization } from '../../api/types.ts';
import { useAuth } from '../../auth/auth.tsx';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { SurveyBuilder } from './SurveyBuilder.tsx';

export interface SurveySummary {
  id: number;
  code: string;
  title: string;
  kind: SurveyKind;
  status: SurveyStatus;
  opensOn: string;
  closesOn: string;
  threshold: number;
  audience: SurveyAudience;
  /** A closed survey whose aggregates the department published on the public page. */
  isPublic: boolean;
  version: number;
}

export const STATUS_COLOR: Record<SurveyStatus, string> = { draft: 'gray', open: 'green', closed: 'blue' };

export function SurveysPage() {
  const { hasRole } = useAuth();
  const query = useQuery({ queryKey: ['surveys'], queryFn: () => api.get<SurveySummary[]>('/api/surveys') });
  return (
    <>
      <PageHeader
        title="Анкетирование"
        subtitle="Опросы педагогов и руководителей: анонимные и именные"
        actions={
          hasRole('admin', 'coordinator') && (
            <Button component={Link} to="/surveys/new">
              Новая анкета
            </Button>
          )
        }
      />
      {query.isLoading ? (
        <Loading />
      ) : query.error ? (
        <ErrorAlert error={query.error} />
      ) : !query.data?.length ? (
        <EmptyState>Анкет пока нет.</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Анкета</Table.Th>
                <Table.Th>Вид</Table.Th>
                <Table.Th>Сроки</Table.Th>
                <Table.Th>Состояние</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Link to={`/surveys/${s.id}`}>{s.title}</Link>
                  </Table.Td>
                  <Table.Td>{SURVEY_KIND_LABEL[s.kind]}</Table.Td>
                  <Table.Td>
                    {formatRuDate(s.opensOn)} — {formatRuDate(s.closesOn)}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[s.status]}>{SURVEY_STATUS_LABEL[s.status]}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

const EMPTY: SurveyDefinition = {
  pages: [
    { name: 'page1', title: '', elements: [{ type: 'rating', name: 'q1', title: '', isRequired: true }] },
  ],
};

export interface SurveyForm {
  title: string;
  code: string;
  kind: SurveyKind;
  audience: SurveyAudience;
  opensOn: string;
  closesOn: string;
  threshold: number;
  templateCode: string | null;
  definition: SurveyDefinition;
}

/** Audience, dates and threshold of a survey (the questions are the builder's). */
export function SurveySettings({
  form,
  onChange,
  isNew,
}: {
  form: SurveyForm;
  onChange: (f: SurveyForm) => void;
  isNew: boolean;
}) {
  const organizations = useQuery({
    queryKey: ['organizations', 'all'],
    queryFn: () => api.list<Organization>('/api/organizations', { pageSize: 1000 }),
  });
  const set = (patch: Partial<SurveyForm>) => onChange({ ...form, ...patch });
  const setAudience = (patch: Partial<SurveyAudience>) => set({ audience: { ...form.audience, ...patch } });
  return (
    <Stack>
      <TextInput
        label="Название"
        required
        value={form.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label="Код (для формул)"
          disabled={!isNew}
          value={form.code}
          onChange={(e) => set({ code: e.currentTarget.value })}
        />
        <Select
          label="Вид"
          disabled={!isNew}
          allowDeselect={false}
          data={[
            { value: 'anonymous', label: 'анонимная' },
            { value: 'named', label: 'именная' },
          ]}
          value={form.kind}
          onChange={(v) => set({ kind: (v ?? 'anonymous') as SurveyKind })}
        />
        <NumberInput
          label="Порог анонимности (ответов)"
          min={3}
          max={50}
          value={form.threshold}
          onChange={(v) => set({ threshold: Number(v) || 5 })}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label="Начало"
          type="date"
          value={form.opensOn}
          onChange={(e) => set({ opensOn: e.currentTarget.value })}
        />
        <TextInput
          label="Окончание"
          type="date"
          value={form.closesOn}
          onChange={(e) => set({ closesOn: e.currentTarget.value })}
        />
        <Select
          label="Кого опрашиваем"
          allowDeselect={false}
          data={[
            { value: 'teachers', label: 'педагогов' },
            { value: 'heads', label: 'руководителей' },
          ]}
          value={form.audience.target}
          onChange={(v) => setAudience({ target: (v ?? 'teachers') as 'teachers' | 'heads' })}
        />
      </SimpleGrid>
      <MultiSelect
        label="Организации"
        searchable
        data={(organizations.data?.items ?? []).map((o) => ({ value: String(o.id), label: o.shortName }))}
        value={form.audience.organizationIds.map(String)}
        onChange={(v) => setAudience({ organizationIds: v.map(Number) })}
      />
      <Group>
        <Checkbox
          label="Только молодые педагоги"
          checked={Boolean(form.audience.youngOnly)}
          onChange={(e) => setAudience({ youngOnly: e.currentTarget.checked })}
        />
        <Checkbox
          label="Только ШНОР"
          checked={Boolean(form.audience.lowResultsOnly)}
          onChange={(e) => setAudience({ lowResultsOnly: e.currentTarget.checked })}
        />
        <Checkbox
          label="Только ШССУ"
          checked={Boolean(form.audience.hardSocialOnly)}
          onChange={(e) => setAudience({ hardSocialOnly: e.currentTarget.checked })}
        />
      </Group>
      <TextInput
        label="Должности (через запятую, необязательно)"
        value={(form.audience.positions ?? []).join(', ')}
        onChange={(e) =>
          setAudience({
            positions: e.currentTarget.value
              .split(',')
              .map((p) => p.trim())
              .filter(Boolean),
          })
        }
      />
    </Stack>
  );
}

export function NewSurveyPage() {
  const navigate = useNavigate();
  const today = new Date().toISOString().slice(0, 10);
  const [form, setForm] = useState<SurveyForm>({
    title: '',
    code: '',
    kind: 'anonymous',
    audience: { target: 'teachers', organizationIds: [] },
    opensOn: today,
    closesOn: today,
    threshold: 5,
    templateCode: null,
    definition: EMPTY,
  });
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const fromTemplate = (code: string | null) => {
    const t = SURVEY_TEMPLATES.find((x) => x.code === code);
    if (!t) return;
    setForm({
      ...form,
      templateCode: t.code,
      title: t.title,
      code: form.code || t.code,
      kind: t.kind,
      audience: { ...form.audience, target: t.target },
      definition: structuredClone(t.definition),
    });
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const created = await api.post<{ id: number }>('/api/surveys', form);
      navigate(`/surveys/${created.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <PageHeader title="Новая анкета" />
      <Stack>
        <Select
          label="Шаблон"
          placeholder="без шаблона"
          clearable
          data={SURVEY_TEMPLATES.map((t) => ({ value: t.code, label: t.title }))}
          value={form.templateCode}
          onChange={fromTemplate}
        />
        <Card withBorder>
          <SurveySettings form={form} onChange={setForm} isNew />
        </Card>
        <SurveyBuilder
          definition={form.definition}
          onChange={(definition) => setForm({ ...form, definition })}
          title={form.title}
        />
        <ErrorAlert error={error} title="Анкета не сохранена" />
        <Group>
          <Button onClick={save} loading={saving}>
            Сохранить черновик
          </Button>
        </Group>
      </Stack>
    </>
  );
}
