import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERROR_STATUS } from '../errors.ts';
import { describeProblem, type RequestPart } from './field-labels.ts';

interface Issue {
  path: string;
  message: string;
}

/** One handler for every error: `{ error: { code, message, details } }`, Russian for people. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(ERROR_STATUS[error.code]).send({
        error: { code: error.code, message: error.message, details: error.details ?? null },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = (error.validationContext ?? 'body') as RequestPart;
      const issues: Issue[] = error.validation.map((v) => ({
        path: String(v.instancePath ?? '')
          .replace(/^\//, '')
          .replaceAll('/', '.'),
        message: v.message ?? 'некорректное значение',
      }));
      // Each problem names its field as the form shows it («Поле «Дата окончания»: …»).
      const text = issues.map((i) => describeProblem(part, i.path, i.message)).join('; ');
      return reply.status(400).send({
        error: { code: 'validation_failed', message: `${text.replace(/\.$/, '')}.`, details: { issues } },
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return sendInternal(reply, request.id);
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({
        error: {
          code: 'rate_limited',
          message: 'Слишком много попыток. Подождите несколько минут и попробуйте снова.',
          details: null,
        },
      });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send({
        error: { code: 'bad_request', message: 'Неподдерживаемый тип содержимого запроса.', details: null },
      });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({
        error: { code: 'payload_too_large', message: 'Файл или запрос слишком велик.', details: null },
      });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send({
        error: { code: 'bad_request', message: 'Тело запроса не является корректным JSON.', details: null },
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({
        error: { code: 'bad_request', message: `Некорректный запрос: ${error.message}`, details: null },
      });
    }
    const check = checkViolation(error);
    if (check) {
      request.log.warn({ err: error, requestId: request.id }, 'database check refused a write');
      return reply
        .status(ERROR_STATUS[check.code])
        .send({ error: { code: check.code, message: check.message, details: null } });
    }
    const refused = refusedValue(error);
    if (refused) {
      request.log.warn({ err: error, requestId: request.id }, 'database refused a value');
      return reply
        .status(400)
        .send({ error: { code: 'validation_failed', message: refused, details: null } });
    }
    request.log.error({ err: error, requestId: request.id }, 'unhandled error');
    return sendInternal(reply, request.id);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: {
        code: 'not_found',
        message: `Адрес ${request.method} ${request.url} не найден.`,
        details: null,
      },
    });
  });
}

/**
 * PostgreSQL's classes of values it refuses (a number beyond the column's type, a string too long, a
 * character it cannot store, too deep a JSON): a request the validators let through is still the client's
 * fault, answered 400 (the transaction is rolled back: nothing half-written). Drizzle wraps the driver's
 * error, so the chain of causes is searched.
 */
const REFUSED_VALUE: Record<string, string> = {
  '22003': 'Число в запросе вне допустимого диапазона.',
  '22001': 'Строка в запросе длиннее допустимой.',
  '22P05': 'Запрос содержит недопустимый символ (U+0000 или одиночный суррогат UTF-16).',
  '22021': 'Запрос содержит символ, недопустимый в кодировке базы данных.',
  '22008': 'Дата в запросе вне допустимого диапазона.',
  '54001': 'Запрос слишком сложен: уменьшите вложенность данных.',
};

/** The error of the chain of causes (Drizzle wraps the driver's) whose SQLSTATE passes the test. */
function databaseError(error: unknown, test: (code: string) => boolean) {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && test(code)) return e as { code: string; message?: unknown };
  }
  return null;
}

function refusedValue(error: unknown): string | null {
  const found = databaseError(error, (code) => code in REFUSED_VALUE);
  return found ? REFUSED_VALUE[found.code] : null;
}

export const CHECK_VIOLATION_MESSAGE =
  'Изменение нарушает правило целостности данных и не сохранено. Проверьте введённые значения.';

/**
 * check_violation (23514): a CHECK constraint, or one of our triggers guarding a rule the services also
 * check (a campaign's participants belong to its municipality). A trigger says in Russian what is wrong:
 * that sentence is the answer, 409 (the write conflicts with the data already there). A CHECK constraint
 * speaks English and names the constraint: the answer is a general Russian sentence, 400 (the value is wrong).
 */
function checkViolation(error: unknown) {
  const found = databaseError(error, (code) => code === '23514');
  if (!found) return null;
  const text = typeof found.message === 'string' ? found.message.trim() : '';
  if (/[А-Яа-яЁё]/.test(text))
    return { code: 'conflict' as const, message: /[.!?]$/.test(text) ? text : `${text}.` };
  return { code: 'validation_failed' as const, message: CHECK_VIOLATION_MESSAGE };
}

function sendInternal(reply: import('fastify').FastifyReply, requestId: string) {
  return reply.status(500).send({
    error: {
      code: 'internal',
      message: `Внутренняя ошибка сервера. Сообщите администратору код запроса ${requestId}.`,
      details: { requestId },
    },
  });
}
