import { describe, expect, it } from 'vitest';
import { FeedError, feedFormatOf, parseFeed } from './feed.js';

const limits = { maxBytes: 100_000, maxRows: 100 };
const refusal = (run: () => unknown): FeedError | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof FeedError ? error : null;
  }
};

describe('import feeds', () => {
  it('reads CSV with quotes, doubled quotes, line breaks in quotes, a BOM and semicolons', () => {
    const csv =
      '\uFEFFName;Roaster;Tasting Notes;Price\r\n"Kenya; Nyeri ""AA""";Tasty;"berry;\nlime";890\r\n\r\nBrazil;Tasty;;450\n';
    expect(parseFeed(csv, 'csv', limits)).toEqual({
      rows: [
        {
          row: 1,
          values: {
            name: 'Kenya; Nyeri "AA"',
            roaster: 'Tasty',
            tasting_notes: 'berry;\nlime',
            price: '890',
          },
        },
        { row: 2, values: { name: 'Brazil', roaster: 'Tasty', price: '450' } },
      ],
      unreadable: [],
    });
  });

  it('reports rows it cannot read instead of failing the feed', () => {
    const feed = parseFeed('name,roaster\na,b,c\n"x,unclosed', 'csv', limits);
    expect(feed.rows).toEqual([]);
    expect(feed.unreadable.map((row) => row.row)).toEqual([1, 2]);
    const json = parseFeed(
      '[{"name":"a","roaster":{"deep":[1]}}, 7, {"Name":"ok","notes":["x"]}]',
      'json',
      limits,
    );
    expect(json.unreadable.map((row) => row.row)).toEqual([1, 2]);
    expect(json.rows).toEqual([{ row: 3, values: { name: 'ok', notes: ['x'] } }]);
  });

  it('strips control characters and NUL bytes from every cell', () => {
    const feed = parseFeed('name,roaster\nKen\u0000ya\u202e,Tasty\u0007', 'csv', limits);
    expect(feed.rows[0].values).toEqual({ name: 'Kenya', roaster: 'Tasty' });
  });

  it('refuses feeds past the byte and row limits, and feeds that are none', () => {
    const many = `name\n${'x\n'.repeat(101)}`;
    expect(refusal(() => parseFeed(many, 'csv', limits))?.reason).toBe('too-large');
    const manyJson = JSON.stringify(Array.from({ length: 101 }, () => ({ name: 'x' })));
    expect(refusal(() => parseFeed(manyJson, 'json', limits))?.reason).toBe('too-large');
    expect(refusal(() => parseFeed('x'.repeat(100_001), 'csv', limits))?.reason).toBe('too-large');
    expect(refusal(() => parseFeed('{"items": 3}', 'json', limits))?.reason).toBe('invalid');
    expect(refusal(() => parseFeed('[1,', 'json', limits))?.reason).toBe('invalid');
    expect(refusal(() => parseFeed('', 'csv', limits))?.reason).toBe('invalid');
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    // Deeply nested JSON parses (V8 has no recursion limit there) and is one unreadable row.
    expect(parseFeed(deep, 'json', limits).unreadable).toEqual([
      { row: 1, message: 'a row is an object of texts and numbers' },
    ]);
  });

  it('guesses the format from a name, a content type or the text', () => {
    expect(feedFormatOf('a,b', 'feed.json')).toBe('json');
    expect(feedFormatOf('[]', 'text/csv; charset=utf-8')).toBe('csv');
    expect(feedFormatOf('  [{"name":1}]')).toBe('json');
    expect(feedFormatOf('name,roaster')).toBe('csv');
  });
});
