import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { SelectField, TextField } from '../../ui/Field';
import { ListFooter, TotalLine } from '../../ui/ListFooter';
import { PageHeading } from '../../ui/page';
import { usePagedList } from '../../ui/use-paged-list';
import { ListingCard, type Listing } from './ListingCard';
import './market.css';

const SORTS = ['-publishedAt', 'price', '-price'] as const;
type Sort = (typeof SORTS)[number];
const STATUSES = ['', 'active', 'sold'] as const;

function isSort(value: string | null): value is Sort {
  return SORTS.some((sort) => sort === value);
}

/** The filters as the URL holds them, so a filtered list can be shared and survives "back". */
interface Filters {
  readonly search: string;
  readonly tag: string;
  readonly priceFrom: string;
  readonly priceTo: string;
  readonly status: string;
  readonly sort: Sort;
}

const FILTER_KEYS: readonly (keyof Filters)[] = ['search', 'tag', 'priceFrom', 'priceTo', 'status', 'sort'];

function readFilters(params: URLSearchParams): Filters {
  const sort = params.get('sort');
  return {
    search: params.get('search') ?? '',
    tag: params.get('tag') ?? '',
    priceFrom: params.get('priceFrom') ?? '',
    priceTo: params.get('priceTo') ?? '',
    status: params.get('status') ?? '',
    sort: isSort(sort) ? sort : '-publishedAt',
  };
}

function priceBound(value: string): number | undefined {
  const number = Number(value.replace(',', '.'));
  return value.trim() !== '' && Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** The marketplace: public listings with search, tag, price, status and order, a page at a time by keyset. */
export function ListingsPage(): ReactNode {
  const { t } = useTranslation('market');
  const { account } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [draft, setDraft] = useState<Filters>(filters);

  const list = usePagedList<Listing>(params.toString(), (cursor) =>
    api.GET('/listings', {
      params: {
        query: {
          limit: 20,
          sort: filters.sort,
          ...(cursor ? { cursor } : {}),
          ...(filters.search ? { search: filters.search } : {}),
          ...(filters.tag ? { tag: filters.tag.toLowerCase() } : {}),
          filter: {
            ...(filters.status ? { status: { eq: filters.status } } : {}),
            ...(priceBound(filters.priceFrom) !== undefined || priceBound(filters.priceTo) !== undefined
              ? {
                  price: {
                    ...(priceBound(filters.priceFrom) !== undefined
                      ? { gte: priceBound(filters.priceFrom) }
                      : {}),
                    ...(priceBound(filters.priceTo) !== undefined
                      ? { lte: priceBound(filters.priceTo) }
                      : {}),
                  },
                }
              : {}),
          },
        },
      },
    }),
  );

  const apply = (event: FormEvent): void => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = draft[key];
      if (value && !(key === 'sort' && value === '-publishedAt')) {
        next.set(key, value);
      }
    }
    setParams(next);
  };

  const reset = (): void => {
    setDraft(readFilters(new URLSearchParams()));
    setParams(new URLSearchParams());
  };

  const set =
    (key: keyof Filters) =>
    (event: { target: { value: string } }): void =>
      setDraft((current) => ({ ...current, [key]: event.target.value }));

  return (
    <div className="market">
      <PageHeading title={t('listings.title')}>
        {/* Signed in, anyone may sell: the new listing's page lists for sellers and takes others' applications. */}
        {account && (
          <Link className="button" to="/listings/new">
            {t('listings.newListing')}
          </Link>
        )}
      </PageHeading>
      <form className="card market-filters" onSubmit={apply} aria-label={t('listings.filters')} role="search">
        <TextField label={t('listings.search')} type="search" value={draft.search} onChange={set('search')} />
        <TextField label={t('listings.tag')} value={draft.tag} onChange={set('tag')} />
        <TextField
          label={t('listings.priceFrom')}
          inputMode="decimal"
          value={draft.priceFrom}
          onChange={set('priceFrom')}
        />
        <TextField
          label={t('listings.priceTo')}
          inputMode="decimal"
          value={draft.priceTo}
          onChange={set('priceTo')}
        />
        <SelectField
          label={t('listings.status')}
          value={draft.status}
          onChange={set('status')}
          options={STATUSES.map((status) => ({
            value: status,
            label: status ? t(`status.${status}`) : t('listings.anyStatus'),
          }))}
        />
        <SelectField
          label={t('listings.sort')}
          value={draft.sort}
          onChange={set('sort')}
          options={[
            { value: '-publishedAt', label: t('listings.sortNewest') },
            { value: 'price', label: t('listings.sortPriceAsc') },
            { value: '-price', label: t('listings.sortPriceDesc') },
          ]}
        />
        <div className="row market-filters__actions">
          <button type="submit" className="button">
            {t('listings.apply')}
          </button>
          <button type="button" className="button button--secondary" onClick={reset}>
            {t('listings.reset')}
          </button>
        </div>
      </form>
      <section aria-labelledby="listings-results">
        <h2 id="listings-results" className="visually-hidden">
          {t('listings.results')}
        </h2>
        <TotalLine total={list.total} exact={list.totalExact} />
        <ul className="grid market-grid">
          {list.items.map((listing) => (
            <ListingCard key={listing.id} listing={listing} />
          ))}
        </ul>
        <ListFooter list={list} />
      </section>
    </div>
  );
}
