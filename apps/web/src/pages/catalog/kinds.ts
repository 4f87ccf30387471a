import type { Schemas } from '@agora/client';
import { api } from '../../api/client';
import type { ListPage } from '../../ui/use-paged-list';
import type { ApiAnswer } from '../../ui/use-query';

/** The three catalog kinds with a selection page and an item card. */
export type Kind = 'coffee' | 'watch' | 'mechanism';

export type ListItem = Schemas['CoffeeDto'] | Schemas['WatchDto'] | Schemas['MechanismDto'];
export type CardItem =
  | ({ readonly kind: 'coffee' } & Schemas['CoffeeWithLikesDto'])
  | ({ readonly kind: 'watch' } & Schemas['WatchWithLikesDto'])
  | ({ readonly kind: 'mechanism' } & Schemas['MechanismWithLikesDto']);
export type Photo = Schemas['PhotoDto'];
export type Checkin = Schemas['CatalogCheckinDto'];
type DictionaryKind = Schemas['DictionaryValueDto']['kind'];
type RoastLevel = NonNullable<Schemas['CoffeeDto']['roastLevel']>;

/** A facet of the second search level: its URL key (also its message key) and where its values come from. */
export interface Facet {
  readonly name:
    | 'roaster'
    | 'origin'
    | 'process'
    | 'roast'
    | 'brand'
    | 'mechanism'
    | 'factory'
    | 'gender'
    | 'mechanismType';
  readonly source:
    | { readonly dictionary: DictionaryKind }
    | { readonly mechanisms: true }
    | { readonly roastLevels: readonly RoastLevel[] };
}

export type SortLabel = 'name' | 'nameDesc' | 'newest' | 'releaseOld' | 'releaseNew' | 'stones';

/** What the selection page asks of a list route: the first level's words, the facets' values, the order. */
export interface ListQuery {
  readonly search: string | undefined;
  readonly sort: string;
  readonly facets: Readonly<Partial<Record<Facet['name'], string>>>;
}

export interface KindConfig {
  readonly kind: Kind;
  /** The SPA path of the selection page; cards are under `${path}/:id`. */
  readonly path: string;
  readonly facets: readonly Facet[];
  readonly sorts: readonly { readonly value: string; readonly label: SortLabel }[];
  /** Kinds people check in on (coffees, watches); mechanisms are only liked and discussed. */
  readonly checkins: boolean;
  readonly loadList: (query: ListQuery, cursor: string | undefined) => Promise<ApiAnswer<ListPage<ListItem>>>;
  readonly loadCard: (id: string) => Promise<ApiAnswer<CardItem>>;
  readonly loadPhotos: (id: string) => Promise<ApiAnswer<Photo[]>>;
}

export const PAGE_SIZE = 24;

/** `filter[field]=value` as the deepObject `{ eq: value }`; no value, no filter. */
function eq<T extends string>(value: T | undefined): { eq: T } | undefined {
  return value ? { eq: value } : undefined;
}

export const ROAST_LEVELS: readonly RoastLevel[] = [
  'light',
  'medium-light',
  'medium',
  'medium-dark',
  'dark',
  'omni',
];

function isRoastLevel(value: string | undefined): value is RoastLevel {
  return ROAST_LEVELS.some((level) => level === value);
}

/** Adds the card's kind to an answer, so one card page renders the three. */
async function tagged<K extends Kind, T>(
  kind: K,
  answer: Promise<ApiAnswer<T>>,
): Promise<ApiAnswer<{ readonly kind: K } & T>> {
  const { data, error } = await answer;
  return data === undefined ? { error } : { data: { ...data, kind } };
}

/** The first level's hits taken into the second: `filter[id][in]` takes up to 100 ids, two pages of `/search`. */
const SEARCH_PAGE = 50;
const SEARCH_PAGES = 2;

/** The ranked search's hits of one kind for some words: the ids, and whether they are all its hits. */
interface SearchIds {
  readonly ids: readonly string[];
  readonly complete: boolean;
}

/** Answers of the first level by kind and words, so "load more" and other facets do not search again. */
const searched = new Map<string, Promise<ApiAnswer<SearchIds>>>();
const SEARCHES_KEPT = 20;

/**
 * The first search level: `/search?q=` over one kind (ranked, Russian and English, typo-tolerant), its best
 * hits' ids. The list route then narrows those by facets (`filter[id][in]`), sorted and paged by keyset.
 */
