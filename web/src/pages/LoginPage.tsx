import {
  Alert,
  Box,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/auth.tsx';

export function LoginPage() {
  const { me, logIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (me) return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!login.trim() || !password) {
      setError('Введите логин и пароль.');
      return;
    }
    setBusy(true);
    try {
      await logIn(login.trim(), password);
      navigate(from, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Не удалось войти. Повторите попытку.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Box w={420} maw="100%">
        <Stack align="center" gap={6} mb="lg">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <Title order={1} fz={28}>
            pedmonitor
          </Title>
          <Text c="dimmed" ta="center" size="sm">
            Муниципальная система обеспечения профессионального развития педагогических работников
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={submit} noValidate>
            <Stack>
              <Title order={2} fz={20}>
                Вход в систему
              </Title>
              {error && (
                <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
                  {error}
                </Alert>
              )}
              <TextInput
                label="Логин"
                name="login"
                autoComplete="username"
                value={login}
                onChange={(e) => setLogin(e.currentTarget.value)}
                autoFocus
              />
              <PasswordInput
                label="Пароль"
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={busy} fullWidth>
                Войти
              </Button>
              <Text size="xs" c="dimmed">
                Учётную запись выдаёт администратор отдела образования. Забыли пароль — обратитесь к нему.
              </Text>
            </Stack>
          </form>
        </Paper>
      </Box>
    </Center>
  );
}
