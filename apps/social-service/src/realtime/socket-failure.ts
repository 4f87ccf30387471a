import { isDomainException } from '@agora/http';
import type { Logger } from 'pino';

/** What a failed acknowledgement or a refused handshake carries. */
export interface SocketFailure {
  readonly ok: false;
  readonly code: string;
  readonly status: number;
  readonly detail: string;
}

/**
 * A domain error as a socket acknowledgement (the code, status and detail it would have over REST); anything
 * else is logged and answered as the REST filter answers it, `INTERNAL_ERROR` without details.
 */
export function socketFailure(error: unknown, logger: Logger): SocketFailure {
  if (isDomainException(error)) {
    return { ok: false, code: error.code, status: error.status, detail: error.detail };
  }
  logger.error({ err: error }, 'socket event failed');
  return { ok: false, code: 'INTERNAL_ERROR', status: 500, detail: 'Something went wrong on our side' };
}
