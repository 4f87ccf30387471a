import { describe, expect, it } from 'vitest';
import { ListQueryError, parseListQuery, type ListQuerySpec } from './list-query.js';

const spec: ListQuerySpec = {
  fields: { id: 'uuid', login: 'string', rating: 'number', verified: 'boolean', createdAt: 'date' },
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
        q: ' coffee ',
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
    ]);
    expect(query.search).toBe('coffee');
    expect([query.page, query.limit]).toEqual([3, 50]);
  });

  it('refuses fields outside the allow-list, so no raw input reaches SQL', () => {
    expect(problemsOf({ sort: 'password' })).toEqual(['sort']);
    expect(problemsOf({ sort: 'login; DROP TABLE users' })).toEqual(['sort']);
    expect(problemsOf({ 'filter[password]': 'x' })).toEqual(['filter[password]']);
    expect(problemsOf({ 'filter[login) OR 1=1 --]': 'x' })).toHaveLength(1);
  });

  it('refuses bad operators, values and paging, naming each field', () => {
    expect(
      problemsOf({
        'filter[login][regex]': 'a',
        'filter[rating][gt]': 'many',
        'filter[verified][gt]': 'true',
        'filter[id]': 'not-a-uuid',
        'filter[rating][like]': '1',
        page: '0',
        limit: '51',
      }),
    ).toEqual([
      'filter[login][regex]',
      'filter[rating][gt]',
      'filter[verified][gt]',
      'filter[id]',
      'filter[rating][like]',
      'page',
      'limit',
    ]);
  });
});
