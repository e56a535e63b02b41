import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { XmlTokenizer } from '../../lambda/inventory/xml-tokenizer';

type Event = readonly ['open' | 'close', string] | readonly ['text', string];

/** The events the tokenizer gives, each element's text asked for as it closes, the body cut into the given chunks. */
function tokenized(chunks: readonly string[]): Event[] {
  const events: Event[] = [];
  const tokenizer: XmlTokenizer = new XmlTokenizer({
    open: (name) => events.push(['open', name]),
    close: (name) => {
      const text = tokenizer.text();
      if (text !== '') events.push(['text', text]);
      events.push(['close', name]);
    },
  });
  for (const chunk of chunks) tokenizer.write(chunk);
  tokenizer.close();
  return events;
}

/** The same events as saxes, a general XML parser, reports them: the reference. */
function bySaxes(xml: string): Event[] {
  const events: Event[] = [];
  let text = '';
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    text = '';
    events.push(['open', tag.name]);
  });
  parser.on('text', (part) => (text += part));
  parser.on('cdata', (part) => (text += part));
  parser.on('closetag', (tag) => {
    if (text !== '') events.push(['text', text]);
    text = '';
    events.push(['close', tag.name]);
  });
  parser.write(xml).close();
  return events;
}

const name = fc.constantFrom('item', 'instanceId', 'tagSet', 'key', 'value', 'a', 'DescribeInstancesResponse');
const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#38;', '&#x1F680;', 'é', '日', '"', "'", '>', '/'), maxLength: 8 }).map((parts) => parts);
const cdata = fc.string({ unit: fc.constantFrom('a', '<', '&', '>', ']', ' '), maxLength: 6 }).map((content) => `<![CDATA[${content.replaceAll(']]>', '')}]]>`);
const attributes = fc.array(fc.tuple(fc.constantFrom('xmlns', 'id', 'x:y'), fc.string({ unit: fc.constantFrom('a', '>', '/', "'", ' '), maxLength: 5 })), { maxLength: 2 }).map((pairs) =>
  [...new Map(pairs)].map(([key, value]) => ` ${key}="${value}"`).join(''),
);

const element: fc.Arbitrary<string> = fc.letrec<{ element: string }>((tie) => ({
  element: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(name, attributes).map(([tag, attrs]) => `<${tag}${attrs}/>`),
    fc.tuple(name, attributes, text).map(([tag, attrs, content]) => `<${tag}${attrs}>${content}</${tag}>`),
    fc.tuple(name, cdata, text).map(([tag, data, content]) => `<${tag}>${content}${data}${content}</${tag}>`),
    fc.tuple(name, fc.array(tie('element'), { maxLength: 4 }), fc.boolean()).map(([tag, children, indented]) => `<${tag}>${children.join(indented ? '\n  ' : '')}</${tag}>`),
  ),
})).element;

const document = fc.tuple(fc.boolean(), element).map(([declared, root]) => `${declared ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}${root}\n`);

/** The document cut at arbitrary offsets (through markup, entities and multi-byte characters' UTF-16 halves too). */
function cut(xml: string, cuts: readonly number[]): string[] {
  const offsets = [...new Set(cuts.map((fraction) => Math.floor(fraction * xml.length)))].sort((a, b) => a - b);
  return [0, ...offsets].map((start, index) => xml.slice(start, offsets[index] ?? xml.length));
}

describe('XmlTokenizer', () => {
  it('reports what a general XML parser reports, for any document, however it is cut', () => {
    fc.assert(
      fc.property(document, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }), (xml, cuts) => {
        expect(tokenized(cut(xml, cuts))).toEqual(bySaxes(xml));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a closing tag that is not its element\'s', '<a><b></a></b>', '</a> closes <b>'],
    ['a closing tag with nothing open', '<a/></a>', 'closes nothing'],
    ['a second root element', '<a/><b/>', '<b> after the root element'],
    ['text outside the root element', '<a/>text', 'text outside the root element'],
    ['an unknown entity', '<a>&nbsp;</a>', 'unknown entity &nbsp;'],
    ['a bare ampersand', '<a>fish & chips</a>', 'a bare & in text'],
    ['a comment', '<a><!-- no --></a>', 'comments and declarations are not read'],
  ])('refuses %s', (_title, xml, message) => {
    expect(() => tokenized([xml])).toThrow(message);
  });

  it.each([
    ['an unfinished element', '<a><b>1</b>'],
    ['an unfinished tag', '<a><b'],
    ['no element at all', '<?xml version="1.0"?>'],
    ['nothing', ''],
  ])('refuses a document cut short: %s', (_title, xml) => {
    expect(() => tokenized([xml])).toThrow('XML answer cut short');
  });

  it('asks for no text it is not given: an element\'s text is its own, since its last child', () => {
    expect(tokenized(['<a>x<b>y</b>z</a>'])).toEqual([['open', 'a'], ['open', 'b'], ['text', 'y'], ['close', 'b'], ['text', 'z'], ['close', 'a']]);
  });
});
