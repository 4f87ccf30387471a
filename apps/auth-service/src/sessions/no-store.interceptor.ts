import {
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';

/** Sets `Cache-Control: no-store` and `Pragma: no-cache` before the handler runs, so errors carry them too. */
@Injectable()
export class NoStoreInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    void context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache');
    return next.handle();
  }
}

/** Responses that carry tokens or account data are never stored by browsers or proxies (ASVS 14.3.2). */
export const NoStore = (): MethodDecorator & ClassDecorator => UseInterceptors(NoStoreInterceptor);
