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
