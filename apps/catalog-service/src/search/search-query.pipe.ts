import { CatalogErrorCode, CatalogException } from '../catalog.errors.js';
import { Injectable, type PipeTransform } from '@nestjs/common';

/** `q`: required, 1..200 characters after trimming, one value. */
@Injectable()
export class SearchQueryPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text.length === 0 || text.length > 200) {
      throw new CatalogException(CatalogErrorCode.VALIDATION_FAILED, 'q must be 1 to 200 characters', {
        errors: [{ field: 'q', messages: ['must be 1 to 200 characters'] }],
      });
    }
    return text;
  }
}
