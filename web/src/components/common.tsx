import { Alert, Badge, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { organizationKind, type OrganizationKind } from '../../../core/enums.ts';
import { ApiError } from '../api/client.ts';

export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap" gap="sm">
      <Stack gap={4}>
        <Title order={2} fw={650}>
          {title}
        </Title>
        {subtitle && (
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        )}
      </Stack>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}

export function ErrorAlert({
  error,
  title = 'Не удалось выполнить действие',
}: {
  error: unknown;
  title?: string;
}) {
  if (!error) return null;
  const message =
    error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={title} role="alert">
      {message}
    </Alert>
  );
}

export function Loading({ label = 'Загрузка…' }: { label?: string }) {
  return (
    <Center py="xl">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Center py="xl">
      <Stack align="center" gap={6}>
        <IconInbox size={36} stroke={1.3} color="var(--mantine-color-gray-5)" />
        <Text c="dimmed" ta="center">
          {children}
        </Text>
      </Stack>
    </Center>
  );
}

export const KIND_SHORT: Record<OrganizationKind, string> = {
  school: 'Школа',
  preschool: 'Детский сад',
  additional: 'Доп. образование',
};
const KIND_COLOR: Record<OrganizationKind, string> = {
  school: 'blue',
  preschool: 'grape',
  additional: 'teal',
};

export function KindBadge({ kind }: { kind: OrganizationKind }) {
  return (
    <Badge variant="light" color={KIND_COLOR[kind]} title={organizationKind.label[kind]}>
      {KIND_SHORT[kind]}
    </Badge>
  );
}

export function FlagBadges({
  isLowResults,
  isHardSocialConditions,
}: {
  isLowResults: boolean;
  isHardSocialConditions: boolean;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      {isLowResults && (
        <Badge
          color="orange"
          variant="filled"
          size="sm"
          title="Школа с низкими образовательными результатами"
        >
          ШНОР
        </Badge>
      )}
      {isHardSocialConditions && (
        <Badge
          color="red"
          variant="filled"
          size="sm"
          title="Школа, функционирующая в сложных социальных условиях"
        >
          ШССУ
        </Badge>
      )}
    </Group>
  );
}

export function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group align="flex-start" gap="md" wrap="nowrap">
      {/* Narrower on a phone, so the value is not squeezed to a few letters a line. */}
      <Text c="dimmed" size="sm" w={{ base: 120, sm: 200 }} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: 'break-word' }}>
        {children === null || children === undefined || children === '' ? '—' : children}
      </Text>
    </Group>
  );
}
