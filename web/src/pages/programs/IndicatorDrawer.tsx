import {
  Alert,
  Button,
  Checkbox,
  Drawer,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { parseFormula, shareWarning } from '../../../../core/formula/index.ts';
import { organizationKind, type OrganizationKind } from '../../../../core/enums.ts';
import {
  applicabilityFromFormula,
  describeApplicability,
  ORGANIZATION_GROUP_LABEL,
  ORGANIZATION_GROUPS,
  type Applicability,
  type OrganizationGroup,
} from '../../../../core/indicators/applicability.ts';
import { UNIT_LABEL, type IndicatorUnit } from '../../../../core/indicators/levels.ts';
import { api, ApiError } from '../../api/client.ts';
import { notifySaved } from '../../lib/forms.ts';
import type { Criterion, Indicator, ProgramTree } from './api.ts';
import { FormulaInput } from './FormulaInput.tsx';
import { formatValue } from './format.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { liveChangeWarning, LiveChangeModal } from './LiveChangeModal.tsx';
import { TargetsInput } from './TargetsInput.tsx';

type Draft = Omit<Indicator, 'id' | 'version' | 'sortOrder'>;

const empty = (criterionId: number): Draft => ({
  criterionId,
  code: '',
  name: '',
  unit: 'percent',
  numerator: 'teachers()',
  denominator: 'teachers()',
  factor: 100,
  source: '',
  method: '',
  periodicity: 'Ежегодно',
  deadline: '',
  referenceDateRule: '',
  direction: 'higher',
  levelHigh: 70,
  levelMedium: 40,
  targets: {},
  isFormValue: false,
  applicability: { kinds: null, groups: null },
  note: '',
});

const parsesOk = (text: string | null, optional: boolean) =>
  !text?.trim() ? optional : parseFormula(text).ok;

/** Add or edit an indicator; the formula validates as one types and its value is previewed on current data. */
export function IndicatorDrawer({
  program,
  indicator,
  criterion,
  year,
  onClose,
}: {
  program: ProgramTree;
  indicator?: Indicator;
  criterion: Criterion;
  year: number;
  onClose(): void;
}) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(indicator ? { ...indicator } : empty(criterion.id));
  // A new indicator follows what its formula implies until the methodist sets the applicability by hand.
  const [applicabilityTouched, setApplicabilityTouched] = useState(!!indicator);
  const [error, setError] = useState<ApiError | null>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const formulasOk = parsesOk(draft.numerator, false) && parsesOk(draft.denominator, true);
  const [debounced] = useDebouncedValue(
    { numerator: draft.numerator, denominator: draft.denominator, unit: draft.unit, factor: draft.factor },
    600,
  );
  const preview = useQuery({
    queryKey: ['indicator-preview', program.id, year, debounced],
    queryFn: () =>
      api.post<{
        municipal: { value: number | null; numerator: number | null; denominator: number | null };
        organizations: number;
        withValue: number;
        min: number | null;
        max: number | null;
      }>(`/api/programs/${program.id}/preview`, {
        ...debounced,
        denominator: debounced.denominator || null,
        factor: debounced.factor || 1,
        year,
      }),
    enabled:
      parsesOk(debounced.numerator, false) && parsesOk(debounced.denominator, true) && debounced.factor > 0,
    retry: false,
  });
  // Another formula of a program whose campaign runs recomputes its values: the server asks to confirm.
  const [warning, setWarning] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (confirm: boolean = false) => {
      const body = {
        ...draft,
        ...(confirm ? { confirmRunningCampaign: true } : {}),
        applicability: applicabilityTouched ? draft.applicability : undefined,
        denominator: draft.denominator || null,
        levelHigh: draft.levelHigh ?? null,
        levelMedium: draft.levelMedium ?? null,
      };
      return indicator
        ? api.patch<ProgramTree>(`/api/indicators/${indicator.id}`, { ...body, version: indicator.version })
        : api.post<ProgramTree>(`/api/programs/${program.id}/indicators`, body);
    },
    onSuccess: (tree) => {
      client.setQueryData(['program', program.id], tree);
      client.invalidateQueries({ queryKey: ['program-results', program.id] });
      notifySaved(indicator ? 'Показатель сохранён' : 'Показатель добавлен');
      onClose();
    },
    onError: (e) => {
      const message = liveChangeWarning(e);
      if (message) setWarning(message);
      else setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', 'Не удалось сохранить'));
    },
  });
  const fieldError = (field: string) =>
    (error?.details as { field?: string } | null)?.field === field ? error!.message : null;

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="xl"
      title={indicator ? `Показатель ${indicator.code}` : `Новый показатель в критерии ${criterion.code}`}
    >
      <LiveChangeModal
        warning={warning}
        loading={save.isPending}
        onConfirm={() => save.mutate(true)}
        onClose={() => setWarning(null)}
      />
      <Stack>
        {error && !fieldError('numerator') && !fieldError('denominator') && (
          <Alert color="red">{error.message}</Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Код"
            value={draft.code}
            onChange={(e) => set('code', e.currentTarget.value)}
            error={fieldError('code')}
          />
          <Select
            label="Критерий"
            data={program.criteria.map((c) => ({ value: String(c.id), label: `${c.code}. ${c.title}` }))}
            value={String(draft.criterionId)}
            onChange={(v) => v && set('criterionId', Number(v))}
            allowDeselect={false}
            style={{ gridColumn: 'span 2' }}
          />
        </SimpleGrid>
        <Textarea
          label="Наименование"
          autosize
          value={draft.name}
          onChange={(e) => set('name', e.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <Select
            label="Единица измерения"
            data={(Object.keys(UNIT_LABEL) as IndicatorUnit[]).map((u) => ({
              value: u,
              label: UNIT_LABEL[u],
            }))}
            value={draft.unit}
            onChange={(v) => {
              if (!v) return;
              set('unit', v as IndicatorUnit);
              if (v === 'percent' && draft.factor === 1) set('factor', 100);
              if (v !== 'percent' && draft.factor === 100) set('factor', 1);
            }}
            allowDeselect={false}
          />
          <NumberInput
            label="Множитель"
            decimalSeparator=","
            value={draft.factor}
            onChange={(v) => set('factor', Number(v) || 0)}
            min={0}
          />
        </Group>
        <FormulaInput
          label="Числитель"
          value={draft.numerator}
          onChange={(v) => set('numerator', v)}
          serverError={fieldError('numerator')}
        />
        <FormulaInput
          label="Знаменатель"
          value={draft.denominator ?? ''}
          onChange={(v) => set('denominator', v)}
          isOptional
          serverError={fieldError('denominator')}
        />
        {shareWarningOf(draft.numerator, draft.denominator) && (
          <Alert
            color="yellow"
            variant="light"
            title="Доля может превысить 100 %"
            data-testid="share-warning"
          >
            {shareWarningOf(draft.numerator, draft.denominator)}
          </Alert>
        )}
        <Paper withBorder p="sm" bg="gray.0" aria-live="polite">
          <Text size="sm" fw={500}>
            Значение на текущих данных за {year} год
          </Text>
          {!formulasOk ? (
            <Text size="sm" c="dimmed">
              Исправьте формулу, чтобы увидеть значение.
            </Text>
          ) : preview.isFetching ? (
            <Text size="sm" c="dimmed">
              Расчёт…
            </Text>
          ) : preview.error ? (
            <Text size="sm" c="red">
              {(preview.error as Error).message}
            </Text>
          ) : preview.data ? (
            <Text size="sm" data-testid="indicator-preview">
              По муниципалитету: <b>{formatValue(preview.data.municipal.value, draft.unit)}</b>
              {preview.data.municipal.denominator !== null &&
                ` (${preview.data.municipal.numerator} из ${preview.data.municipal.denominator})`}
              {preview.data.withValue > 0 &&
                `; по организациям от ${formatValue(preview.data.min, draft.unit)} до ${formatValue(preview.data.max, draft.unit)}`}
            </Text>
          ) : null}
        </Paper>
        <Group grow align="flex-end">
          <div>
            <Text size="sm" fw={500} mb={4}>
              Лучше, когда значение
            </Text>
            <SegmentedControl
              fullWidth
              value={draft.direction}
              onChange={(v) => set('direction', v as 'higher' | 'lower')}
              data={[
                { value: 'higher', label: 'выше' },
                { value: 'lower', label: 'ниже' },
              ]}
            />
          </div>
          <NumberInput
            label="Порог «высокий»"
            decimalSeparator=","
            value={draft.levelHigh ?? ''}
            onChange={(v) => set('levelHigh', v === '' ? null : Number(v))}
          />
          <NumberInput
            label="Порог «средний»"
            decimalSeparator=","
            value={draft.levelMedium ?? ''}
            onChange={(v) => set('levelMedium', v === '' ? null : Number(v))}
          />
        </Group>
        <TargetsInput
          value={draft.targets}
          onChange={(t) => set('targets', t)}
          defaultYear={year}
          unitLabel={draft.unit === 'presence' ? 'наличие: 1 — есть' : UNIT_LABEL[draft.unit]}
        />
        <TextInput
          label="Источник данных"
          value={draft.source ?? ''}
          onChange={(e) => set('source', e.currentTarget.value)}
        />
        <TextInput
          label="Метод сбора и обработки"
          value={draft.method ?? ''}
          onChange={(e) => set('method', e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Периодичность"
            value={draft.periodicity ?? ''}
            onChange={(e) => set('periodicity', e.currentTarget.value)}
          />
          <TextInput
            label="Срок сбора"
            value={draft.deadline ?? ''}
            onChange={(e) => set('deadline', e.currentTarget.value)}
          />
          <TextInput
            label="По состоянию на"
            value={draft.referenceDateRule ?? ''}
            onChange={(e) => set('referenceDateRule', e.currentTarget.value)}
          />
        </SimpleGrid>
        <ApplicabilityInput
          value={
            applicabilityTouched
              ? draft.applicability
              : applicabilityFromFormula(draft.numerator, draft.denominator)
          }
          implied={applicabilityFromFormula(draft.numerator, draft.denominator)}
          onChange={(a) => {
            setApplicabilityTouched(true);
            set('applicability', a);
          }}
        />
        <Checkbox
          label="Значение из формы мониторинга (реестр этих данных не содержит)"
          checked={draft.isFormValue}
          onChange={(e) => set('isFormValue', e.currentTarget.checked)}
        />
        <Textarea
          label="Примечание"
          autosize
          value={draft.note ?? ''}
          onChange={(e) => set('note', e.currentTarget.value)}
        />
        <FormActions
          onCancel={onClose}
          onSubmit={() => save.mutate(false)}
          loading={save.isPending}
          disabled={!formulasOk}
        />
      </Stack>
    </Drawer>
  );
}

/** The warning of a share whose numerator may count those outside its denominator (core/formula/share.ts). */
function shareWarningOf(numerator: string, denominator: string | null): string | null {
  if (!denominator?.trim()) return null;
  const n = parseFormula(numerator);
  const d = parseFormula(denominator);
  return n.ok && d.ok ? shareWarning(n.ast, d.ast) : null;
}

/** «Применяется к»: kinds of organizations and ШНОР/ШССУ; outside it the value is «не применяется». */
function ApplicabilityInput({
  value,
  implied,
  onChange,
}: {
  value: Applicability;
  implied: Applicability;
  onChange(a: Applicability): void;
}) {
  const kinds = value.kinds ?? [];
  const groups = value.groups ?? [];
  return (
    <Stack gap={4}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MultiSelect
          label="Применяется к организациям"
          placeholder={kinds.length ? undefined : 'все типы'}
          data={organizationKind.values.map((k) => ({ value: k, label: organizationKind.label[k] }))}
          value={kinds}
          onChange={(v) => onChange({ ...value, kinds: v.length ? (v as OrganizationKind[]) : null })}
          clearable
        />
        <MultiSelect
          label="Только ШНОР / ШССУ"
          placeholder={groups.length ? undefined : 'без ограничения'}
          data={ORGANIZATION_GROUPS.map((g) => ({ value: g, label: ORGANIZATION_GROUP_LABEL[g] }))}
          value={groups}
          onChange={(v) => onChange({ ...value, groups: v.length ? (v as OrganizationGroup[]) : null })}
          clearable
        />
      </SimpleGrid>
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          Вне применимости значение — «не применяется»: организация не получает уровня, не входит в рейтинг,
          кластеры, выводы и письма. По формуле: {describeApplicability(implied)}.
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => onChange(implied)}>
          Взять из формулы
        </Button>
      </Group>
    </Stack>
  );
}
