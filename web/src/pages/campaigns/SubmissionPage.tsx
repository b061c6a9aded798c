import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Checkbox,
  FileButton,
  Grid,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCloudOff, IconDownload, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { validateFormValues, type FormValue } from '../../../../core/campaigns/form-validation.ts';
import { formatRuDate } from '../../../../core/dates.ts';
import { LEVEL_LABEL } from '../../../../core/indicators/levels.ts';
import { api, ApiError } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { formatFormValue } from '../../../../core/format.ts';
import { formatDateTime } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import { LEVEL_COLOR, formatResult, formatValue } from '../programs/format.ts';
import { RuDateInput } from '../analysis/recommendation-card.tsx';
import { STATE_COLOR, STATE_LABEL, type CampaignView, type SubmissionView } from './api.ts';
import { useAutosave, type SaveState } from './useAutosave.ts';
import { CampaignMaterialsPanel, useCampaignMaterials } from './CampaignMaterials.tsx';

const ACTION_LABEL: Record<string, string> = {
  save: 'сохранён черновик',
  upload: 'загружен файл',
  submit: 'отправлено координатору',
  return: 'возвращено на доработку',
  accept: 'принято',
  reopen: 'открыто для правки',
};

export function SubmissionPage() {
  const params = useParams();
  const campaignId = Number(params.id);
  const organizationId = Number(params.organizationId);
  const url = `/api/campaigns/${campaignId}/organizations/${organizationId}/submission`;
  const campaign = useQuery({
    queryKey: ['campaign', campaignId],
    queryFn: () => api.get<CampaignView>(`/api/campaigns/${campaignId}`),
  });
  const query = useQuery({
    queryKey: ['submission', campaignId, organizationId],
    queryFn: () => api.get<SubmissionView>(url),
  });
  if (query.isLoading || campaign.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Форма недоступна" />;
  const organization = campaign.data?.organizations.find((o) => o.organizationId === organizationId);
  return (
    <SubmissionForm
      key={`${query.data.version}-${query.data.state}`}
      url={url}
      view={query.data}
      campaign={campaign.data!}
      organizationName={organization?.organizationName ?? ''}
    />
  );
}

function SaveIndicator({ state }: { state: SaveState }) {
  if (state.kind === 'saving')
    return (
      <Text size="sm" c="dimmed">
        Сохранение…
      </Text>
    );
  if (state.kind === 'saved')
    return (
      <Text size="sm" c="teal.8">
        Черновик сохранён в {state.at.toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit' })}
      </Text>
    );
  if (state.kind === 'offline')
    return (
      <Group gap={4} data-testid="offline-notice">
        <IconCloudOff size={16} color="var(--mantine-color-orange-7)" />
        <Text size="sm" c="orange.8">
          Нет связи: изменения сохранены на этом устройстве и уйдут на сервер, когда связь появится
        </Text>
      </Group>
    );
  if (state.kind === 'conflict' || state.kind === 'error')
    return (
      <Text size="sm" c="red">
        {state.message}
      </Text>
    );
  return null;
}

function SubmissionForm({
  url,
  view,
  campaign,
  organizationName,
}: {
  url: string;
  view: SubmissionView;
  campaign: CampaignView;
  organizationName: string;
}) {
  const client = useQueryClient();
  const { hasRole } = useAuth();
  const isDepartment = hasRole('admin', 'coordinator');
  const refresh = useCallback(() => {
    client.invalidateQueries({ queryKey: ['campaign', view.campaignId] });
  }, [client, view.campaignId]);
  const autosave = useAutosave(url, view, refresh);
  const { materials, dueOf } = useCampaignMaterials(view.campaignId);
  const { draft } = autosave;
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [uploadErrors, setUploadErrors] = useState<{ message: string }[]>([]);
  const checks = useMemo(
    () =>
      validateFormValues(view.fields, draft.values, { isFinal: true, lastYear: view.lastYear ?? undefined }),
    [view.fields, view.lastYear, draft.values],
  );
  const setValue = (code: string, value: FormValue) =>
    autosave.change({ ...draft, values: { ...draft.values, [code]: value } });
  const reload = () =>
    client.invalidateQueries({ queryKey: ['submission', view.campaignId, view.organizationId] });

  const submit = useMutation({
    mutationFn: async () => {
      await autosave.flush();
      return api.post(`${url}/submit`, { version: autosave.version() });
    },
    onSuccess: () => {
      notifySaved('Форма отправлена координатору');
      reload();
      refresh();
    },
    onError: (e) => setSubmitError(e instanceof ApiError ? e.message : 'Не удалось отправить форму'),
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return api.post(`${url.replace(/\/submission$/, '/submission/form.xlsx')}`, body);
    },
    onSuccess: () => {
      autosave.discardLocal();
      setUploadErrors([]);
      notifySaved('Значения из файла сохранены в черновик');
      reload();
    },
    onError: (e) =>
      setUploadErrors(
        e instanceof ApiError
          ? ((e.details as { errors?: { message: string }[] })?.errors ?? [{ message: e.message }])
          : [{ message: 'Не удалось загрузить файл' }],
      ),
  });
  // Beside a field only what is wrong with a value typed in; an empty required field is not an error to
  // shout at a form just opened — what is missing is listed next to the disabled «Отправить координатору».
  const fieldChecks = useMemo(
    () => validateFormValues(view.fields, draft.values, { isFinal: false }),
    [view.fields, draft.values],
  );
  const missing = view.fields.filter(
    (f) =>
      f.isRequired &&
      (draft.values[f.code] === null || draft.values[f.code] === undefined || draft.values[f.code] === ''),
  );
  const errorOf = (code: string) => fieldChecks.errors.find((e) => e.field === code)?.message;
  const warningOf = (code: string) => checks.warnings.find((e) => e.field === code)?.message;
  const canSubmit = view.isEditable && !checks.errors.length && draft.isRegistryConfirmed;

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/campaigns" size="sm">
          Мониторинг
        </Anchor>
        {/* Cut with an ellipsis: the full title in one line widened the page beyond a phone screen. */}
        <Anchor
          component={Link}
          to={`/campaigns/${view.campaignId}`}
          size="sm"
          truncate
          maw={{ base: 170, sm: 480 }}
          display="inline-block"
          title={campaign.campaign.title}
        >
          {campaign.campaign.title}
        </Anchor>
        <Text size="sm">{organizationName}</Text>
      </Breadcrumbs>
      <PageHeader
        title={`Форма мониторинга: ${organizationName}`}
        subtitle={`${campaign.campaign.title}. Срок сдачи — ${formatRuDate(view.deadline)}`}
        actions={
          <Badge size="lg" color={STATE_COLOR[view.state]} variant="light" data-testid="submission-state">
            {STATE_LABEL[view.state]}
          </Badge>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            {/* First for the coordinator: «Принять» was below the whole form, out of sight. */}
            {isDepartment && (
              <ReviewPanel
                url={url}
                view={view}
                onDone={() => {
                  reload();
                  refresh();
                }}
              />
            )}
            {view.state === 'returned' && view.reviewComment && (
              <Alert
                color="orange"
                title="Форма возвращена на доработку"
                icon={<IconAlertTriangle size={18} />}
              >
                {view.reviewComment}
              </Alert>
            )}
            {!view.isEditable && view.reason && <Alert color="gray">{view.reason}</Alert>}
            {autosave.state.kind === 'conflict' && (
              <Alert color="red" title="Форму изменили с другого устройства">
                <Stack gap="xs">
                  <Text size="sm">{autosave.state.message}</Text>
                  <Button
                    size="xs"
                    variant="light"
                    w="fit-content"
                    onClick={() => {
                      autosave.discardLocal();
                      reload();
                    }}
                  >
                    Загрузить версию с сервера
                  </Button>
                </Stack>
              </Alert>
            )}
            <Paper withBorder p="lg">
              <Stack>
                <Group justify="space-between">
                  <Title order={3} fz="lg">
                    Данные, которых нет в реестре
                  </Title>
                  <SaveIndicator state={autosave.state} />
                </Group>
                {!view.fields.length && (
                  <Text c="dimmed" size="sm">
                    Все показатели программы считаются по реестру: заполнять нечего, подтвердите полноту
                    реестра и отправьте форму.
                  </Text>
                )}
                {view.fields.map((f) => {
                  const value = draft.values[f.code];
                  const due = dueOf(f.code);
                  const common = {
                    label: `${f.label}${f.unit ? `, ${f.unit}` : ''}`,
                    description:
                      [f.hint, due && `Срок сбора: ${due.label}`].filter(Boolean).join('. ') || undefined,
                    error: errorOf(f.code),
                    withAsterisk: f.isRequired,
                    // Read-only, not disabled: the coordinator reviewing a sent form reads its values at full
                    // contrast.
                    readOnly: !view.isEditable,
                  };
                  return (
                    <Stack key={f.code} gap={2}>
                      {f.type === 'boolean' ? (
                        <Stack gap={4}>
                          <Text size="sm" fw={500}>
                            {common.label}
                            {f.isRequired && (
                              <Text span c="red">
                                {' '}
                                *
                              </Text>
                            )}
                          </Text>
                          {common.description && (
                            <Text size="xs" c="dimmed">
                              {common.description}
                            </Text>
                          )}
                          <SegmentedControl
                            w="fit-content"
                            readOnly={!view.isEditable}
                            data={[
                              { value: 'yes', label: 'да' },
                              { value: 'no', label: 'нет' },
                              { value: 'none', label: 'не указано' },
                            ]}
                            value={value === true ? 'yes' : value === false ? 'no' : 'none'}
                            onChange={(v) => setValue(f.code, v === 'yes' ? true : v === 'no' ? false : null)}
                            aria-label={f.label}
                          />
                          {common.error && (
                            <Text size="xs" c="red">
                              {common.error}
                            </Text>
                          )}
                        </Stack>
                      ) : f.type === 'text' ? (
                        <Textarea
                          {...common}
                          autosize
                          value={typeof value === 'string' ? value : ''}
                          onChange={(e) => setValue(f.code, e.currentTarget.value || null)}
                        />
                      ) : (
                        <NumberInput
                          {...common}
                          decimalSeparator=","
                          // A count typed as «1,5» reaches the form's check («целое число») instead of
                          // silently becoming 1 or 15.
                          allowDecimal
                          value={typeof value === 'number' ? value : ''}
                          onChange={(v) => setValue(f.code, v === '' || v === null ? null : Number(v))}
                          w={280}
                        />
                      )}
                      {warningOf(f.code) && (
                        <Text size="xs" c="orange.8">
                          ⚠ {warningOf(f.code)}
                        </Text>
                      )}
                      {view.lastYear &&
                        view.lastYear[f.code] !== undefined &&
                        view.lastYear[f.code] !== null && (
                          <Text size="xs" c="dimmed">
                            В прошлом году: {formatFormValue(view.lastYear[f.code])}
                          </Text>
                        )}
                    </Stack>
                  );
                })}
                <Checkbox
                  mt="sm"
                  disabled={!view.isEditable}
                  checked={draft.isRegistryConfirmed}
                  onChange={(e) =>
                    autosave.change({ ...draft, isRegistryConfirmed: e.currentTarget.checked })
                  }
                  label="Подтверждаю: сведения о педагогах организации в реестре полны и актуальны на дату расчёта"
                />
                {view.isEditable && !isDepartment && !canSubmit && (
                  <Text size="sm" c="dimmed" data-testid="submit-blockers">
                    Чтобы отправить форму,{' '}
                    {[
                      missing.length > 2
                        ? `заполните обязательные поля, отмеченные звёздочкой (осталось ${missing.length})`
                        : missing.length
                          ? `заполните ${missing.length === 1 ? 'поле' : 'поля'} ${missing.map((f) => `«${f.label}»`).join(' и ')}`
                          : null,
                      fieldChecks.errors.length ? 'исправьте значения, отмеченные красным' : null,
                      draft.isRegistryConfirmed ? null : 'подтвердите полноту сведений в реестре',
                    ]
                      .filter(Boolean)
                      .join('; ')}
                    .
                  </Text>
                )}
                {submitError && <Alert color="red">{submitError}</Alert>}
                <Group justify="space-between" mt="sm">
                  <Group gap="xs">
                    <Button
                      component="a"
                      href={`${url}/form.xlsx`}
                      variant="default"
                      leftSection={<IconDownload size={16} />}
                    >
                      Скачать форму (Excel)
                    </Button>
                    {view.isEditable && (
                      <FileButton onChange={(file) => file && upload.mutate(file)} accept=".xlsx">
                        {(props) => (
                          <Button
                            {...props}
                            variant="default"
                            leftSection={<IconUpload size={16} />}
                            loading={upload.isPending}
                          >
                            Загрузить заполненную
                          </Button>
                        )}
                      </FileButton>
                    )}
                  </Group>
                  {view.isEditable && !isDepartment && (
                    <Button onClick={() => submit.mutate()} loading={submit.isPending} disabled={!canSubmit}>
                      Отправить координатору
                    </Button>
                  )}
                </Group>
                {uploadErrors.length > 0 && (
                  <Alert color="red" title="Файл не принят">
                    {uploadErrors.map((e, i) => (
                      <Text key={i} size="sm">
                        {e.message}
                      </Text>
                    ))}
                  </Alert>
                )}
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <CampaignMaterialsPanel materials={materials} organizationId={view.organizationId} />
            <Paper withBorder p="md">
              <Title order={3} fz="md" mb="xs">
                Показатели организации по реестру
              </Title>
              <Table fz="sm" verticalSpacing={4} aria-label="Показатели организации">
                <Table.Tbody>
                  {view.indicators.map((i) => (
                    <Table.Tr key={i.code}>
                      <Table.Td w={50} fw={600}>
                        {i.code}
                      </Table.Td>
                      <Table.Td>{i.name}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {i.level ? (
                          <Badge color={LEVEL_COLOR[i.level]} variant="light" title={LEVEL_LABEL[i.level]}>
                            {formatValue(i.value, i.unit)}
                          </Badge>
                        ) : (
                          formatResult(i, i.unit)
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="xs" c="dimmed" mt="xs">
                Рассчитаны по данным реестра сейчас; значения из формы — по черновику после сохранения.
              </Text>
            </Paper>
            <Paper withBorder p="md">
              <Title order={3} fz="md" mb="sm">
                История
              </Title>
              {!view.history.length ? (
                <Text size="sm" c="dimmed">
                  Форма ещё не заполнялась.
                </Text>
              ) : (
                <Timeline bulletSize={14} lineWidth={2} active={view.history.length}>
                  {view.history.map((h, i) => (
                    <Timeline.Item key={i} title={ACTION_LABEL[h.action] ?? h.action}>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(h.at)}, {h.userName}
                      </Text>
                      {h.comment && <Text size="sm">{h.comment}</Text>}
                      {h.changes && Object.keys(h.changes).length > 0 && (
                        <Text size="xs" c="dimmed">
                          {Object.entries(h.changes)
                            .map(
                              ([k, [a, b]]) =>
                                `${view.fields.find((f) => f.code === k)?.label ?? (k === 'isRegistryConfirmed' ? 'подтверждение реестра' : k)}: ${formatFormValue(a)} → ${formatFormValue(b)}`,
                            )
                            .join('; ')}
                        </Text>
                      )}
                    </Timeline.Item>
                  ))}
                </Timeline>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function ReviewPanel({ url, view, onDone }: { url: string; view: SubmissionView; onDone(): void }) {
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [until, setUntil] = useState('');
  const action = useMutation({
    mutationFn: (kind: 'accept' | 'return' | 'reopen') =>
      kind === 'reopen'
        ? api.post(url.replace(/\/submission$/, '/reopen'), { until })
        : api.post(`${url}/${kind}`, { version: view.version, ...(kind === 'return' ? { comment } : {}) }),
    onSuccess: (_, kind) => {
      notifySaved(
        kind === 'accept'
          ? 'Форма принята'
          : kind === 'return'
            ? 'Форма возвращена на доработку'
            : 'Форма открыта для правки',
      );
      setReturning(false);
      onDone();
    },
  });
  return (
    <Paper withBorder p="lg">
      <Title order={3} fz="md" mb="sm">
        Проверка координатором
      </Title>
      <ErrorAlert error={action.error} />
      {view.state === 'submitted' || view.state === 'accepted' ? (
        <Group>
          {view.state === 'submitted' && (
            <Button color="teal" onClick={() => action.mutate('accept')} loading={action.isPending}>
              Принять
            </Button>
          )}
          <Button color="orange" variant="light" onClick={() => setReturning(true)}>
            Вернуть на доработку
          </Button>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          Форма ещё не отправлена.
        </Text>
      )}
      {!view.isEditable && view.state !== 'submitted' && view.state !== 'accepted' && (
        <Group mt="md" align="flex-end">
          <RuDateInput
            label="Открыть форму для правки до"
            value={until || null}
            onChange={(v) => setUntil(v ?? '')}
          />
          <Button variant="default" disabled={!until} onClick={() => action.mutate('reopen')}>
            Открыть
          </Button>
        </Group>
      )}
      <Modal opened={returning} onClose={() => setReturning(false)} title="Вернуть форму на доработку">
        <Stack>
          <Textarea
            label="Что исправить"
            autosize
            minRows={3}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReturning(false)}>
              Отмена
            </Button>
            <Button
              color="orange"
              disabled={comment.trim().length < 3}
              loading={action.isPending}
              onClick={() => action.mutate('return')}
            >
              Вернуть
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
