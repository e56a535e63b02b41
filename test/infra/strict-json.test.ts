import { parseStrictJson } from '../../infra/strict-json';

const lines = (...rows: string[]) => rows.join('\n');

describe('parseStrictJson: JSON where a key given twice is an error, not the last one winning', () => {
  it('reads valid JSON as JSON.parse does', () => {
    const text = lines('{', '  "a": { "b": [1, { "c": null }] },', '  "d": "x"', '}');
    expect(parseStrictJson(text)).toEqual({ value: JSON.parse(text) as unknown });
  });

  it('takes the same key in sibling objects: a key is only a duplicate within its own object', () => {
    const text = lines('{', '  "a": { "dryRun": true },', '  "b": { "dryRun": false }', '}');
    expect(parseStrictJson(text)).toEqual({ value: { a: { dryRun: true }, b: { dryRun: false } } });
  });

  it('a key twice at the top level, with both lines', () => {
    const text = lines('{', '  "dev-eu": { "dryRun": true },', '  "dev-eu": { "dryRun": false }', '}');
    expect(parseStrictJson(text)).toEqual({ problems: ['line 3: key "dev-eu" repeats at the top level (first on line 2); JSON keeps only the last, so remove one'] });
  });

  it('a key twice deep down, with its path', () => {
    const text = lines('{', '  "deployments": [', '    { "name": "a" },', '    { "overrides": { "dryRun": true },', '      "overrides": {} }', '  ]', '}');
    expect(parseStrictJson(text)).toEqual({ problems: ['line 5: key "overrides" repeats in deployments[1] (first on line 4); JSON keeps only the last, so remove one'] });
  });

  it('every duplicate at once, each time a key comes back, in the order of the file', () => {
    const text = lines('{', '  "a": { "x": 1, "x": 2, "x": 3 },', '  "a": 0', '}');
    expect(parseStrictJson(text)).toEqual({
      problems: [
        'line 2: key "x" repeats in a (first on line 2); JSON keeps only the last, so remove one',
        'line 2: key "x" repeats in a (first on line 2); JSON keeps only the last, so remove one',
        'line 3: key "a" repeats at the top level (first on line 2); JSON keeps only the last, so remove one',
      ],
    });
  });

  it('names a key with characters a path would confuse in quotes', () => {
    const text = lines('{ "dev eu": {', '  "props": { "a": 1, "a": 1 } } }');
    expect(parseStrictJson(text)).toEqual({ problems: ['line 2: key "a" repeats in "dev eu".props (first on line 2); JSON keeps only the last, so remove one'] });
  });

  it.each([
    ['text cut short', '{ "dev": ', /^not valid JSON: Unexpected end of input found\. \(1:\d+\)$/],
    ['a trailing comma', lines('{', '  "a": 1,', '}'), /^not valid JSON: Unexpected token RBrace found\. \(3:1\)$/],
    ['a comment', lines('{', '  // a comment', '  "a": 1', '}'), /^not valid JSON: Unexpected character '\/' found\. \(2:3\)$/],
  ])('refuses %s, with the line and column', (_title, text, message) => {
    expect(parseStrictJson(text)).toEqual({ problems: [expect.stringMatching(message)] });
  });
});
