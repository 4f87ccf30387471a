import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SelectField, TextField } from '../../ui/Field';
import { ListFooter, TotalLine } from '../../ui/ListFooter';
import { PageHeading } from '../../ui/page';
import { usePagedList } from '../../ui/use-paged-list';
import { useQuery } from '../../ui/use-query';
import { KINDS, loadFacetOptions, type Facet, type Kind, type ListItem, type ListQuery } from './kinds';
import './catalog.css';

/** The list query the URL holds: `?q=…&sort=…&roaster=<id>…`, so a link reproduces the selection. */
function useListQuery(kind: Kind): [ListQuery, (change: Record<string, string | undefined>) => void] {
  const config = KINDS[kind];
  const [params, setParams] = useSearchParams();
  const facets: Partial<Record<Facet['name'], string>> = {};
  for (const facet of config.facets) {
    const value = params.get(facet.name);
    if (value) {
      facets[facet.name] = value;
    }
  }
  const sort = params.get('sort');
  const query: ListQuery = {
    search: params.get('q')?.trim() || undefined,
    sort: config.sorts.some((option) => option.value === sort) && sort ? sort : config.sorts[0].value,
    facets,
  };
  const change = (values: Record<string, string | undefined>): void => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(values)) {
          if (value) {
            next.set(key, value);
          } else {
            next.delete(key);
          }
        }
        return next;
      },
      { replace: false },
    );
  };
  return [query, change];
}

function FacetSelect({
  facet,
  value,
  onChange,
}: {
  readonly facet: Facet;
  readonly value: string | undefined;
  readonly onChange: (value: string | undefined) => void;
}): ReactNode {
  const { t } = useTranslation('catalog');
  const options = useQuery(`facet:${facet.name}:${JSON.stringify(facet.source)}`, () =>
    loadFacetOptions(facet),
  );
  const choices = (options.data ?? []).map((option) => ({
    value: option.value,
    label: option.name ?? t(`roast.${option.value as 'light'}`),
  }));
  // A value from a link whose option is not loaded (yet) stays selectable, so the select shows it.
  if (value && !choices.some((choice) => choice.value === value)) {
    choices.unshift({ value, label: options.loading ? t('list.any') : value });
  }
  return (
    <SelectField
      label={t(`facets.${facet.name}`)}
      name={facet.name}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value || undefined)}
      options={[{ value: '', label: t('list.any') }, ...choices]}
    />
  );
}

/** A line under the item's name: who made it and how. */
export function itemSubtitle(item: ListItem, roastLabel: (level: string) => string): string {
  const parts: (string | null | undefined)[] =
    'roaster' in item
      ? [
          item.roaster.name,
          item.origin?.name,
          item.process?.name,
          item.roastLevel ? roastLabel(item.roastLevel) : null,
        ]
      : 'folder' in item
        ? [item.brand?.name, item.code, item.mechanism?.name]
        : [item.mechanismType?.name, item.factory?.name];
  return parts.filter(Boolean).join(' · ');
}

function ItemTile({ kind, item }: { readonly kind: Kind; readonly item: ListItem }): ReactNode {
  const { t } = useTranslation('catalog');
  const rating = 'rating' in item ? item.rating : undefined;
  return (
    <li className="card catalog-tile">
      <h3 className="catalog-tile__name">
        <Link to={`${KINDS[kind].path}/${item.id}`}>{item.name}</Link>
      </h3>
      <p className="muted catalog-tile__subtitle">
        {itemSubtitle(item, (level) => t(`roast.${level as 'light'}`))}
      </p>
      {rating && rating.count > 0 && (
        <p className="catalog-tile__rating">
          {rating.average !== null && (
            <span className="catalog-stars">
              {t('rating.average', { value: rating.average.toFixed(2) })} ·{' '}
            </span>
          )}
          <span className="muted">{t('list.ratingCount', { count: rating.count })}</span>
        </p>
      )}
    </li>
  );
}

/** A kind's selection: search words first, then facets, sort, the total and keyset "load more". */
export function ItemListPage({ kind }: { readonly kind: Kind }): ReactNode {
  const { t } = useTranslation('catalog');
  const config = KINDS[kind];
  const [query, change] = useListQuery(kind);
  const [words, setWords] = useState(query.search ?? '');
  // Back and forward through the history bring their own words into the box.
  useEffect(() => setWords(query.search ?? ''), [query.search]);
  const key = JSON.stringify(query);
  const list = usePagedList<ListItem>(`${kind}:${key}`, (cursor) => config.loadList(query, cursor));
  const filtered = Object.keys(query.facets).length > 0;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    change({ q: words.trim() || undefined });
  };

  return (
    <div className="catalog-list">
      <PageHeading title={t(`kinds.${kind}.title`)} />
      <form role="search" className="card catalog-search" onSubmit={submit}>
        <TextField
          label={t(`kinds.${kind}.search`)}
          hint={t(`kinds.${kind}.searchHint`)}
          type="search"
          name="q"
          value={words}
          onChange={(event) => setWords(event.target.value)}
        />
        <button type="submit" className="button">
          {t('list.searchButton')}
        </button>
      </form>
      <div className="catalog-layout">
        <section className="card catalog-facets" aria-labelledby={`${kind}-filters`}>
          <h2 id={`${kind}-filters`}>{t('list.filters')}</h2>
          {config.facets.map((facet) => (
            <FacetSelect
              key={facet.name}
              facet={facet}
              value={query.facets[facet.name]}
              onChange={(value) => change({ [facet.name]: value })}
            />
          ))}
          <SelectField
            label={t('list.sort')}
            name="sort"
            value={query.sort}
            onChange={(event) => change({ sort: event.target.value })}
            options={config.sorts.map((option) => ({
              value: option.value,
              label: t(`sort.${option.label}`),
            }))}
          />
          {filtered && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                change(Object.fromEntries(config.facets.map((facet) => [facet.name, undefined])))
              }
            >
              {t('list.clear')}
            </button>
          )}
        </section>
        <section className="catalog-results" aria-labelledby={`${kind}-results`} aria-busy={list.loading}>
          <h2 id={`${kind}-results`} className="visually-hidden">
            {t('list.results')}
          </h2>
          <TotalLine total={list.total} exact={list.totalExact} />
          {!list.loading && !list.problem && list.items.length === 0 && (filtered || query.search) && (
            <p>{t('list.noMatch')}</p>
          )}
          <ul className="grid catalog-grid">
            {list.items.map((item) => (
              <ItemTile key={item.id} kind={kind} item={item} />
            ))}
          </ul>
          <ListFooter list={list} />
        </section>
      </div>
    </div>
  );
}

export function CoffeesPage(): ReactNode {
  return <ItemListPage key="coffee" kind="coffee" />;
}

export function WatchesPage(): ReactNode {
  return <ItemListPage key="watch" kind="watch" />;
}

export function MechanismsPage(): ReactNode {
  return <ItemListPage key="mechanism" kind="mechanism" />;
}
