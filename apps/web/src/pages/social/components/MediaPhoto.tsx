import type { Schemas } from '@agora/client';
import type { ReactNode } from 'react';
import { api } from '../../../api/client';
import { BlurhashImage, Skeleton } from '../../../ui/BlurhashImage';
import { useQuery } from '../../../ui/use-query';

type Variant = Schemas['MediaVariantDto'];

/** The smallest variant at least `edge` wide (else the largest there is). */
function pickVariant(variants: readonly Variant[], edge: number): Variant | undefined {
  const wideEnough = variants.filter((variant) => Math.max(variant.width, variant.height) >= edge);
  const pool = wideEnough.length > 0 ? wideEnough : variants;
  return [...pool].sort((a, b) => (wideEnough.length > 0 ? a.width - b.width : b.width - a.width))[0];
}

/** A media by id: its public metadata (size, blurhash, variant URLs), painted blurhash-first. */
export function MediaPhoto({
  mediaId,
  alt,
  edge = 1024,
  className,
}: {
  readonly mediaId: string;
  readonly alt: string;
  /** The edge in CSS pixels the photo is shown at: picks the variant. */
  readonly edge?: number;
  readonly className?: string;
}): ReactNode {
  const media = useQuery(`media:${mediaId}`, () =>
    api.GET('/media/{id}', { params: { path: { id: mediaId } } }),
  );
  const variant = media.data ? pickVariant(media.data.variants, edge) : undefined;
  if (!media.data || !variant) {
    return media.loading ? <Skeleton lines={1} /> : null;
  }
  return (
    <BlurhashImage
      src={variant.url}
      alt={alt}
      blurhash={media.data.blurhash}
      width={media.data.width}
      height={media.data.height}
      {...(className ? { className } : {})}
    />
  );
}
