import { ProblemException } from '@agora/http';
import { Injectable, type PipeTransform } from '@nestjs/common';

/** `?at=`: an ISO 8601 instant to compute `openNow` for; now when absent. */
@Injectable()
export class AtQueryPipe implements PipeTransform<unknown, Date> {
  transform(value: unknown): Date {
    if (value === undefined || value === '') {
      return new Date();
    }
    const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
    if (!at || Number.isNaN(at.getTime())) {
      throw new ProblemException(400, {
        code: 'VALIDATION_FAILED',
        detail: 'at must be an ISO 8601 instant such as 2026-11-27T10:00:00Z',
        errors: [{ field: 'at', messages: ['must be an ISO 8601 instant'] }],
      });
    }
    return at;
  }
}
