import type { Schemas } from '@agora/client';
import { api } from '../../api/client';
import { asProblem } from '../../api/problem';

/**
 * Uploads one image to `POST /media` as multipart/form-data (field `file`). The generated schema types the binary
 * field as a string, so the File travels in the FormData the serializer returns; the browser sets the boundary.
 */
export function uploadMedia(file: File) {
  const form = new FormData();
  form.append('file', file);
  return api.POST('/media', {
    // The body object only satisfies the type; what is sent is `form` (bodySerializer below).
    body: { file: file.name } satisfies Schemas['UploadMediaDto'],
    bodySerializer: () => form,
  });
}

/** How long an attach waits for catalog to learn of a fresh upload (media-service tells it by an event). */
const ATTACH_PATIENCE_MS = 15_000;

/**
 * Attaches an uploaded media to a listing by side. catalog-service learns who owns a media from media-service's
 * `media.media.uploaded.v1`, so an attach right after the upload may meet `MEDIA_NOT_FOUND` for a moment: it is
 * tried again, a little later each time, until the event has arrived or the patience is spent.
 */
export async function attachListingPhoto(
  listingId: string,
  mediaId: string,
  body: Schemas['AttachPhotoDto'],
) {
  const started = Date.now();
  for (let delay = 200; ; delay = Math.min(delay * 2, 2_000)) {
    const answer = await api.PUT('/listings/{id}/photos/{mediaId}', {
      params: { path: { id: listingId, mediaId } },
      body,
    });
    const code = asProblem(answer.error).code;
    if (
      answer.error === undefined ||
      code !== 'MEDIA_NOT_FOUND' ||
      Date.now() - started > ATTACH_PATIENCE_MS
    ) {
      return answer;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
