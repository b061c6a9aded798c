import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconBell, IconChevronDown, IconChevronUp, IconDownload, IconSelector } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  applyTableQuery,
  parseTableQuery,
  STATE_FILTER_LABEL,
  STATE_FILTERS,
  tableQueryParams,
  TIMELINESS_FILTERS,
  type SortKey,
  type TableQuery,
} from '../../../../core/campaigns/completeness-table.ts';
import { TIMELINESS_LABEL } from '../../../../core/campaigns/completeness.ts';
import { formatRuDate } from '../../../../core/dates.ts';
import { ORGANIZATION_KINDS } from '../../../../core/enums.ts';
import { ORGANIZATION_FORMS, countOf } from '../../../../core/format.ts';
import { withParams } from '../../api/client.ts';
import { KIND_SHORT } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { STATE_COLOR, type CampaignView } from './api.ts';
import { PhoneLink, ReminderOutcome, useRemind } from './reminders.tsx';

const QUERY_KEYS = ['state', 'timeliness', 'kind', 'sort', 'dir'];

/** A form that a reminder is for: not sent, or returned for revision and not sent again. */
const isRemindable = (o: CampaignView['organizations'][number]) =>
  o.state !== 'submitted' && o.state !== 'accepted';

/**
 * The completeness table of a campaign: filters and sort kept in the address (a methodist shares the link),
 * rows selected for one bulk reminder, and the same view exported to Excel.
 */