export function searchIds(kind: 'coffee' | 'watch', words: string): Promise<ApiAnswer<SearchIds>> {
  const key = `${kind}:${words}`;
  let answer = searched.get(key);
  if (!answer) {
    answer = (async () => {
      const ids: string[] = [];
      for (let page = 1; page <= SEARCH_PAGES; page += 1) {
        const { data, error } = await api.GET('/search', {
          params: { query: { q: words, filter: { kind: { eq: kind } }, page, limit: SEARCH_PAGE } },
        });
        if (!data) {
          return { error };
        }
        ids.push(...data.items.map((hit) => hit.id));
        if (data.items.length < SEARCH_PAGE || ids.length >= data.total) {
          return { data: { ids, complete: data.totalExact && ids.length >= data.total } };
        }
      }
      return { data: { ids, complete: false } };
    })();
    searched.set(key, answer);
    if (searched.size > SEARCHES_KEPT) {
      searched.delete(searched.keys().next().value ?? key);
    }
    // A failed search is tried again next time.
    void answer.then((result) => result.error !== undefined && searched.delete(key));
  }
  return answer;
}

/** A list page of no items: words the first level does not find. */
const NOTHING_FOUND: ListPage<ListItem> = { items: [], nextCursor: null, total: 0, totalExact: true };

/**
 * Runs the list route over the first level's hits (or over everything without words); the total is "more than"
 * when the hits were more than the ids taken.
 */
async function withinSearch(
  kind: 'coffee' | 'watch',
  words: string | undefined,
  list: (ids: { in: string } | undefined) => Promise<ApiAnswer<ListPage<ListItem>>>,
): Promise<ApiAnswer<ListPage<ListItem>>> {
  if (!words) {
    return list(undefined);
  }
  const hits = await searchIds(kind, words);
  if (!hits.data) {
    return { error: hits.error };
  }
  if (hits.data.ids.length === 0) {
    return { data: NOTHING_FOUND };
  }
  const { complete } = hits.data;
  const answer = await list({ in: hits.data.ids.join(',') });
  return answer.data ? { data: { ...answer.data, totalExact: answer.data.totalExact && complete } } : answer;
}

const coffee: KindConfig = {
  kind: 'coffee',
  path: '/coffees',
  facets: [
    { name: 'roaster', source: { dictionary: 'roasters' } },
    { name: 'origin', source: { dictionary: 'origins' } },
    { name: 'process', source: { dictionary: 'processes' } },
    { name: 'roast', source: { roastLevels: ROAST_LEVELS } },
  ],
  sorts: [
    { value: 'name', label: 'name' },
    { value: '-name', label: 'nameDesc' },
    { value: '-createdAt', label: 'newest' },
  ],
  checkins: true,
  loadList: (query, cursor) =>
    withinSearch('coffee', query.search, (id) =>
      api.GET('/coffees', {
        params: {
          query: {
            sort: query.sort,
            limit: PAGE_SIZE,
            cursor,
            filter: {
              id,
              roasterId: eq(query.facets.roaster),
              originId: eq(query.facets.origin),
              processId: eq(query.facets.process),
              roastLevel: eq(isRoastLevel(query.facets.roast) ? query.facets.roast : undefined),
            },
          },
        },
      }),
    ),
  loadCard: (id) => tagged('coffee', api.GET('/coffees/{id}', { params: { path: { id } } })),
  loadPhotos: (id) => api.GET('/coffees/{id}/photos', { params: { path: { id } } }),
};

const watch: KindConfig = {
  kind: 'watch',
  path: '/watches',
  facets: [
    { name: 'brand', source: { dictionary: 'brands' } },
    { name: 'mechanism', source: { mechanisms: true } },
    { name: 'factory', source: { dictionary: 'factories' } },
    { name: 'gender', source: { dictionary: 'genders' } },
  ],
  sorts: [
    { value: 'name', label: 'name' },
    { value: '-name', label: 'nameDesc' },
    { value: 'startRelease', label: 'releaseOld' },
    { value: '-startRelease', label: 'releaseNew' },
    { value: '-createdAt', label: 'newest' },
  ],
  checkins: true,
  loadList: (query, cursor) =>
    withinSearch('watch', query.search, (id) =>
      api.GET('/watches', {
        params: {
          query: {
            sort: query.sort,
            limit: PAGE_SIZE,
            cursor,
            filter: {
              id,
              brandId: eq(query.facets.brand),
              mechanismId: eq(query.facets.mechanism),
              factoryId: eq(query.facets.factory),
              genderId: eq(query.facets.gender),
            },
          },
        },
      }),
    ),
  loadCard: (id) => tagged('watch', api.GET('/watches/{id}', { params: { path: { id } } })),
  loadPhotos: (id) => api.GET('/watches/{id}/photos', { params: { path: { id } } }),
};

