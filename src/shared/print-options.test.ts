import { describe, expect, it } from 'vitest';
import { handoutQuery, paperFor, readPrintOptions, type QueryParameters } from './print-options.ts';

/** A query string's parameters, as the page's `URLSearchParams` gives them. */
const query = (parameters: Record<string, string>): QueryParameters => ({
  has: (name) => Object.hasOwn(parameters, name),
  get: (name) => parameters[name] ?? null,
});

describe('print options', () => {
  it('read a handout from the query the exporter writes, and nothing else as one', () => {
    const asked = query({ 'print-pdf': '', ...handoutQuery({ paper: 'letter', perPage: 2 }) });
    expect(readPrintOptions(asked).handout).toEqual({ paper: 'letter', perPage: 2 });
    expect(readPrintOptions(query({ 'print-pdf': '', handout: 'a5' })).handout).toBeUndefined();
    expect(readPrintOptions(query({ 'print-pdf': '', handout: 'a4', 'per-page': '7' })).handout).toEqual({
      paper: 'a4',
      perPage: 1,
    });
  });

  it('pick Letter paper for a Letter country, A4 elsewhere', () => {
    expect(paperFor('en-US')).toBe('letter');
    expect(paperFor('es-MX')).toBe('letter');
    expect(paperFor('en')).toBe('a4');
    expect(paperFor('en-GB')).toBe('a4');
    expect(paperFor('zh-Hant-TW')).toBe('a4');
  });
});
