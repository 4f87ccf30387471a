import type { Schemas } from '@agora/client';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Skeleton } from '../../ui/BlurhashImage';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useQuery, type QueryState } from '../../ui/use-query';

const NEW_COUNT = 6;
const TOP_COUNT = 5;

interface SectionProps {
  readonly id: string;
  readonly title: string;
  readonly query: Pick<QueryState<unknown>, 'data' | 'loading' | 'problem'>;
  /** How many items came: 0 shows "nothing here". */
  readonly count: number;
  readonly children: ReactNode;
  readonly more?: { readonly to: string; readonly label: string };
}

/** A card of the home page: its heading, a skeleton while loading, the problem, the list, a "see all" link. */
function Section({ id, title, query, count, children, more }: SectionProps): ReactNode {
  const { t } = useTranslation();
  return (
    <section className="card home-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {query.loading && query.data === undefined && <Skeleton lines={3} />}
      <ProblemMessage problem={query.problem} />
      {query.data !== undefined && count === 0 && <p className="muted">{t('state.empty')}</p>}
      {count > 0 && <ol className="home-list">{children}</ol>}
      {more && <Link to={more.to}>{more.label}</Link>}
    </section>
  );
}

function TopEntry({
  entry,
  path,
}: {
  readonly entry: Schemas['TopEntryDto'];
  readonly path: string;
}): ReactNode {
  const { t } = useTranslation('home');
  return (
    <>
      <Link to={`${path}/${entry.id}`}>{entry.name}</Link>{' '}
      <span className="muted">
        {t('score', { score: entry.score.toFixed(2), count: entry.rating.count })}
      </span>
    </>
  );
}

/** New coffees and listings, top-rated coffees and watches: what anyone sees on the home page. */
export function HomeSections(): ReactNode {
  const { t } = useTranslation('home');
  const newCoffees = useQuery('home:new-coffees', () =>
    api.GET('/coffees', { params: { query: { sort: '-createdAt', limit: NEW_COUNT } } }),
  );
  const newListings = useQuery('home:new-listings', () =>
    api.GET('/listings', {
      params: { query: { sort: '-publishedAt', filter: { status: { eq: 'active' } }, limit: NEW_COUNT } },
    }),
  );
  const topCoffees = useQuery('home:top-coffees', () =>
    api.GET('/coffees/top', { params: { query: { limit: TOP_COUNT } } }),
  );
  const topWatches = useQuery('home:top-watches', () =>
    api.GET('/watches/top', { params: { query: { limit: TOP_COUNT } } }),
  );
  return (
    <div className="home-sections">
      <Section
        id="home-top-coffees"
        title={t('topCoffees')}
        query={topCoffees}
        count={topCoffees.data?.items.length ?? 0}
      >
        {topCoffees.data?.items.map((entry) => (
          <li key={entry.id}>
            <TopEntry entry={entry} path="/coffees" />
          </li>
        ))}
      </Section>
      <Section
        id="home-top-watches"
        title={t('topWatches')}
        query={topWatches}
        count={topWatches.data?.items.length ?? 0}
      >
        {topWatches.data?.items.map((entry) => (
          <li key={entry.id}>
            <TopEntry entry={entry} path="/watches" />
          </li>
        ))}
      </Section>
      <Section
        id="home-new-coffees"
        title={t('newCoffees')}
        query={newCoffees}
        count={newCoffees.data?.items.length ?? 0}
        more={{ to: '/coffees', label: t('allCoffees') }}
      >
        {newCoffees.data?.items.map((coffee) => (
          <li key={coffee.id}>
            <Link to={`/coffees/${coffee.id}`}>{coffee.name}</Link>{' '}
            <span className="muted">{coffee.roaster.name}</span>
          </li>
        ))}
      </Section>
      <Section
        id="home-new-listings"
        title={t('newListings')}
        query={newListings}
        count={newListings.data?.items.length ?? 0}
        more={{ to: '/listings', label: t('allListings') }}
      >
        {newListings.data?.items.map((listing) => (
          <li key={listing.id}>
            <Link to={`/listings/${listing.id}`}>{listing.title}</Link>{' '}
            <span className="muted">{t('price', { price: listing.price, currency: listing.currency })}</span>
          </li>
        ))}
      </Section>
    </div>
  );
}
