import type { ReactNode } from 'react';
import { MediaPhoto } from './MediaPhoto';

interface AvatarProps {
  readonly name: string;
  readonly mediaId: string | null;
  /** The identity provider's picture (https), when no media is set. */
  readonly url?: string | null;
  readonly size?: 'small' | 'large';
  /** The accessible name; empty when the name is printed beside it (decorative). */
  readonly alt: string;
}

/** A round avatar: the user's media, else the provider's picture, else the name's first letter. */
export function Avatar({ name, mediaId, url, size = 'small', alt }: AvatarProps): ReactNode {
  const className = `avatar avatar--${size}`;
  if (mediaId) {
    return (
      <span className={className}>
        <MediaPhoto mediaId={mediaId} alt={alt} edge={size === 'large' ? 256 : 64} />
      </span>
    );
  }
  if (url) {
    return (
      <span className={className}>
        <img src={url} alt={alt} referrerPolicy="no-referrer" />
      </span>
    );
  }
  return (
    <span
      className={`${className} avatar--letter`}
      role={alt ? 'img' : undefined}
      aria-label={alt || undefined}
      aria-hidden={alt ? undefined : true}
    >
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
