import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconExternalLink, IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { competenceArea, resourceKind } from '../../../../core/enums.ts';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { notifySaved, useFormSubmit } from '../../lib/forms.ts';
import { useDeficits, type Deficit } from '../teachers/api.ts';
import { RESOURCE_KIND_COLOR, WHOLE, type Resource, type ResourceKind } from './api.ts';
import { ConfirmDeleteModal } from './RouteModals.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';
import { SearchBox } from './fields.tsx';

const KIND_OPTIONS = resourceKind.values.map((value) => ({ value, label: resourceKind.label[value] }));

/**
 * The catalog the ИОМ builder proposes steps from: for every deficit of the catalog, the courses, events,
 * mentoring and self-study the district offers. Deficits without resources are shown too — the builder can
 * only suggest self-study for them.
 */
export function DeficitResourcesPage() {
  const { hasRole } = useAuth();
  const canEdit = hasRole('admin', 'coordinator');
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [area, setArea] = useState<string | null>(null);
  const [editing, setEditing] = useState<Resource | { deficitCode: string } | null>(null);
  const [deleting, setDeleting] = useState<Resource | null>(null);
  const deficits = useDeficits();
  const query = useQuery({
    queryKey: ['deficit-resources'],
    queryFn: () => api.get<Resource[]>('/api/deficit-resources'),
  });
  const refresh = () => {
    setEditing(null);
    setDeleting(null);
    client.invalidateQueries({ queryKey: ['deficit-resources'] });
  };
  if (query.isLoading || deficits.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Каталог недоступен" />;
  const all = query.data;
  const needle = q.trim().toLowerCase();
  const matches = (r: Resource) =>
    (!kind || r.kind === kind) &&
    (!needle ||
      [r.title, r.provider ?? '', r.deficitTitle, r.deficitCode].some((x) =>
        x.toLowerCase().includes(needle),
      ));
  const list = (deficits.data ?? []).filter((d) => !area || d.area === area);
  const covered = (deficits.data ?? []).filter((d) => all.some((r) => r.deficitCode === d.code)).length;
  const isFiltered = Boolean(needle || kind);

  return (
    <>
      <PageHeader
        title="Ресурсы для ИОМ"
        subtitle="Каталог, из которого конструктор индивидуальных образовательных маршрутов предлагает шаги по выявленным дефицитам"
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ deficitCode: '' })}>
              Добавить ресурс
            </Button>
          )
        }
      />
      <Stack>
        <Group gap="lg">
          <Text size="sm">
            Ресурсов: <b>{all.length}</b>
          </Text>
          <Text size="sm">
            Дефицитов с ресурсами: <b>{covered}</b> из {deficits.data?.length ?? 0}
          </Text>
          <Text size="sm">
            Использовано в шагах маршрутов: <b>{all.reduce((sum, r) => sum + r.stepCount, 0)}</b>
          </Text>
        </Group>
        <Group>
          <SearchBox value={q} onChange={setQ} placeholder="Поиск по названию, организации, дефициту" />
          <Select
            placeholder="Все виды"
            data={KIND_OPTIONS}
            value={kind}
            onChange={setKind}
            clearable
            aria-label="Вид"
          />
          <Select
            placeholder="Все компетенции"
            data={competenceArea.values.map((value) => ({ value, label: competenceArea.label[value] }))}
            value={area}
            onChange={setArea}
            clearable
            aria-label="Компетенции"
          />
        </Group>
        {list.map((d) => {
          const own = all.filter((r) => r.deficitCode === d.code);
          const shown = own.filter(matches);
          if (isFiltered && !shown.length) return null;
          return (
            <Paper withBorder p="md" key={d.code} aria-label={`Дефицит ${d.code}`}>
              <Group justify="space-between" mb={shown.length ? 'xs' : 0} wrap="nowrap" align="flex-start">
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Badge variant="light" color="orange" mt={2}>
                    {d.code}
                  </Badge>
                  <Stack gap={0}>
                    <Text fw={600}>{d.title}</Text>
                    <Text size="xs" c={own.length ? 'dimmed' : 'orange.8'}>
                      {competenceArea.label[d.area]} ·{' '}
                      {own.length
                        ? `ресурсов: ${own.length}`
                        : 'ресурсов нет — конструктор предложит только самообразование'}
                    </Text>
                  </Stack>
                </Group>
                {canEdit && (
                  <Button
                    size="xs"
                    variant="subtle"
                    leftSection={<IconPlus size={14} />}
                    onClick={() => setEditing({ deficitCode: d.code })}
                  >
                    Ресурс
                  </Button>
                )}
              </Group>
              {shown.length > 0 && (
                <Table verticalSpacing={6} aria-label={`Ресурсы: ${d.code}`}>
                  <Table.Tbody>
                    {shown.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td w={230}>
                          <Badge variant="light" color={RESOURCE_KIND_COLOR[r.kind]} tt="none" style={WHOLE}>
                            {resourceKind.label[r.kind]}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {r.title}
                            {r.url && (
                              <>
                                {' '}
                                <Anchor href={r.url} target="_blank" size="sm" aria-label="Открыть ссылку">
                                  <IconExternalLink size={13} />
                                </Anchor>
                              </>
                            )}
                          </Text>
                          {(r.provider || r.hours) && (
                            <Text size="xs" c="dimmed">
                              {[r.provider, r.hours ? `${r.hours} ч` : null].filter(Boolean).join(', ')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td w={150}>
                          <Text size="xs" c="dimmed">
                            {r.isShared ? 'общий ресурс' : ''}
                            {r.stepCount ? `в маршрутах: ${r.stepCount}` : ''}
                          </Text>
                        </Table.Td>
                        {canEdit && (
                          <Table.Td w={80}>
                            {(!r.isShared || hasRole('admin')) && (
                              <Group gap={4} wrap="nowrap" justify="flex-end">
                                <EditDeleteIcons
                                  onEdit={() => setEditing(r)}
                                  onDelete={() => setDeleting(r)}
                                  editLabel="Изменить ресурс"
                                  deleteLabel="Удалить ресурс"
                                  iconSize={15}
                                />
                              </Group>
                            )}
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
      </Stack>
      {editing && (
        <ResourceModal
          resource={'id' in editing ? editing : null}
          deficitCode={editing.deficitCode}
          deficits={deficits.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
      {deleting && (
        <ConfirmDeleteModal
          title="Удалить ресурс?"
          text={`«${deleting.title}» будет удалён из каталога.${deleting.stepCount ? ' Шаги маршрутов, составленные по нему, сохранятся.' : ''}`}
          url={`/api/deficit-resources/${deleting.id}`}
          onClose={() => setDeleting(null)}
          onDeleted={refresh}
        />
      )}
    </>
  );
}

interface ResourceValues {
  deficitCode: string;
  kind: ResourceKind;
  title: string;
  provider: string;
  hours: number | string;
  url: string;
}

function ResourceModal({
  resource,
  deficitCode,
  deficits,
  onClose,
  onSaved,
}: {
  resource: Resource | null;
  deficitCode: string;
  deficits: Deficit[];
  onClose(): void;
  onSaved(): void;
}) {
  const form = useForm<ResourceValues>({
    initialValues: {
      deficitCode: resource?.deficitCode ?? deficitCode,
      kind: resource?.kind ?? 'course',
      title: resource?.title ?? '',
      provider: resource?.provider ?? '',
      hours: resource?.hours ?? '',
      url: resource?.url ?? '',
    },
    validate: {
      deficitCode: (v) => (v ? null : '«Дефицит»: обязательное поле'),
      title: (v) => (v.trim().length >= 3 ? null : '«Название»: не короче 3 символов'),
    },
  });
  const { submit, error, isSaving } = useFormSubmit(form, async (values) => {
    const body = { ...values, hours: values.hours === '' ? null : Number(values.hours) };
    if (resource)
      await api.patch(`/api/deficit-resources/${resource.id}`, { ...body, version: resource.version });
    else await api.post('/api/deficit-resources', body);
    notifySaved(resource ? 'Ресурс сохранён' : 'Ресурс добавлен в каталог');
    onSaved();
  });
  return (
    <Modal opened onClose={onClose} title={resource ? 'Ресурс каталога' : 'Новый ресурс каталога'} size="lg">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack>
          {error && !Object.keys(form.errors).length && (
            <ErrorAlert error={new Error(error)} title="Не сохранено" />
          )}
          <Select
            label="Дефицит"
            withAsterisk
            searchable
            data={deficits.map((d) => ({ value: d.code, label: `${d.code} — ${d.title}` }))}
            {...form.getInputProps('deficitCode')}
          />
          <Select
            label="Вид"
            withAsterisk
            data={KIND_OPTIONS}
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
          <Textarea
            label="Название"
            withAsterisk
            autosize
            minRows={2}
            maxLength={500}
            {...form.getInputProps('title')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Кто проводит"
              description="ЦНППМ, ИРО, методический кабинет…"
              maxLength={300}
              {...form.getInputProps('provider')}
            />
            <NumberInput
              label="Часов"
              min={1}
              max={2000}
              allowDecimal={false}
              {...form.getInputProps('hours')}
            />
          </SimpleGrid>
          <TextInput label="Ссылка" placeholder="https://" {...form.getInputProps('url')} />
          <FormActions onCancel={onClose} loading={isSaving} />
        </Stack>
      </form>
    </Modal>
  );
}
