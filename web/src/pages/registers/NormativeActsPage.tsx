import { Anchor, Badge, Group, Paper, SegmentedControl, Select, Switch, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { ACT_KINDS, actKind } from '../../../../core/enums.ts';
import { toIsoDate } from '../../../../core/dates.ts';
import type { FieldDef } from '../../../../core/registry/fields.ts';
import { normativeActKind } from '../../../../core/registry/kinds.ts';
import { withParams } from '../../api/client.ts';
import { PageHeader } from '../../components/common.tsx';
import type { RecordRow } from '../teachers/api.ts';
import { RecordList } from '../teachers/records/RecordList.tsx';
import { useRegistersRole } from './api.ts';
import { registersFieldRenderer } from './fields.tsx';

function actCell(f: FieldDef, row: RecordRow) {
  if (f.key === 'organizationId') return String(row.organizationShortName ?? 'муниципальный уровень');
  if (f.key === 'title')
    return (
      <Group gap={6} wrap="nowrap">
        {row.url ? (
          <Anchor href={String(row.url)} target="_blank" rel="noreferrer" size="sm">
            {String(row.title)} <IconExternalLink size={12} />
          </Anchor>
        ) : (
          <Text size="sm">{String(row.title)}</Text>
        )}
        {row.isInForce ? (
          <Badge size="xs" color="teal" variant="light">
            действует
          </Badge>
        ) : (
          <Badge size="xs" color="gray" variant="light">
            не действует
          </Badge>
        )}
        {((row.programs as { id: number; title: string }[] | undefined) ?? []).map((p) => (
          <Anchor key={p.id} component={Link} to={`/programs/${p.id}?tab=parameters`} size="xs">
            утверждает: {p.title}
          </Anchor>
        ))}
      </Group>
    );
  return undefined;
}

/** Acts of one organization (its card's tab) or the whole list with filters (the page). */
export function NormativeActsList({
  organization,
  filters = {},
}: {
  organization?: { id: number; shortName: string };
  filters?: Record<string, string | undefined>;
}) {
  const { isDepartment, managedOrganizationIds, canManage } = useRegistersRole();
  const own = organization ?? null;
  const url = withParams('/api/normative-acts', { organizationId: own?.id, pageSize: 1000, ...filters });
  const canAdd = own ? canManage(own.id) : isDepartment || managedOrganizationIds.length > 0;
  return (
    <RecordList
      kind={normativeActKind}
      listUrl={url}
      itemUrl={(id) => `/api/normative-acts/${id}`}
      queryKey={['normative-acts', url]}
      canEdit={canAdd}
      isRowEditable={(row) => canManage((row.organizationId as number | null) ?? null)}
      columns={
        own
          ? ['kind', 'number', 'date', 'title', 'validFrom', 'validTo']
          : ['organizationId', 'kind', 'number', 'date', 'title', 'validFrom', 'validTo']
      }
      renderCell={actCell}
      renderField={registersFieldRenderer({ fixedOrganization: own })}
      defaults={{
        organizationId: own?.id ?? (isDepartment ? null : managedOrganizationIds[0]),
        kind: 'mentoring',
      }}
      title={own ? `НПА: ${own.shortName}` : undefined}
      addLabel="Добавить НПА"
      emptyText="Нормативных правовых актов не найдено."
    />
  );
}

export function NormativeActsPage() {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const level = params.get('level') ?? 'all';
  const kind = params.get('kind');
  const inForce = params.get('inForce') === '1';
  return (
    <>
      <PageHeader
        title="Нормативные правовые акты"
        subtitle="Акты муниципального уровня и локальные акты организаций: о методических объединениях, о поддержке молодых педагогов, о наставничестве"
      />
      <Paper withBorder p="md" mb="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <SegmentedControl
            value={level}
            onChange={(v) => set('level', v === 'all' ? null : v)}
            data={[
              { value: 'all', label: 'Все' },
              { value: 'municipal', label: 'Муниципальные' },
              { value: 'organization', label: 'Организаций' },
            ]}
          />
          <Select
            label="Вид акта"
            placeholder="Все виды"
            data={ACT_KINDS.map((k) => ({ value: k, label: actKind.label[k] }))}
            value={kind}
            onChange={(v) => set('kind', v)}
            clearable
            w={300}
          />
          <Switch
            label="Только действующие"
            checked={inForce}
            onChange={(e) => set('inForce', e.currentTarget.checked ? '1' : null)}
            mb={8}
          />
        </Group>
      </Paper>
      <NormativeActsList
        filters={{
          level: level === 'all' ? undefined : level,
          kind: kind ?? undefined,
          inForceOn: inForce ? toIsoDate(new Date()) : undefined,
        }}
      />
    </>
  );
}
