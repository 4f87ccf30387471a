import type { PhotoKind } from '@agora/contracts';
import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** Every code catalog-service answers with, and its status: the one place they are defined. */
export const CATALOG_ERRORS = {
  VALIDATION_FAILED: { status: 400, description: 'a field is missing, cleared or out of range' },
  UNKNOWN_DICTIONARY_VALUE: { status: 400, description: 'a field names no value of its dictionary' },
  UNKNOWN_MECHANISM: { status: 400, description: 'mechanismId names no mechanism' },
  UNKNOWN_CATEGORY: { status: 400, description: 'categoryIds names no category' },
  INVALID_REPLACEMENT: { status: 400, description: 'a value cannot replace itself' },
  TRANSLATION_OF_ORIGINAL: {
    status: 400,
    description: 'the language is the one the name is written in: edit the item or value itself',
  },
  UNKNOWN_LOCATION: { status: 400, description: 'locationId names no shop location' },
  UNKNOWN_SOLD_ITEM: { status: 400, description: 'coffeeId or watchId names no such coffee or watch' },
  IMPORT_FEED_INVALID: {
    status: 400,
    description: 'the import feed is neither CSV with a header nor JSON rows',
  },
  IMPORT_SOURCE_NOT_ALLOWED: {
    status: 400,
    description: 'an import URL is http(s) on a host of CATALOG_IMPORT_ALLOWED_HOSTS',
  },
  IMPORT_FEED_TOO_LARGE: {
    status: 413,
    description: 'the import feed passes CATALOG_IMPORT_MAX_BYTES or CATALOG_IMPORT_MAX_ROWS',
  },
  IMPORT_SOURCE_FAILED: { status: 422, description: 'the import URL did not answer a feed' },

  NOT_YOUR_ITEM: { status: 403, description: "only moderators (and the item's author) change its photos" },
  NOT_YOUR_MEDIA: { status: 403, description: 'only its owner attaches a media' },
  NOT_YOUR_LISTING: { status: 403, description: 'only the seller, moderators and admins change a listing' },
  NOT_YOUR_REVIEW: { status: 403, description: 'only its author (or a moderator) changes a review' },
  NOT_YOUR_CHECKIN: {
    status: 403,
    description: 'only its author (or a moderator, to delete) changes a check-in',
  },
  NOT_YOUR_COMMENT: { status: 403, description: 'only its author or a moderator deletes a comment' },
  OWN_LISTING: { status: 403, description: 'sellers do not review their own listings' },

  COFFEE_NOT_FOUND: { status: 404, description: 'no such coffee' },
  TRANSLATION_NOT_FOUND: { status: 404, description: 'no translation into this language' },
  WATCH_NOT_FOUND: { status: 404, description: 'no such watch' },
  MECHANISM_NOT_FOUND: { status: 404, description: 'no such mechanism' },
  PRODUCT_NOT_FOUND: { status: 404, description: 'no such product' },
  LISTING_NOT_FOUND: { status: 404, description: 'no such listing (or not visible to the caller)' },
  REVIEW_NOT_FOUND: { status: 404, description: 'no such review' },
  CATEGORY_NOT_FOUND: { status: 404, description: 'no such category' },
  DICTIONARY_VALUE_NOT_FOUND: { status: 404, description: 'no such value in this dictionary' },
  LOCATION_NOT_FOUND: { status: 404, description: 'no such shop location' },
  DRAFT_NOT_FOUND: { status: 404, description: "no such draft (or someone else's)" },
  MEDIA_NOT_FOUND: { status: 404, description: 'no such media (or not known yet)' },
  PHOTO_NOT_FOUND: { status: 404, description: 'the media is not on this item' },
  CHECKIN_NOT_FOUND: { status: 404, description: 'no such check-in' },
  COMMENT_NOT_FOUND: { status: 404, description: 'no such comment' },
  NOT_IN_COLLECTION: { status: 404, description: "the watch is not in the caller's collection" },

  BARCODE_TAKEN: { status: 409, description: 'another coffee has this barcode' },
  WATCH_EXISTS: { status: 409, description: 'another watch has this folder or code' },
  MECHANISM_EXISTS: { status: 409, description: 'another mechanism has this name' },
  MECHANISM_IN_USE: { status: 409, description: 'watches still use this mechanism' },
  CATEGORY_EXISTS: { status: 409, description: 'another category has this name' },
  DICTIONARY_VALUE_EXISTS: { status: 409, description: 'the dictionary has a value of this name' },
  DICTIONARY_VALUE_IN_USE: { status: 409, description: 'the value is in use; delete with replaceWith' },
  DRAFT_NOT_OPEN: { status: 409, description: 'the draft is no longer open for this' },
  DRAFT_CONFLICT: {
    status: 409,
    description: 'the item changed (or was deleted) since the draft was written',
  },
  DRAFT_NO_LONGER_APPLIES: {
    status: 409,
    description: 'what the draft refers to changed since it was written',
  },
  INVALID_STATUS_TRANSITION: { status: 409, description: "the listing's status does not allow this one" },
  LISTING_NOT_PUBLIC: { status: 409, description: 'only active or sold listings take reviews' },
  ALREADY_REVIEWED: { status: 409, description: 'the caller reviewed this listing already' },
  MAIN_PHOTO_TAKEN: { status: 409, description: 'the item already has a main photo' },
  PHOTO_ALREADY_ATTACHED: { status: 409, description: 'the media is already on the item' },
  PHOTO_CONFLICT: { status: 409, description: 'another photo holds this slot' },
} as const satisfies ErrorCatalog;

export type CatalogErrorCode = keyof typeof CATALOG_ERRORS;
export const CatalogErrorCode = codesOf(CATALOG_ERRORS);

export class CatalogException extends DomainException<CatalogErrorCode> {
  constructor(code: CatalogErrorCode, detail: string, extras?: ProblemExtras) {
    super(CATALOG_ERRORS, code, detail, extras);
  }
}

/** The codes a catalog route can answer with, for its OpenAPI responses. */
export const ApiCatalogErrors = (...codes: CatalogErrorCode[]) => ApiErrors(CATALOG_ERRORS, ...codes);

/** Each kind of item's not-found code. */
export const ITEM_NOT_FOUND: Readonly<Record<PhotoKind, CatalogErrorCode>> = {
  coffee: CatalogErrorCode.COFFEE_NOT_FOUND,
  watch: CatalogErrorCode.WATCH_NOT_FOUND,
  mechanism: CatalogErrorCode.MECHANISM_NOT_FOUND,
  product: CatalogErrorCode.PRODUCT_NOT_FOUND,
  listing: CatalogErrorCode.LISTING_NOT_FOUND,
  review: CatalogErrorCode.REVIEW_NOT_FOUND,
};

export const itemNotFound = (kind: PhotoKind, id: string): CatalogException =>
  new CatalogException(ITEM_NOT_FOUND[kind], `No ${kind} ${id}`);
