import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpErrorCode, RequestException } from './http.errors.js';

/** Deepest nesting of arrays and objects a JSON body may have; deeper ones are refused before parsing. */
export const MAX_JSON_DEPTH = 32;

const JSON_CHARSETS = new Set(['utf-8', 'utf8']);

/** The `charset` parameter of a Content-Type header, lower-cased; undefined when absent. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/**
 * Whether a JSON text nests arrays and objects deeper than `max`, found by one scan that skips strings.
 * Parsers and validators recurse; a body 3,000 levels deep must be refused before it reaches them.
 */
export function jsonDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) {
        index += 1;
      } else if (char === 0x22) {
        inString = false;
      }
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > max) {
        return true;
      }
    } else if (char === 0x5d || char === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * Characters no Agora text can hold: NUL, which PostgreSQL text and jsonb refuse, and a UTF-16 surrogate
 * without its pair (`"\ud800"` in JSON), which has no UTF-8 form (jsonb refuses it, encoders throw).
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** The path of the first string (or key) holding a character no text column can store. */
export function pathOfUnstorableText(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    return isStorableText(value) ? undefined : path;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = pathOfUnstorableText(value[index], `${path}[${index}]`);
      if (found) {
        return found;
      }
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const child = path ? `${path}.${key}` : key;
      if (!isStorableText(key)) {
        return child;
      }
      const found = pathOfUnstorableText(item, child);
      if (found) {
        return found;
      }
    }
  }
  return undefined;
}

function badBody(code: HttpErrorCode, detail: string): RequestException {
  return new RequestException(code, detail, { errors: [{ field: 'body', messages: [detail] }] });
}

const RAW_BODY = Symbol('agora.rawBody');

/** The JSON body exactly as it came (UTF-8 text), e.g. for a webhook's signature; '' when there was none. */
export function rawBodyOf(request: FastifyRequest): string {
  return (request as unknown as Record<symbol, string | undefined>)[RAW_BODY] ?? '';
}

/**
 * JSON is the only body a JSON route takes: `application/json` in UTF-8 (no other charset), nested at most
 * MAX_JSON_DEPTH levels, without `__proto__`/`constructor.prototype` keys. Other media types (forms,
 * text) get 415; an empty body is no body.
 */
export function registerJsonBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit },
    (request: FastifyRequest, body: string | Buffer, done: (error: Error | null, body?: unknown) => void) => {
      const charset = charsetOf(request.headers['content-type']);
      if (charset !== undefined && !JSON_CHARSETS.has(charset)) {
        done(
          new RequestException(
            HttpErrorCode.UNSUPPORTED_MEDIA_TYPE,
            `JSON bodies are UTF-8; charset=${charset.slice(0, 40)} is not accepted`,
          ),
        );
        return;
      }
      const text = typeof body === 'string' ? body : body.toString('utf8');
      (request as unknown as Record<symbol, string>)[RAW_BODY] = text;
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      if (jsonDeeperThan(text, MAX_JSON_DEPTH)) {
        done(badBody(HttpErrorCode.JSON_TOO_DEEP, `JSON bodies may nest at most ${MAX_JSON_DEPTH} levels`));
        return;
      }
      void parseJson(request, text, (error, parsed) => {
        done(error ? badBody(HttpErrorCode.MALFORMED_JSON, 'The body is not valid JSON') : null, parsed);
      });
    },
  );
}

function fieldsOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/**
 * Refuses NUL characters and unpaired surrogates anywhere in the path parameters, query string or body
 * with a 400 naming the parameter: PostgreSQL cannot store them, and no Agora field needs them.
 */
export function assertStorableText(request: FastifyRequest): void {
  const sources: [string, unknown][] = [
    ['path', request.params],
    ['query', request.query],
    ['body', request.body],
  ];
  for (const [source, value] of sources) {
    for (const [name, item] of Object.entries(fieldsOf(value))) {
      const field = pathOfUnstorableText(item, name) ?? (isStorableText(name) ? undefined : name);
      if (field) {
        const shown = JSON.stringify(field).slice(1, -1);
        throw new RequestException(
          HttpErrorCode.INVALID_CHARACTERS,
          `${source} parameter ${shown} contains a NUL character or an unpaired surrogate`,
          {
            errors: [{ field: shown, messages: ['must not contain NUL characters or unpaired surrogates'] }],
          },
        );
      }
    }
  }
}
