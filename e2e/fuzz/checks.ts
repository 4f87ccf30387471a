import type { FuzzOperation } from './openapi.js';
import type { FuzzResponse } from './requests.js';
import type { ResponseSchemas } from './response-schemas.js';

/** What can be wrong with one answer. */
export type DefectKind =
  /** No answer at all: connection reset, timeout. */
  | 'no-answer'
  /** 5xx. */
  | 'server-error'
  /** A 4xx that is not `application/problem+json`, or whose body is not a problem document with its status. */
  | 'not-problem-json'
  /** A 4xx problem without a machine-readable `code`. */
  | 'problem-without-code'
  /** A 2xx status the document does not list for the operation. */
  | 'undocumented-status'
  /** A 2xx body that does not match the documented schema. */
  | 'schema';

export interface Defect {
  readonly kind: DefectKind;
  readonly detail: string;
}

export interface CheckOptions {
  /** 4xx problems must carry a `code` (the house rule; see the fuzz spec for the evidence). */
  readonly requireCode: boolean;
}

/** The fuzzer's assertions for one answer: no 5xx, every 4xx a coded problem+json, every 2xx as documented. */
export function checkResponse(
  operation: FuzzOperation,
  response: FuzzResponse,
  schemas: ResponseSchemas,
  options: CheckOptions,
): Defect[] {
  const { status } = response;
  if (status === 0) {
    return [{ kind: 'no-answer', detail: response.error ?? 'no answer' }];
  }
  if (status >= 500) {
    return [{ kind: 'server-error', detail: response.text.slice(0, 300) }];
  }
  if (status >= 400) {
    const mediaType = (response.contentType ?? '').split(';')[0].trim().toLowerCase();
    const problem = response.json as { status?: unknown; code?: unknown } | undefined;
    if (mediaType !== 'application/problem+json') {
      return [
        {
          kind: 'not-problem-json',
          detail: `content-type ${response.contentType ?? '(none)'}: ${response.text.slice(0, 200)}`,
        },
      ];
    }
    if (!problem || typeof problem !== 'object' || problem.status !== status) {
      return [{ kind: 'not-problem-json', detail: `body ${response.text.slice(0, 200)}` }];
    }
    if (options.requireCode && (typeof problem.code !== 'string' || problem.code.length === 0)) {
      return [{ kind: 'problem-without-code', detail: response.text.slice(0, 300) }];
    }
    return [];
  }
  if (status >= 200 && status < 300) {
    const result = schemas.check(operation, status, response.contentType, response.json, response.text);
    if (!result.ok) {
      return [{ kind: result.kind, detail: result.detail }];
    }
    if (/json/i.test(response.contentType ?? '') && response.text.length > 0 && response.json === undefined) {
      return [
        {
          kind: 'schema',
          detail: `JSON content type, but the body does not parse: ${response.text.slice(0, 100)}`,
        },
      ];
    }
  }
  return [];
}
