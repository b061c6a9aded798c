import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** «Section › this page» above a card: the section is a link back to its list. */
export function PageCrumbs({ to, section, current }: { to: string; section: string; current: ReactNode }) {
  return (
    <Breadcrumbs mb="xs">
      <Anchor component={Link} to={to} size="sm">
        {section}
      </Anchor>
      <Text size="sm">{current}</Text>
    </Breadcrumbs>
  );
}
