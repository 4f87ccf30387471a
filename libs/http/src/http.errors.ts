import {
  ApiErrors,
  codesOf,
  DomainException,
  type ErrorCatalog,
  type ProblemExtras,
} from './domain-errors.js';

/**
 * The codes of the HTTP edge, raised before or around any domain code: reading and validating the request,
 * conditional writes, and the errors Fastify raises itself (their status comes with them).
 */
export const HTTP_ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    description: 'the request does not pass validation; `errors` names each field',
  },
  MALFORMED_JSON: { status: 400, description: 'the body is not valid JSON' },
  JSON_TOO_DEEP: { status: 400, description: 'the JSON body nests arrays and objects too deeply' },
  INVALID_CHARACTERS: {
    status: 400,
    description: 'a parameter or body field holds a NUL character or an unpaired surrogate',
  },
  INVALID_CONTENT_LENGTH: { status: 400, description: 'Content-Length does not match the body' },
  BAD_URL: { status: 400, description: 'the URL cannot be decoded' },
  INVALID_IF_MATCH: { status: 400, description: 'If-Match is not a list of entity tags such as "3", or *' },
  PRECONDITION_FAILED: {
    status: 412,
    description: 'the resource changed since it was read (If-Match); `currentVersion` names it',
  },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'the body is larger than the route accepts' },
  URI_TOO_LONG: { status: 414, description: 'a path parameter is too long' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'the body is not of a media type the route takes' },
} as const satisfies ErrorCatalog;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;
export const HttpErrorCode = codesOf(HTTP_ERRORS);

/** An error of the HTTP edge (a request that cannot be read or validated, a failed precondition). */
export class RequestException extends DomainException<HttpErrorCode> {
  override readonly name = 'RequestException';

  constructor(code: HttpErrorCode, detail: string, extras?: ProblemExtras) {
    super(HTTP_ERRORS, code, detail, extras);
  }
}

/** The codes of the HTTP edge a route can answer with, for its OpenAPI responses. */
export const ApiHttpErrors = (...codes: HttpErrorCode[]) => ApiErrors(HTTP_ERRORS, ...codes);

/** What any route taking a JSON body can answer before its handler runs. */
export const BODY_ERROR_CODES: readonly HttpErrorCode[] = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'JSON_TOO_DEEP',
  'INVALID_CHARACTERS',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
];

/** What any route taking query or path parameters can answer before its handler runs. */
export const PARAMETER_ERROR_CODES: readonly HttpErrorCode[] = ['VALIDATION_FAILED', 'INVALID_CHARACTERS'];
