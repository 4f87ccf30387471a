import { ApiErrors, codesOf, DomainException, type ErrorCatalog, type ProblemExtras } from '@agora/http';

/** Every code media-service answers with, and its status: the one place they are defined. */
export const MEDIA_ERRORS = {
  MEDIA_NOT_FOUND: { status: 404, description: 'no media (or no such file of it) with this id' },
  NOT_YOUR_MEDIA: { status: 403, description: 'only its owner or an admin deletes a media' },
  QUOTA_EXCEEDED: { status: 403, description: "the upload would take the account's media past its quota" },
  MULTIPART_REQUIRED: { status: 415, description: 'the image goes as multipart/form-data in a field "file"' },
  INVALID_MULTIPART: { status: 400, description: 'the multipart body cannot be read' },
  MEDIA_TOO_LARGE: { status: 413, description: 'the file is larger than MEDIA_MAX_BYTES' },
  IMAGE_TOO_LARGE: { status: 413, description: 'the image has more pixels than accepted' },
  // The HTTP edge's code for a body of the wrong type, kept for images clients already switch on.
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    description: 'not a readable JPEG, PNG, WebP or AVIF image, or one that also carries markup',
  },
} as const satisfies ErrorCatalog;

export type MediaErrorCode = keyof typeof MEDIA_ERRORS;
export const MediaErrorCode = codesOf(MEDIA_ERRORS);

export class MediaException extends DomainException<MediaErrorCode> {
  override readonly name = 'MediaException';

  constructor(code: MediaErrorCode, detail: string, extras?: ProblemExtras) {
    super(MEDIA_ERRORS, code, detail, extras);
  }
}

/** The codes a media route can answer with, for its OpenAPI responses. */
export const ApiMediaErrors = (...codes: MediaErrorCode[]) => ApiErrors(MEDIA_ERRORS, ...codes);
