import { isLanguage, languageOfRequest, translate, varyOnLanguage, type Language } from '@agora/http';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import type { TranslatableDto } from './translation.dto.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

function isTranslatable(value: Record<string, unknown>): value is Record<string, unknown> & TranslatableDto {
  return (
    typeof value.name === 'string' && isLanguage(value.originalLanguage) && isPlainObject(value.translations)
  );
}

/**
 * The answer with every translatable object in it (an item, the dictionary values it refers to, a page of
 * them) answered in `language` (Vendure's `translateDeep`): `name` and `description` along the fallback chain
 * requested → en → original, `language` saying where `name` came from. Returns new objects; the input is not
 * changed (pages may be cached).
 */
export function translateDeep(value: unknown, language: Language): unknown {
  if (Array.isArray(value)) {
    return value.map((element) => translateDeep(element, language));
  }
  if (!isPlainObject(value)) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    copy[key] = key === 'translations' ? member : translateDeep(member, language);
  }
  if (isTranslatable(value)) {
    const name = translate('name', value.name, value.originalLanguage, value.translations, language);
    const description = translate('description', null, value.originalLanguage, value.translations, language);
    copy.name = name.value;
    copy.description = description.value;
    copy.language = name.language;
  }
  return copy;
}

/**
 * Answers catalog-service's routes in the request's language (`?lang=`, then `Accept-Language`): sets
 * `Content-Language` when one was asked for and `Vary: Accept-Language` always (caches key on it), and
 * translates the body (translateDeep). Problems are translated by the problem filter (libs/http).
 */
@Injectable()
export class TranslateInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const http = context.switchToHttp();
    const language = languageOfRequest(http.getRequest<FastifyRequest>());
    const reply = http.getResponse<FastifyReply>();
    varyOnLanguage(reply);
    if (language === null) {
      return next.handle();
    }
    void reply.header('content-language', language);
    return next.handle().pipe(map((body: unknown) => translateDeep(body, language)));
  }
}
