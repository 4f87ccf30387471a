import { currentRequestId } from '@agora/logging';
import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details.js';
import { isDomainException } from './domain-errors.js';
import type { HttpErrorCode } from './http.errors.js';
import { languageOfRequest, varyOnLanguage, type Language } from './language.js';
import { localizeProblem } from './problem-messages.js';

function titleOf(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** The code of an error raised without one (the router's 404, a pipe's 400): its status, as a name. */
export function defaultCodeOf(status: number): string {
  return titleOf(status)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Codes for the errors Fastify raises itself while reading a request, before any route runs. */
const FASTIFY_CODES: Readonly<Record<string, HttpErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_BAD_URL: 'BAD_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
};

function detailOf(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  if (typeof response === 'string') {
    return response;
  }
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) {
    return message.join('; ');
  }
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Builds the problem document for any thrown value; unknown errors become an opaque 500. `language`: the
 * request's (libs/http language.ts): title and detail in it from the problem catalogue, `code` as it is.
 */
export function toProblem(
  exception: unknown,
  instance: string | undefined,
  language: Language | null = null,
): ProblemDetails {
  return localizeProblem(englishProblem(exception, instance), language);
}

function englishProblem(exception: unknown, instance: string | undefined): ProblemDetails {
  const requestId = currentRequestId();
  if (isDomainException(exception)) {
    const domain = exception;
    const status = domain.status;
    return {
      type: 'about:blank',
      title: titleOf(status),
      status,
      detail: domain.detail,
      ...(instance ? { instance } : {}),
      ...(requestId ? { requestId } : {}),
      ...domain.extras.extensions,
      code: domain.code,
      ...(domain.extras.errors ? { errors: [...domain.extras.errors] } : {}),
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return {
      type: 'about:blank',
      title: titleOf(status),
      status,
      detail: detailOf(exception),
      ...(instance ? { instance } : {}),
      ...(requestId ? { requestId } : {}),
      code: defaultCodeOf(status),
    };
  }
  const status = (exception as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Errors raised by Fastify itself before routing: malformed JSON, unsupported media type, body too large.
    const fastifyCode = (exception as { code?: unknown }).code;
    return {
      type: 'about:blank',
      title: titleOf(status),
      status,
      detail: (exception as Error).message,
      ...(instance ? { instance } : {}),
      ...(requestId ? { requestId } : {}),
      code: (typeof fastifyCode === 'string' && FASTIFY_CODES[fastifyCode]) || defaultCodeOf(status),
    };
  }
  return {
    type: 'about:blank',
    title: titleOf(HttpStatus.INTERNAL_SERVER_ERROR),
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: 'An unexpected error occurred; quote the request id when reporting it',
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    code: 'INTERNAL_ERROR',
  };
}

/** Sends the problem; its title and detail are in `language` (English when null). */
export function sendProblem(
  reply: FastifyReply,
  problem: ProblemDetails,
  language: Language | null = null,
): void {
  void reply
    .status(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('content-language', language ?? 'en');
  varyOnLanguage(reply);
  void reply.send(problem);
}

/** Every HTTP error leaves as RFC 9457 problem+json; 5xx are logged with their stack. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      throw exception;
    }
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const language = languageOfRequest(request);
    const problem = toProblem(exception, request.url.split('?')[0], language);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, method: request.method, url: request.url }, 'request failed');
    }
    const reply = http.getResponse<FastifyReply>();
    const headers = isDomainException(exception) ? exception.extras.headers : undefined;
    if (headers) {
      void reply.headers(headers);
    }
    sendProblem(reply, problem, language);
  }
}
