import { describe, expect, it } from 'vitest';
import { encodeCursor } from './cursor.js';
import { ListQueryError, parseListQuery, type ListQuerySpec } from './list-query.js';

const spec: ListQuerySpec = {
  fields: {
    id: 'uuid',
    login: 'string',
    rating: 'number',
    stars: 'integer',
    totalMinor: 'bigint',
    verified: 'boolean',
    createdAt: 'date',
  },
  searchable: ['login'],
  defaultSort: '-createdAt',
  maxLimit: 50,
};

function problemsOf(query: Record<string, string>): string[] {
  try {
    parseListQuery(query, spec);
  } catch (error) {
    return (error as ListQueryError).problems.map((problem) => problem.field);
  }
  throw new Error('expected the query to be refused');
}

describe('parseListQuery', () => {
  it('applies defaults', () => {
    expect(parseListQuery({}, spec)).toEqual({
      sort: [{ field: 'createdAt', direction: 'DESC' }],
      filters: [],
      page: 1,
      limit: 20,
    });
  });

  it('parses sort, typed filters with operators, search and paging', () => {
    const query = parseListQuery(
      {
        sort: 'login,-rating',
        'filter[login][like]': 'ann',
        'filter[rating][gte]': '3.5',
        'filter[verified]': 'true',
        'filter[createdAt][lt]': '2026-01-01T00:00:00Z',
        'filter[rating][in]': '1,2',
        'filter[login][ilike]': 'AN',
        'filter[rating][between]': '2,4.5',
        'filter[createdAt][null]': 'false',
        search: ' coffee ',
        page: '3',
        limit: '50',
      },
      spec,
    );
    expect(query.sort).toEqual([
      { field: 'login', direction: 'ASC' },
      { field: 'rating', direction: 'DESC' },
    ]);
    expect(query.filters).toEqual([
      { field: 'login', operator: 'like', value: 'ann' },
      { field: 'rating', operator: 'gte', value: 3.5 },
      { field: 'verified', operator: 'eq', value: true },
      { field: 'createdAt', operator: 'lt', value: new Date('2026-01-01T00:00:00Z') },
      { field: 'rating', operator: 'in', value: [1, 2] },
      { field: 'login', operator: 'ilike', value: 'AN' },
      { field: 'rating', operator: 'between', value: [2, 4.5] },
      { field: 'createdAt', operator: 'null', value: false },
    ]);
    expect(query.search).toBe('coffee');
    expect([query.page, query.limit]).toEqual([3, 50]);
  });

  it('refuses fields outside the allow-list and injection attempts, naming the parameter', () => {
    expect(problemsOf({ sort: 'password' })).toEqual(['sort']);
    expect(problemsOf({ sort: 'login; DROP TABLE users' })).toEqual(['sort']);
    expect(problemsOf({ sort: 'CASE WHEN (SELECT 1)=1 THEN login ELSE rating END' })).toEqual(['sort']);
    expect(problemsOf({ sort: 'login desc, pg_sleep(2)' })).toEqual(['sort', 'sort']);
    expect(problemsOf({ sort: 'id;--' })).toEqual(['sort']);
    expect(problemsOf({ 'filter[password]': 'x' })).toEqual(['filter[password]']);
    expect(problemsOf({ 'filter[login) OR 1=1 --]': 'x' })).toHaveLength(1);
    expect(problemsOf({ 'filter[login][eq;--]': 'x' })).toEqual(['filter[login][eq;--]']);
    expect(problemsOf({ 'id;--': '1', q: 'old name' })).toEqual(['id;--', 'q']);
  });

  it('takes route parameters only when the route declares them', () => {
    expect(parseListQuery({ roaster: 'welder' }, { ...spec, parameters: ['roaster'] }).filters).toEqual([]);
    expect(problemsOf({ roaster: 'welder' })).toEqual(['roaster']);
  });

  it('checks cursors: same sort, right types, not with page', () => {
    const sort = [{ field: 'createdAt', direction: 'DESC' as const }];
    const id = '0191b2c3-0000-7000-8000-000000000001';
    const cursor = encodeCursor(sort, ['2026-11-24 19:30:00.123456+00', id]);
    expect(parseListQuery({ cursor }, spec).cursor).toEqual(['2026-11-24 19:30:00.123456+00', id]);
    expect(parseListQuery({ cursor: encodeCursor(sort, [null, id]) }, spec).cursor).toEqual([null, id]);
    expect(problemsOf({ cursor, sort: 'login' })).toEqual(['cursor']);
    expect(problemsOf({ cursor, page: '2' })).toEqual(['cursor']);
    expect(problemsOf({ cursor: 'not-a-cursor' })).toEqual(['cursor']);
    expect(problemsOf({ cursor: encodeCursor(sort, ["1'; DROP TABLE users; --", id]) })).toEqual(['cursor']);
    expect(problemsOf({ cursor: encodeCursor(sort, ['2026-11-24 19:30:00+00', 'x']) })).toEqual(['cursor']);
  });

  it('refuses bad operators, values and paging, naming each field', () => {
    expect(
      problemsOf({
        'filter[login][regex]': 'a',
        'filter[rating][gt]': 'many',
        'filter[verified][gt]': 'true',
        'filter[id]': 'not-a-uuid',
        'filter[rating][like]': '1',
        'filter[rating][between]': '1',
        'filter[verified][null]': 'maybe',
        page: '0',
        limit: '51',
      }),
    ).toEqual([
      'filter[login][regex]',
      'filter[rating][gt]',
      'filter[verified][gt]',
      'filter[id]',
      'filter[rating][like]',
      'filter[rating][between]',
      'filter[verified][null]',
      'page',
      'limit',
    ]);
  });

  it('keeps values within what PostgreSQL stores: int4 for integer fields, safe int8 for bigint ones, years 1 to 9999, no NUL', () => {
    for (const value of ['1.5', '1e20', '2147483648', '-2147483649', 'Infinity', ' ']) {
      expect(problemsOf({ 'filter[stars][gt]': value }), value).toEqual(['filter[stars][gt]']);
    }
    expect(parseListQuery({ 'filter[stars][between]': '-2147483648,2147483647' }, spec).filters).toHaveLength(
      1,
    );
    for (const value of ['1.5', '1e20', '9007199254740992', '-9007199254740992', 'NaN', ' ']) {
      expect(problemsOf({ 'filter[totalMinor][in]': `${value},1` }), value).toEqual([
        'filter[totalMinor][in]',
      ]);
    }
    expect(
      parseListQuery({ 'filter[totalMinor][between]': '-9007199254740991,9007199254740991' }, spec).filters,
    ).toHaveLength(1);
    for (const value of ['-010000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '0000-12-31T00:00:00Z']) {
      expect(problemsOf({ 'filter[createdAt][gt]': value }), value).toEqual(['filter[createdAt][gt]']);
    }
    expect(problemsOf({ 'filter[login]': 'a\u0000b' })).toEqual(['filter[login]']);
    expect(problemsOf({ search: 'a\u0000b' })).toEqual(['search']);
  });

  it('refuses cursors whose values no column could hold', () => {
    const sort = [{ field: 'createdAt', direction: 'DESC' as const }];
    const id = '01a20eb5-b89d-709d-8bf2-787d8dfcba9f';
    const valid = encodeCursor(sort, ['2026-11-30 02:17:01.123456+00', id]);
    expect(parseListQuery({ sort: '-createdAt', cursor: valid }, spec).cursor).toHaveLength(2);
    for (const value of [
      '2026-13-45 25:61:61',
      '2026-02-30 10:00:00+00',
      '2026-01-01 24:00:00',
      '0000-01-01 00:00:00',
    ]) {
      const cursor = encodeCursor(sort, [value, id]);
      expect(problemsOf({ sort: '-createdAt', cursor }), value).toEqual(['cursor']);
    }
    const byStars = [{ field: 'stars', direction: 'ASC' as const }];
    for (const value of ['1e999999', '1.5', '99999999999']) {
      expect(problemsOf({ sort: 'stars', cursor: encodeCursor(byStars, [value, id]) }), value).toEqual([
        'cursor',
      ]);
    }
    const byTotal = [{ field: 'totalMinor', direction: 'ASC' as const }];
    for (const value of ['1e20', '1.5', '99999999999999999']) {
      expect(problemsOf({ sort: 'totalMinor', cursor: encodeCursor(byTotal, [value, id]) }), value).toEqual([
        'cursor',
      ]);
    }
    expect(
      parseListQuery({ sort: 'totalMinor', cursor: encodeCursor(byTotal, ['9007199254740991', id]) }, spec)
        .cursor,
    ).toHaveLength(2);
    const byRating = [{ field: 'rating', direction: 'ASC' as const }];
    expect(problemsOf({ sort: 'rating', cursor: encodeCursor(byRating, ['1e999999', id]) })).toEqual([
      'cursor',
    ]);
  });

  it('reads dates strictly: no rolled-over days, no offsets PostgreSQL refuses, no inherited field names', () => {
    for (const value of [
      '2026-02-30',
      '2026-06-01T12:00:00+25:00',
      '2026-06-01T24:00:00Z',
      'June 1, 2026',
      '2026-6-1',
    ]) {
      expect(problemsOf({ 'filter[createdAt][gt]': value }), value).toEqual(['filter[createdAt][gt]']);
    }
    const [filter] = parseListQuery({ 'filter[createdAt][gt]': '2026-06-01T12:00:00.5+03:00' }, spec).filters;
    expect((filter.value as Date).toISOString()).toBe('2026-06-01T09:00:00.500Z');
    expect(problemsOf({ 'filter[constructor][eq]': '1' })).toEqual(['filter[constructor][eq]']);
    expect(problemsOf({ 'filter[__proto__]': '1' })).toEqual(['filter[__proto__]']);
    expect(problemsOf({ sort: 'constructor' })).toEqual(['sort']);
    const sort = [{ field: 'createdAt', direction: 'DESC' as const }];
    const cursor = encodeCursor(sort, ['2026-06-01T12:00:00+25:00', '01a20eb5-b89d-709d-8bf2-787d8dfcba9f']);
    expect(problemsOf({ sort: '-createdAt', cursor })).toEqual(['cursor']);
  });
});