const mechanism: KindConfig = {
  kind: 'mechanism',
  path: '/mechanisms',
  facets: [
    { name: 'mechanismType', source: { dictionary: 'mechanism-types' } },
    { name: 'factory', source: { dictionary: 'factories' } },
  ],
  sorts: [
    { value: 'name', label: 'name' },
    { value: '-name', label: 'nameDesc' },
    { value: 'stones', label: 'stones' },
    { value: 'startRelease', label: 'releaseOld' },
    { value: '-createdAt', label: 'newest' },
  ],
  checkins: false,
  loadList: (query, cursor) =>
    api.GET('/mechanisms', {
      params: {
        query: {
          search: query.search,
          sort: query.sort,
          limit: PAGE_SIZE,
          cursor,
          filter: {
            mechanismTypeId: eq(query.facets.mechanismType),
            factoryId: eq(query.facets.factory),
          },
        },
      },
    }),
  loadCard: (id) => tagged('mechanism', api.GET('/mechanisms/{id}', { params: { path: { id } } })),
  loadPhotos: (id) => api.GET('/mechanisms/{id}/photos', { params: { path: { id } } }),
};

export const KINDS: Readonly<Record<Kind, KindConfig>> = { coffee, watch, mechanism };

/** A facet's choices: a dictionary's values, the mechanisms, or coffee's roast levels (labelled by the page). */
export async function loadFacetOptions(
  facet: Facet,
): Promise<ApiAnswer<{ readonly value: string; readonly name: string | undefined }[]>> {
  const { source } = facet;
  if ('roastLevels' in source) {
    return { data: source.roastLevels.map((value) => ({ value, name: undefined })) };
  }
  const answer =
    'dictionary' in source
      ? await api.GET('/dictionaries/{kind}', {
          params: { path: { kind: source.dictionary }, query: { sort: 'name', limit: 100 } },
        })
      : await api.GET('/mechanisms', { params: { query: { sort: 'name', limit: 100 } } });
  if (answer.data === undefined) {
    return { error: answer.error };
  }
  return { data: answer.data.items.map((item) => ({ value: item.id, name: item.name })) };
}

/** Check-ins of a coffee or a watch, newest first. */
export function loadCheckins(
  kind: Kind,
  id: string,
  cursor: string | undefined,
): Promise<ApiAnswer<Schemas['CatalogCheckinPageDto']>> {
  const params = { path: { id }, query: { sort: '-createdAt', limit: 10, cursor } };
  return kind === 'watch'
    ? api.GET('/watches/{id}/checkins', { params })
    : api.GET('/coffees/{id}/checkins', { params });
}

export function postCheckin(
  kind: Kind,
  id: string,
  body: Schemas['CheckinInputDto'],
): Promise<ApiAnswer<Schemas['CatalogCheckinDto']>> {
  const params = { path: { id } };
  return kind === 'watch'
    ? api.POST('/watches/{id}/checkins', { params, body })
    : api.POST('/coffees/{id}/checkins', { params, body });
}

/** Likes or takes the like back (both idempotent). */
export function setLiked(kind: Kind, id: string, liked: boolean): Promise<ApiAnswer<Schemas['LikesDto']>> {
  const params = { path: { id } };
  switch (kind) {
    case 'coffee':
      return liked ? api.PUT('/coffees/{id}/like', { params }) : api.DELETE('/coffees/{id}/like', { params });
    case 'watch':
      return liked ? api.PUT('/watches/{id}/like', { params }) : api.DELETE('/watches/{id}/like', { params });
    case 'mechanism':
      return liked
        ? api.PUT('/mechanisms/{id}/like', { params })
        : api.DELETE('/mechanisms/{id}/like', { params });
  }
}
