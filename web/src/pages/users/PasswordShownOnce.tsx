import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';

/** A generated password is shown once: the server never returns it again. */
export function PasswordShownOnce({
  login,
  password,
  onClose,
}: {
  login: string;
  password: string;
  onClose(): void;
}) {
  return (
    <Modal opened onClose={onClose} title="Пароль пользователя">
      <Stack>
        <Text size="sm">
          Логин: <Code>{login}</Code>
        </Text>
        <Group>
          <Code fz="lg" data-testid="generated-password">
            {password}
          </Code>
          <CopyButton value={password}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? 'Скопировано' : 'Копировать'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Alert color="yellow">
          Пароль показывается один раз. Передайте его пользователю; он сможет сменить его после входа.
        </Alert>
        <Button onClick={onClose}>Готово</Button>
      </Stack>
    </Modal>
  );
}
