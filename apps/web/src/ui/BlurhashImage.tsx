import { decode } from 'blurhash';
import { useMemo, useState, type ReactNode } from 'react';

const PLACEHOLDER_SIZE = 32;

/** The blurhash painted into a small data URL: the skeleton shown until the photo arrives. */
export function blurhashDataUrl(blurhash: string, width: number, height: number): string | undefined {
  try {
    const ratio = width > 0 && height > 0 ? width / height : 1;
    const w = ratio >= 1 ? PLACEHOLDER_SIZE : Math.max(1, Math.round(PLACEHOLDER_SIZE * ratio));
    const h = ratio >= 1 ? Math.max(1, Math.round(PLACEHOLDER_SIZE / ratio)) : PLACEHOLDER_SIZE;
    const pixels = decode(blurhash, w, h);
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const context = canvas.getContext('2d');
    if (!context) {
      return undefined;
    }
    const image = context.createImageData(w, h);
    image.data.set(pixels);
    context.putImageData(image, 0, 0);
    return canvas.toDataURL();
  } catch {
    // A malformed hash paints the neutral skeleton instead.
    return undefined;
  }
}

interface BlurhashImageProps {
  readonly src: string;
  readonly alt: string;
  readonly blurhash: string | undefined;
  readonly width: number;
  readonly height: number;
  readonly className?: string;
  /** Above the fold: load at once instead of lazily. */
  readonly eager?: boolean;
}

/** A photo that paints its blurhash first and fades in when loaded; the box keeps its aspect ratio (no shift). */
export function BlurhashImage({
  src,
  alt,
  blurhash,
  width,
  height,
  className,
  eager,
}: BlurhashImageProps): ReactNode {
  const [loaded, setLoaded] = useState(false);
  const placeholder = useMemo(
    () => (blurhash ? blurhashDataUrl(blurhash, width, height) : undefined),
    [blurhash, width, height],
  );
  return (
    <span
      className={['photo', className].filter(Boolean).join(' ')}
      style={{
        aspectRatio: `${width || 1} / ${height || 1}`,
        backgroundImage: !loaded && placeholder ? `url(${placeholder})` : undefined,
      }}
    >
      <img
        src={src}
        alt={alt}
        width={width || undefined}
        height={height || undefined}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
        className={loaded ? 'photo__img photo__img--loaded' : 'photo__img'}
        onLoad={() => setLoaded(true)}
      />
    </span>
  );
}

/** A grey block in the shape of content still loading. */
export function Skeleton({ lines = 3 }: { readonly lines?: number }): ReactNode {
  return (
    <div className="skeleton" aria-hidden="true">
      {Array.from({ length: lines }, (_, index) => (
        <span key={index} className="skeleton__line" />
      ))}
    </div>
  );
}
