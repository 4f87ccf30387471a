import {
  applyDecorators,
  createParamDecorator,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { documentParameterErrors } from './domain-errors.js';
import { ApiHttpErrors, HTTP_ERRORS, HttpErrorCode, RequestException } from './http.errors.js';

/**
 * Optimistic locking over HTTP (RFC 9110 conditional requests): every editable resource carries a
 * `version`, answered as its strong entity tag `ETag: "<version>"`; a PUT, PATCH or DELETE with
 * `If-Match: "<version>"` applies only while the resource is still at that version, else 412. Without
 * If-Match the last writer wins.
 */
export function entityTag(version: number): string {
  return `"${version}"`;
}

/** The versions an If-Match header accepts; undefined when it is absent or `*` (any). */
export type ExpectedVersions = readonly number[] | undefined;

const TAG = /^(?:W\/)?"(\d{1,9})"$/;

export function parseIfMatch(header: string | string[] | undefined): ExpectedVersions {
  const value = (Array.isArray(header) ? header.join(',') : header)?.trim();
  if (value === undefined || value === '' || value === '*') {
    return undefined;
  }
  const versions = value.split(',').map((part) => TAG.exec(part.trim())?.[1]);
  if (versions.some((version) => version === undefined)) {
    throw new RequestException(
      HttpErrorCode.INVALID_IF_MATCH,
      'If-Match takes the ETag of the resource as it came, e.g. "3"',
      {
        errors: [{ field: 'If-Match', messages: ['must be a list of entity tags such as "3", or *'] }],
      },
    );
  }
  return versions.map(Number);
}

const ifMatchParam = createParamDecorator((_data: unknown, context: ExecutionContext): ExpectedVersions =>
  parseIfMatch(context.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);

/** The request's If-Match versions (`@IfMatch() expected: ExpectedVersions`); documents INVALID_IF_MATCH. */
export function IfMatch(): ParameterDecorator {
  const param = ifMatchParam();
  const documented = documentParameterErrors(HTTP_ERRORS, HttpErrorCode.INVALID_IF_MATCH);
  return (target, key, index) => {
    param(target, key, index);
    documented(target, key, index);
  };
}

/** Refuses a write whose If-Match names another version than the resource's: 412 naming the current one. */
export function assertVersionMatches(expected: ExpectedVersions, current: number): void {
  if (expected !== undefined && !expected.includes(current)) {
    throw new RequestException(
      HttpErrorCode.PRECONDITION_FAILED,
      `The resource is at version ${current}; read it again and retry with If-Match: "${current}"`,
      {
        extensions: { currentVersion: current },
        headers: { etag: entityTag(current) },
      },
    );
  }
}

function versionOf(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return undefined;
  }
  const version = (body as { version?: unknown }).version;
  return typeof version === 'number' && Number.isInteger(version) ? version : undefined;
}

/** Answers every single versioned resource (a body with an integer `version`) with its ETag. */
@Injectable()
export class EntityTagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = versionOf(body);
        if (version !== undefined) {
          void reply.header('etag', entityTag(version));
        }
        return body;
      }),
    );
  }
}

/** Documents If-Match and the 412 of a conditional write. */
export function ApiConditionalWrite(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The ETag of the resource as read ("<version>"): the write applies only at that version (412 otherwise). ' +
        'Without it the last writer wins.',
    }),
    ApiHttpErrors(HttpErrorCode.INVALID_IF_MATCH, HttpErrorCode.PRECONDITION_FAILED),
  );
}