export function CompletenessTable({ view, isDepartment }: { view: CampaignView; isDepartment: boolean }) {
  const { campaign, organizations } = view;
  const [params, setParams] = useSearchParams();
  const query = parseTableQuery((name) => params.get(name));
  const rows = applyTableQuery(organizations, query);
  const [selected, setSelected] = useState<number[]>([]);
  const canRemind = isDepartment && campaign.status === 'active';
  const remind = useRemind(() => setSelected([]));

  const setQuery = (patch: Partial<TableQuery>) => {
    const next = new URLSearchParams(params);
    for (const key of QUERY_KEYS) next.delete(key);
    for (const [key, value] of Object.entries(tableQueryParams({ ...query, ...patch }))) next.set(key, value);
    setParams(next, { replace: true });
  };
  const sortBy = (sort: SortKey) =>
    setQuery({ sort, dir: query.sort === sort && query.dir === 'asc' ? 'desc' : 'asc' });

  const remindable = rows.filter(isRemindable).map((o) => o.organizationId);
  const chosen = selected.filter((id) => rows.some((r) => r.organizationId === id));
  const allChosen = remindable.length > 0 && remindable.every((id) => chosen.includes(id));

  const th = (sort: SortKey, children: string) => {
    const Icon = query.sort !== sort ? IconSelector : query.dir === 'asc' ? IconChevronUp : IconChevronDown;
    return (
      <Table.Th
        key={sort}
        aria-sort={query.sort === sort ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <UnstyledButton onClick={() => sortBy(sort)} aria-label={`Сортировать: ${children}`}>
          <Group gap={4} wrap="nowrap">
            <Text size="sm" fw={600}>
              {children}
            </Text>
            <Icon size={14} />
          </Group>
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <>
      <Group mb="sm" align="flex-end" justify="space-between">
        <Group align="flex-end">
          <Select
            label="Статус формы"
            placeholder="все"
            clearable
            w={210}
            data={STATE_FILTERS.map((s) => ({ value: s, label: STATE_FILTER_LABEL[s] }))}
            value={query.state}
            onChange={(v) => setQuery({ state: (v as TableQuery['state']) ?? null })}
          />
          <Select
            label="Срок"
            placeholder="все"
            clearable
            w={200}
            data={TIMELINESS_FILTERS.map((s) => ({ value: s, label: TIMELINESS_LABEL[s] }))}
            value={query.timeliness}
            onChange={(v) => setQuery({ timeliness: (v as TableQuery['timeliness']) ?? null })}
          />
          <Select
            label="Тип организации"
            placeholder="все"
            clearable
            w={190}
            data={ORGANIZATION_KINDS.map((k) => ({ value: k, label: KIND_SHORT[k] }))}
            value={query.kind}
            onChange={(v) => setQuery({ kind: (v as TableQuery['kind']) ?? null })}
          />
          <Text size="sm" c="dimmed" pb={8} data-testid="completeness-shown">
            Показано {rows.length} из {countOf(organizations.length, ORGANIZATION_FORMS)}
          </Text>
        </Group>
        <Group>
          {canRemind && (
            <Button
              leftSection={<IconBell size={16} />}
              disabled={!chosen.length}
              loading={remind.isPending}
              onClick={() => remind.mutate({ campaignId: campaign.id, organizationIds: chosen })}
            >
              {chosen.length
                ? `Напомнить: ${countOf(chosen.length, ORGANIZATION_FORMS)}`
                : 'Напомнить выбранным'}
            </Button>
          )}
          {isDepartment && (
            <Button
              component="a"
              variant="default"
              leftSection={<IconDownload size={16} />}
              href={withParams(`/api/campaigns/${campaign.id}/completeness.xlsx`, tableQueryParams(query))}
            >
              Excel
            </Button>
          )}
        </Group>
      </Group>
      <ReminderOutcome remind={remind} />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" aria-label="Полнота и своевременность">
            <Table.Thead>
              <Table.Tr>
                {canRemind && (
                  <Table.Th w={36}>
                    <Checkbox
                      aria-label="Выбрать все, кому можно напомнить"
                      checked={allChosen}
                      indeterminate={!allChosen && chosen.length > 0}
                      disabled={!remindable.length}
                      onChange={() => setSelected(allChosen ? [] : remindable)}
                    />
                  </Table.Th>
                )}
                {th('name', 'Организация')}
                {th('kind', 'Тип')}
                {th('state', 'Статус')}
                {th('submittedAt', 'Отправлено')}
                {th('updatedAt', 'Изменено')}
                {th('responsible', 'Ответственный')}
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => (
                <Table.Tr
                  key={o.organizationId}
                  bg={o.timeliness === 'late' || o.isOverdue ? 'red.0' : undefined}
                  data-late={o.timeliness === 'late' || o.isOverdue || undefined}
                >
                  {canRemind && (
                    <Table.Td>
                      {isRemindable(o) && (
                        <Checkbox
                          aria-label={`Выбрать ${o.organizationName}`}
                          checked={chosen.includes(o.organizationId)}
                          onChange={(e) =>
                            setSelected(
                              e.currentTarget.checked
                                ? [...chosen, o.organizationId]
                                : chosen.filter((id) => id !== o.organizationId),
                            )
                          }
                        />
                      )}
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {o.organizationName}
                    </Text>
                    {o.reopenedUntil && (
                      <Text size="xs" c="dimmed">
                        открыта до {formatRuDate(o.reopenedUntil)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{KIND_SHORT[o.kind]}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Badge color={STATE_COLOR[o.state]} variant="light">
                        {o.stateLabel}
                      </Badge>
                      {o.timeliness === 'late' && (
                        <Tooltip label="Впервые отправлено после окончания основного этапа">
                          <Badge color="red">с опозданием</Badge>
                        </Tooltip>
                      )}
                      {o.isOverdue && (
                        <Tooltip label="Срок прошёл, форма не отправлена">
                          <Badge color="red">не отправлено</Badge>
                        </Tooltip>
                      )}
                    </Group>
                    {o.state === 'returned' && o.reviewComment && (
                      <Text size="xs" c="orange.8" mt={2}>
                        {o.reviewComment}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDateTime(o.submittedAt)}</Table.Td>
                  <Table.Td>{formatDateTime(o.updatedAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{o.contactName ?? '—'}</Text>
                    <PhoneLink phone={o.contactPhone} />
                    {o.lastReminderAt && (
                      <Text size="xs" c="dimmed">
                        напомнено {formatDateTime(o.lastReminderAt)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      component={Link}
                      to={`/campaigns/${campaign.id}/organizations/${o.organizationId}`}
                      size="xs"
                      variant={o.state === 'submitted' && isDepartment ? 'filled' : 'light'}
                    >
                      {isDepartment ? (o.state === 'submitted' ? 'Проверить' : 'Открыть') : 'Заполнить форму'}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
              {!rows.length && (
                <Table.Tr>
                  <Table.Td colSpan={canRemind ? 8 : 7}>
                    <Text c="dimmed" ta="center" py="md">
                      Нет организаций с такими условиями.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </>
  );
}
