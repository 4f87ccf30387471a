import type { Schemas } from '@agora/client';
import { api } from '../../api/client';

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

/**
 * Attaches an uploaded media to a listing by side, at once: catalog-service reads a media it has not yet heard of
 * from media-service, so an attach right after the upload needs no retry.
 */
export function attachListingPhoto(listingId: string, mediaId: string, body: Schemas['AttachPhotoDto']) {
  return api.PUT('/listings/{id}/photos/{mediaId}', {
    params: { path: { id: listingId, mediaId } },
    body,
  });
}
