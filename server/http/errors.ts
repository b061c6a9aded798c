import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERROR_STATUS } from '../errors.ts';

interface Issue {
  path: string;
  message: string;
}

const PART_LABEL: Record<string, string> = {
  body: 'Тело запроса',
  querystring: 'Параметры запроса',
  params: 'Параметры адреса',
  headers: 'Заголовки',
};

/** One handler for every error: `{ error: { code, message, details } }`, Russian for people. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(ERROR_STATUS[error.code]).send({
        error: { code: error.code, message: error.message, details: error.details ?? null },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = PART_LABEL[error.validationContext ?? 'body'] ?? 'Запрос';
      const issues: Issue[] = error.validation.map((v) => ({
        path: String(v.instancePath ?? '')
          .replace(/^\//, '')
          .replaceAll('/', '.'),
        message: v.message ?? 'некорректное значение',
      }));
      const text = issues.map((i) => (i.path ? `поле «${i.path}»: ${i.message}` : i.message)).join('; ');
      return reply.status(400).send({
        error: { code: 'validation_failed', message: `${part}: ${text}.`, details: { issues } },
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

function sendInternal(reply: import('fastify').FastifyReply, requestId: string) {
  return reply.status(500).send({
    error: {
      code: 'internal',
      message: `Внутренняя ошибка сервера. Сообщите администратору код запроса ${requestId}.`,
      details: { requestId },
    },
  });
}
