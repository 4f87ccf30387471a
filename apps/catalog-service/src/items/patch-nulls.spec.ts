import 'reflect-metadata';
import { createValidationPipe, RequestException } from '@agora/http';
import type { Type } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { PatchCategoryDto } from '../categories/category.dto.js';
import { PatchCheckinDto } from '../checkins/checkin.dto.js';
import { PatchCoffeeDto } from '../coffees/coffee.dto.js';
import { UpdateDictionaryValueDto } from '../dictionaries/dictionary.dto.js';
import { PatchListingDto } from '../listings/listing.dto.js';
import { PatchMechanismDto } from '../mechanisms/mechanism.dto.js';
import { PatchProductDto } from '../products/product.dto.js';
import { PatchReviewDto } from '../reviews/review.dto.js';
import { PatchLocationDto } from '../shop-info/shop-info.dto.js';
import { PatchWatchDto } from '../watches/watch.dto.js';

/** Each PATCH body: the fields null may not clear (a NOT NULL column, a list), and those it clears. */
const PATCHES: readonly [Type<object>, readonly string[], readonly string[]][] = [
  [
    PatchCoffeeDto,
    ['name', 'roasterId', 'tastingNotes'],
    ['countryCode', 'originId', 'barcode', 'altitudeMin'],
  ],
  [PatchMechanismDto, ['name', 'functionIds'], ['stones', 'startRelease', 'mechanismTypeId']],
  [PatchWatchDto, ['name', 'folder', 'integratedBracelet', 'aliases'], ['code', 'mechanismId', 'brandId']],
  [
    PatchProductDto,
    ['name', 'price', 'currency', 'available', 'categoryIds'],
    ['description', 'stock', 'coffeeId'],
  ],
  [
    PatchListingDto,
    ['title', 'price', 'currency', 'status', 'characteristics', 'tags'],
    ['description', 'watchId'],
  ],
  [PatchCategoryDto, ['name'], ['description', 'position']],
  [PatchReviewDto, ['rating', 'text'], []],
  [
    PatchLocationDto,
    ['name', 'address', 'city', 'countryCode', 'latitude', 'openingHours'],
    ['phone', 'position'],
  ],
  [PatchCheckinDto, ['rating'], ['text', 'serving', 'locationId', 'venue', 'tagIds', 'photoIds']],
  [UpdateDictionaryValueDto, ['name'], ['countryCode']],
];

async function refusal(metatype: Type<object>, body: object): Promise<string[] | undefined> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype });
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(RequestException);
    return ((error as RequestException).extras.errors ?? []).map((entry) => entry.field);
  }
}

const NAMED = PATCHES.map(
  ([metatype, refused, cleared]) => [metatype.name, metatype, refused, cleared] as const,
);

describe('null in a catalog PATCH body', () => {
  it.each(PATCHES)(
    '%O refuses null where the field cannot be empty, naming it',
    async (metatype, refused) => {
      for (const field of refused) {
        expect(await refusal(metatype, { [field]: null }), field).toEqual([field]);
      }
    },
  );

  it.each(NAMED)('%s takes null where it clears the field', async (_name, metatype, _refused, cleared) => {
    for (const field of cleared) {
      expect(await refusal(metatype, { [field]: null }), field).toBeUndefined();
    }
  });

  it('still takes a field left out', async () => {
    for (const [metatype] of PATCHES) {
      expect(await refusal(metatype, {})).toBeUndefined();
    }
  });
});
