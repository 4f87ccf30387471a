import type { Schemas } from '@agora/client';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BlurhashImage } from '../../ui/BlurhashImage';
import { formatPrice } from '../../ui/format';

export type Listing = Schemas['ListingDto'];
export type Photo = Schemas['PhotoDto'];

/** The photo to lead with: the main one, else the first by position. */
export function leadPhoto(photos: readonly Photo[] | undefined): Photo | undefined {
  return photos?.find((photo) => photo.side === 'main') ?? photos?.[0];
}

/** A listing in a grid: its lead photo (from the list's answer), title (the link), price, status and tags. */
export function ListingCard({ listing }: { readonly listing: Listing }): ReactNode {
  const { t } = useTranslation('market');
  const photo = listing.leadPhoto;
  return (
    <li className="card market-card">
      {photo ? (
        <BlurhashImage
          src={photo.urls.thumb}
          alt={t('listings.photoOf', { title: listing.title })}
          blurhash={photo.blurhash}
          width={photo.width}
          height={photo.height}
          className="market-card__photo"
        />
      ) : (
        <span className="market-card__photo market-card__nophoto">{t('listings.noPhoto')}</span>
      )}
      <h3 className="market-card__title">
        <Link to={`/listings/${listing.id}`}>{listing.title}</Link>
      </h3>
      <p className="market-card__price">{formatPrice(listing.price, listing.currency)}</p>
      {listing.status !== 'active' && <p className="market-status">{t(`status.${listing.status}`)}</p>}
      {listing.tags.length > 0 && (
        <ul className="market-chips" aria-label={t('listing.tags')}>
          {listing.tags.map((tag) => (
            <li key={tag}>
              <Link className="market-chip" to={`/listings?tag=${encodeURIComponent(tag)}`}>
                #{tag}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
