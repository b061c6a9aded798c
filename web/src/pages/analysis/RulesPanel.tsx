import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { defaultRules } from '../../../../core/analysis/drafts.ts';
import { LEVEL_LABEL, type IndicatorLevel } from '../../../../core/indicators/levels.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { applyServerError, notifySaved } from '../../lib/forms.ts';
import type { Indicator, ProgramTree } from '../programs/api.ts';
import { LEVEL_COLOR } from '../programs/format.ts';
import { TARGET_LABEL, type RecommendationRule, type RuleTarget } from './api.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';

const LEVELS: IndicatorLevel[] = ['low', 'medium', 'high'];
const LEVEL_ORDER: Record<IndicatorLevel, number> = { low: 0, medium: 1, high: 2 };

/** When the generator uses a rule (core/analysis/drafts.ts draftRecommendations). */
function whenApplied(level: IndicatorLevel, target: RuleTarget): string | null {
  if (target === 'organization' && level === 'low')
    return 'Организациям, где значение показателя низкое или проблемное (например, нет программ наставничества, есть вакансии).';
  if (target === 'organization' && level === 'medium')
    return 'Организациям, где значение показателя на среднем уровне.';
  if (target === 'municipality' && level === 'low')
    return 'Отделу образования, если проблема есть хотя бы в одной организации или значение по муниципалитету низкое.';
  return null;
}

type DraftRule = Omit<RecommendationRule, 'id' | 'programId' | 'version'>;

