import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { ErrorAlert, Loading, PageHeader } from '../components/common.tsx';
import { applyServerError, notifySaved } from '../lib/forms.ts';

interface Smtp {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  from: string;
}

export function SettingsPage() {
  const query = useQuery({
    queryKey: ['settings', 'smtp'],
    queryFn: () => api.get<Smtp | null>('/api/settings/smtp'),
  });
  if (query.isLoading) return <Loading />;
  return (
    <>
      <PageHeader title="Настройки" subtitle="Почтовый сервер для напоминаний о сроках мониторинга" />
      <ErrorAlert error={query.error} />
      {!query.error && <SmtpForm initial={query.data ?? null} />}
    </>
  );
}

function SmtpForm({ initial }: { initial: Smtp | null }) {
  const [error, setError] = useState<string | null>(null);
  const [to, setTo] = useState('');
  const form = useForm<Smtp>({
    initialValues: initial ?? { host: '', port: 587, secure: false, user: '', password: '', from: '' },
  });
  const save = useMutation({
    mutationFn: (v: Smtp) => api.put('/api/settings/smtp', v),
    onSuccess: () => notifySaved('Настройки почты сохранены'),
    onError: (e) => setError(applyServerError(form, e)),
  });
  const test = useMutation({
    mutationFn: () => api.post('/api/settings/smtp/test', { to }),
    onSuccess: () => notifySaved(`Пробное письмо отправлено на ${to}`),
  });
  const remind = useMutation({ mutationFn: () => api.post<{ sent: unknown[] }>('/api/reminders/run') });
  return (
    <Stack>
      <Paper withBorder p="lg">
        <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
          <Stack>
            <Title order={3} fz="md">
              SMTP-сервер
            </Title>
            {error && <Alert color="red">{error}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label="Адрес сервера"
                placeholder="smtp.example.ru"
                {...form.getInputProps('host')}
              />
              <NumberInput label="Порт" {...form.getInputProps('port')} />
              <Checkbox
                mt={30}
                label="Защищённое соединение (SSL/TLS)"
                {...form.getInputProps('secure', { type: 'checkbox' })}
              />
              <TextInput label="Пользователь" {...form.getInputProps('user')} />
              <PasswordInput label="Пароль" {...form.getInputProps('password')} />
              <TextInput
                label="Отправитель"
                placeholder="Отдел образования <roo@example.ru>"
                {...form.getInputProps('from')}
              />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                Сохранить
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="lg">
        <Stack>
          <Title order={3} fz="md">
            Проверка и рассылка
          </Title>
          <ErrorAlert error={test.error ?? remind.error} />
          <Group align="flex-end">
            <TextInput
              label="Пробное письмо на адрес"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              w={320}
            />
            <Button variant="default" disabled={!to} loading={test.isPending} onClick={() => test.mutate()}>
              Отправить пробное письмо
            </Button>
          </Group>
          <Group>
            <Button variant="default" loading={remind.isPending} onClick={() => remind.mutate()}>
              Разослать напоминания сейчас
            </Button>
            {remind.data && <Text size="sm">Отправлено напоминаний: {remind.data.sent.length}</Text>}
          </Group>
          <Text size="xs" c="dimmed">
            Напоминания рассылаются автоматически раз в час: за заданное в мониторинге число дней до окончания
            основного этапа и на следующий день после срока — тем, кто не отправил форму.
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
