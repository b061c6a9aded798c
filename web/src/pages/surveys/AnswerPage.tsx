import { Alert, Center, Container, Loader, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Model } from 'survey-core';
import '../../../../core/surveys/survey-core-properties.ts';
import 'survey-core/i18n/russian';
import 'survey-core/survey-core.css';
import { Survey } from 'survey-react-ui';
import { formatRuDate } from '../../../../core/dates.ts';
import type { SurveyDefinition } from '../../../../core/surveys/definition.ts';
import { api, ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';

interface PublicSurvey {
  title: string;
  kind: 'anonymous' | 'named';
  closesOn: string;
  definition: SurveyDefinition;
  versionNumber: number;
}

/** Where a device keeps its token of an organization link and its partial answer. */
export const linkTokenKey = (code: string) => `pm-survey-link-${code}`;
const draftKey = (token: string) => `pm-survey-draft-${token}`;

export const ANONYMITY_NOTE =
  'Анкета анонимная: ответ сохраняется без имени, учётной записи, адреса и времени — только организация и день. ' +
  'Итоги показываются лишь там, где ответили не меньше пяти человек.';

/**
 * The organization link of an anonymous survey (`/s/o/:code`, the QR code of the notice): the first visit
 * gets a one-time token from the server and keeps it on the device, so reopening continues the same answer.
 */
export function AnswerByLinkPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const kept = localStorage.getItem(linkTokenKey(code));
    if (kept) {
      navigate(`/s/${kept}`, { replace: true });
      return;
    }
    api
      .post<{ token: string }>(`/api/public/surveys/link/${encodeURIComponent(code)}/token`)
      .then(({ token }) => {
        localStorage.setItem(linkTokenKey(code), token);
        navigate(`/s/${token}`, { replace: true });
      })
      .catch(setError);
  }, [code, navigate]);
  return (
    <Container size="sm" py="md">
      {error ? (
        <ErrorAlert error={error} title="Анкета недоступна" />
      ) : (
        <Center py="xl">
          <Loader />
        </Center>
      )}
    </Container>
  );
}

/** The answering page (`/s/:token`): works without an account, on a phone, keeps a partial answer on the device. */
export function AnswerPage() {
  const { token = '' } = useParams();
  const [survey, setSurvey] = useState<PublicSurvey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    api
      .get<PublicSurvey>(`/api/public/surveys/${encodeURIComponent(token)}`)
      .then(setSurvey)
      .catch(setError);
  }, [token]);

  const model = useMemo(() => {
    if (!survey) return null;
    const definition = structuredClone(survey.definition);
    if (survey.kind === 'anonymous')
      definition.pages[0].description = [ANONYMITY_NOTE, definition.pages[0].description]
        .filter(Boolean)
        .join(' ');
    const m = new Model({ ...definition, title: survey.title });
    m.locale = 'ru';
    m.showCompletedPage = false;
    const saved = localStorage.getItem(draftKey(token));
    if (saved) {
      try {
        const { data, page } = JSON.parse(saved) as { data: Record<string, unknown>; page: number };
        m.data = data;
        m.currentPageNo = page;
      } catch {
        localStorage.removeItem(draftKey(token));
      }
    }
    const keep = () =>
      localStorage.setItem(draftKey(token), JSON.stringify({ data: m.data, page: m.currentPageNo }));
    m.onValueChanged.add(keep);
    m.onCurrentPageChanged.add(keep);
    m.onComplete.add((sender) => {
      setError(null);
      api
        .post<{ message: string }>(`/api/public/surveys/${encodeURIComponent(token)}/responses`, {
          answers: sender.data,
        })
        .then((r) => {
          localStorage.removeItem(draftKey(token));
          setDone(r.message);
        })
        .catch((e: unknown) => {
          setError(e);
          if (e instanceof ApiError && e.status === 409) localStorage.removeItem(draftKey(token));
          else sender.clear(false, false); // back to the form, the answers kept
        });
    });
    return m;
  }, [survey, token]);

  return (
    <Container size="md" px="xs" py="md">
      <Stack gap="sm">
        {error ? <ErrorAlert error={error} title="Ответ не отправлен" /> : null}
        {done ? (
          <Alert color="green" title="Спасибо!" role="status">
            {done}
          </Alert>
        ) : !survey ? (
          !error && (
            <Center py="xl">
              <Loader />
            </Center>
          )
        ) : (
          <>
            <Title order={3}>{survey.title}</Title>
            <Text size="sm" c="dimmed">
              Ответить можно до {formatRuDate(survey.closesOn)}. Незаконченный ответ сохраняется на этом
              устройстве.
            </Text>
            {survey.kind === 'anonymous' ? (
              <Alert color="blue" icon={<IconLock size={18} />} title="Анонимно">
                {ANONYMITY_NOTE}
              </Alert>
            ) : (
              <Alert color="gray" title="Именная анкета">
                Ответ будет связан с вашим именем: его увидят те, кому это разрешено в отделе образования.
              </Alert>
            )}
            {model && <Survey model={model} />}
          </>
        )}
      </Stack>
    </Container>
  );
}