/** «Правила рекомендаций» of a program: indicator × level × addressee → the text of a recommendation. */
export function RulesPanel({ programId, canEdit }: { programId: number; canEdit: boolean }) {
  const client = useQueryClient();
  const key = ['recommendation-rules', programId];
  const rules = useQuery({
    queryKey: key,
    queryFn: () => api.get<RecommendationRule[]>(`/api/programs/${programId}/recommendation-rules`),
  });
  const program = useQuery({
    queryKey: ['program', programId],
    queryFn: () => api.get<ProgramTree>(`/api/programs/${programId}`),
  });
  const [editing, setEditing] = useState<{
    rule: RecommendationRule | null;
    indicatorCode: string;
    draft?: DraftRule;
  } | null>(null);
  const [removing, setRemoving] = useState<RecommendationRule | null>(null);
  const remove = useMutation({
    mutationFn: (r: RecommendationRule) => api.delete(`/api/recommendation-rules/${r.id}`),
    onSuccess: () => {
      setRemoving(null);
      notifySaved('Правило удалено');
    },
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
  if (rules.isLoading || program.isLoading) return <Loading />;
  if (rules.error || program.error || !rules.data || !program.data)
    return <ErrorAlert error={rules.error ?? program.error} title="Правила недоступны" />;
  const indicators = program.data.criteria.flatMap((c) => c.indicators);
  const known = new Set(indicators.map((i) => i.code));
  const orphans = [
    ...new Set(rules.data.filter((r) => !known.has(r.indicatorCode)).map((r) => r.indicatorCode)),
  ];
  const groups: { code: string; name: string }[] = [
    ...indicators.map((i) => ({ code: i.code, name: i.name })),
    ...orphans.map((code) => ({ code, name: 'показателя больше нет в программе' })),
  ];
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={760}>
        По этим правилам на вкладке «Рекомендации» мониторинга составляются адресные рекомендации. Правило
        уровня «низкий» получает организация с низким или проблемным значением показателя (нет программ
        наставничества, есть вакансии), «средний» — организация на среднем уровне; правило для отдела
        образования срабатывает, когда проблема есть хотя бы в одной организации или по муниципалитету. Где
        своего правила нет, используется текст по умолчанию.
      </Text>
      {groups.map((g) => {
        const own = rules.data
          .filter((r) => r.indicatorCode === g.code)
          .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.target.localeCompare(b.target));
        const indicator = indicators.find((i) => i.code === g.code);
        // Without its own «низкий» rule for an addressee, the generator falls back to the theme's text.
        const defaults: DraftRule[] = indicator
          ? defaultRules(indicator).filter(
              (d) => !own.some((r) => r.level === 'low' && r.target === d.target),
            )
          : [];
        const rows: (RecommendationRule | DraftRule)[] = [...own, ...defaults];
        return (
          <Paper
            key={g.code}
            withBorder
            p="sm"
            component="section"
            aria-label={`Правила показателя ${g.code}`}
          >
            <Group justify="space-between" wrap="nowrap" align="flex-start" mb={own.length ? 'xs' : 0}>
              <Text fw={600} size="sm" style={{ flex: 1, minWidth: 0 }}>
                {g.code}. {g.name}
              </Text>
              {canEdit && known.has(g.code) && (
                <Button
                  size="compact-sm"
                  style={{ flexShrink: 0 }}
                  variant="subtle"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setEditing({ rule: null, indicatorCode: g.code })}
                >
                  Правило
                </Button>
              )}
            </Group>
            {rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                Правил нет.
              </Text>
            ) : (
              <Table verticalSpacing={6} fz="sm">
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={'id' in r ? r.id : `default-${r.target}`}>
                      <Table.Td w={110}>
                        <Badge color={LEVEL_COLOR[r.level]} variant="light">
                          {LEVEL_LABEL[r.level]}
                        </Badge>
                      </Table.Td>
                      <Table.Td w={170} c="dimmed">
                        {TARGET_LABEL[r.target]}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={'id' in r ? undefined : 'dimmed'}>
                          {r.text}
                        </Text>
                        {!('id' in r) && (
                          <Text size="xs" c="dimmed" fs="italic">
                            текст по умолчанию для темы показателя
                          </Text>
                        )}
                        {'id' in r && !whenApplied(r.level, r.target) && (
                          <Text size="xs" c="orange.8">
                            Правило с таким уровнем и адресатом при составлении рекомендаций не применяется.
                          </Text>
                        )}
                      </Table.Td>
                      {canEdit && !('id' in r) && (
                        <Table.Td w={76}>
                          <Tooltip label="Заменить своим текстом">
                            <ActionIcon
                              variant="subtle"
                              aria-label="Заменить текст по умолчанию"
                              onClick={() => setEditing({ rule: null, indicatorCode: g.code, draft: r })}
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Table.Td>
                      )}
                      {canEdit && 'id' in r && (
                        <Table.Td w={76}>
                          <Group gap={2} wrap="nowrap">
                            <EditDeleteIcons
                              onEdit={() => setEditing({ rule: r, indicatorCode: r.indicatorCode })}
                              onDelete={() => setRemoving(r)}
                              editLabel="Изменить правило"
                              deleteLabel="Удалить правило"
                            />
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        );
      })}
      <ConfirmModal
        opened={removing !== null}
        title="Удалить правило?"
        confirmLabel="Удалить"
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
        loading={remove.isPending}
        error={remove.error}
      >
        {removing?.text}
      </ConfirmModal>
      {editing && (
        <RuleModal
          programId={programId}
          rule={editing.rule}
          draft={editing.draft}
          indicator={indicators.find((i) => i.code === editing.indicatorCode)}
          indicatorCode={editing.indicatorCode}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

function RuleModal({
  programId,
  rule,
  draft,
  indicator,
  indicatorCode,
  onClose,
}: {
  programId: number;
  rule: RecommendationRule | null;
  draft?: DraftRule;
  indicator: Indicator | undefined;
  indicatorCode: string;
  onClose(): void;
}) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      level: rule?.level ?? draft?.level ?? ('low' as IndicatorLevel),
      target: rule?.target ?? draft?.target ?? ('organization' as RuleTarget),
      text: rule?.text ?? draft?.text ?? '',
    },
    validate: { text: (v) => (v.trim().length < 3 ? 'Введите текст рекомендации' : null) },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      rule
        ? api.patch(`/api/recommendation-rules/${rule.id}`, { ...v, version: rule.version })
        : api.post(`/api/programs/${programId}/recommendation-rules`, { ...v, indicatorCode }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['recommendation-rules', programId] });
      notifySaved('Правило сохранено');
      onClose();
    },
    onError: (e) => {
      setError(applyServerError(form, e));
      client.invalidateQueries({ queryKey: ['recommendation-rules', programId] });
    },
  });
  return (
    <Modal opened onClose={onClose} title={rule ? 'Правило рекомендации' : 'Новое правило'} size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Text size="sm">
            <b>{indicatorCode}.</b> {indicator?.name}
          </Text>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Уровень значения
            </Text>
            <SegmentedControl
              aria-label="Уровень значения"
              data={LEVELS.map((l) => ({ value: l, label: LEVEL_LABEL[l] }))}
              {...form.getInputProps('level')}
            />
          </Stack>
          <Select
            label="Кому рекомендация"
            allowDeselect={false}
            data={[
              { value: 'organization', label: 'организации, где значение на этом уровне' },
              { value: 'municipality', label: 'отделу образования (по значению муниципалитета)' },
            ]}
            {...form.getInputProps('target')}
          />
          <Alert
            color={whenApplied(form.values.level, form.values.target) ? 'blue' : 'orange'}
            variant="light"
          >
            {whenApplied(form.values.level, form.values.target) ??
              'Рекомендации с таким уровнем и адресатом при составлении не формируются: выберите «низкий» (или «средний» для организаций).'}
          </Alert>
          <Textarea
            label="Текст рекомендации"
            autosize
            minRows={3}
            withAsterisk
            {...form.getInputProps('text')}
          />
          <FormActions onCancel={onClose} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
