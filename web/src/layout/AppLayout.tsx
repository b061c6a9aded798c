import {
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { role as roleLabels } from '../../../core/enums.ts';
import { useAuth } from '../auth/auth.tsx';
import { ChangePasswordModal } from '../pages/users/ChangePasswordModal.tsx';
import { navigationFor } from './navigation.ts';
import { NotificationsBell } from './NotificationsBell.tsx';

/**
 * An item is active on its page and the pages below it, unless a longer item of the menu holds the page
 * («Регион» is not lit on «Регион → Приём результатов»).
 */
function isActive(to: string, pathname: string, sections: ReturnType<typeof navigationFor>) {
  const holds = (path: string) =>
    path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
  if (!holds(to)) return false;
  return !sections.some(({ items }) =>
    items.some((i) => i.to.length > to.length && i.to.startsWith(to) && holds(i.to)),
  );
}

export function AppLayout() {
  const { me, logOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  if (!me) return null;
  const sections = navigationFor(me.roles.map((g) => g.role));
  const initials = me.fullName
    .split(/\s+/)
    .slice(0, 2)
    .map((p) => p[0])
    .join('');
  const roleText = [...new Set(me.roles.map((g) => roleLabels.label[g.role]))].join(', ');

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Меню" />
            <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Group gap={8}>
                <img src="/favicon.svg" alt="" width={28} height={28} />
                <Text fw={700} size="lg">
                  pedmonitor
                </Text>
                <Text size="sm" c="dimmed" visibleFrom="md">
                  профессиональное развитие педагогов
                </Text>
              </Group>
            </Link>
          </Group>
          <Group gap="xs">
            <NotificationsBell />
            <Menu position="bottom-end" width={260}>
              <Menu.Target>
                <UnstyledButton aria-label="Меню пользователя">
                  <Group gap={8}>
                    <Avatar color="blue" radius="xl" size={32}>
                      {initials}
                    </Avatar>
                    <Stack gap={0} visibleFrom="sm">
                      <Text size="sm" fw={500} lh={1.2}>
                        {me.fullName}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.2}>
                        {roleText}
                      </Text>
                    </Stack>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Вы вошли как {me.login}</Menu.Label>
                <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setPasswordOpen(true)}>
                  Сменить пароль
                </Menu.Item>
                <Menu.Item
                  color="red"
                  leftSection={<IconLogout size={16} />}
                  onClick={async () => {
                    await logOut();
                    navigate('/login');
                  }}
                >
                  Выйти
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="Основное меню">
            {sections.map(({ section, items }) => (
              <div key={section || 'main'}>
                {section && (
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
                    {section}
                  </Text>
                )}
                {items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    leftSection={<item.icon size={18} stroke={1.6} />}
                    active={isActive(item.to, location.pathname, sections)}
                    onClick={close}
                    style={{ borderRadius: 6 }}
                  />
                ))}
              </div>
            ))}
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
      <ChangePasswordModal opened={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </AppShell>
  );
}
