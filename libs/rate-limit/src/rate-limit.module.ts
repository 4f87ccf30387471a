import { ServiceConfig } from '@agora/config';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { RateLimitGuard } from './rate-limit.decorator.js';
import { createRateLimitStore } from './rate-limit-store.js';
import { RATE_LIMIT_STORE, RateLimiter } from './rate-limiter.js';

/** `RateLimiter` and `@RateLimit()` for a service: import `RateLimitModule.forRoot()` once. */
@Global()
@Module({})
export class RateLimitModule {
  static forRoot(): DynamicModule {
    return {
      module: RateLimitModule,
      providers: [
        {
          provide: RATE_LIMIT_STORE,
          inject: [ServiceConfig],
          useFactory: (config: ServiceConfig) =>
            createRateLimitStore(config.REDIS_URL, config.REDIS_KEY_PREFIX),
        },
        RateLimiter,
        RateLimitGuard,
      ],
      exports: [RateLimiter, RateLimitGuard],
    };
  }
}
