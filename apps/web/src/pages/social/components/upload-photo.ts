import { api } from '../../../api/client';
import { asProblem, type Problem } from '../../../api/problem';

/** Uploads one photo (POST /media, multipart): the media's id, or the problem. */
export async function uploadPhoto(file: File): Promise<{ id?: string; problem?: Problem }> {
  const form = new FormData();
  form.append('file', file);
  const { data, error } = await api.POST('/media', {
    // The typed body names the part; the bytes go as multipart through the serializer.
    body: { file: file.name },
    bodySerializer: () => form,
  });
  return data ? { id: data.id } : { problem: asProblem(error) };
}
