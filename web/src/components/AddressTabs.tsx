import { Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';

export interface AddressTab {
  value: string;
  label: ReactNode;
  content: ReactNode;
}

/**
 * The tabs of a card, the chosen one kept in `?tab=` (none for the default tab), so a reload or a shared
 * link opens the same tab; only the open tab is mounted.
 */
export function AddressTabs({ tabs, defaultTab }: { tabs: AddressTab[]; defaultTab: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const active = searchParams.get('tab') ?? defaultTab;
  return (
    <Tabs
      value={active}
      onChange={(v) => setSearchParams(v && v !== defaultTab ? { tab: v } : {}, { replace: true })}
      keepMounted={false}
    >
      <Tabs.List mb="md">
        {tabs.map((t) => (
          <Tabs.Tab key={t.value} value={t.value}>
            {t.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((t) => (
        <Tabs.Panel key={t.value} value={t.value}>
          {t.content}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
