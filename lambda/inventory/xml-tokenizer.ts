/**
 * What a tokenizer reports of a document, in order. A self-closing element is opened, then closed. While `close` runs,
 * the tokenizer's `text()` is the element's text (since its last child, for an element that has children).
 */
export interface XmlHandlers {
  open(name: string): void;
  close(name: string): void;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g;

/** Text with XML's five entities and character references decoded; anything else after `&` is malformed. */
const BARE_AMPERSAND = /&(?!(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);)/;

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  if (BARE_AMPERSAND.test(text)) throw new Error('XML answer: a bare & in text');
  return text.replace(ENTITY, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    const known = ENTITIES[entity];
    if (known === undefined) throw new Error(`XML answer: unknown entity ${whole}`);
    return known;
  });
}

const isSpace = (code: number): boolean => code === 32 || code === 10 || code === 13 || code === 9;

/**
 * Tokenizes an XML document as it arrives, chunk by chunk, into element and text events: the subset AWS's query
 * protocols write (a declaration, elements with attributes on the root, text with entities, CDATA). It finds each
 * markup by `indexOf` instead of reading the document a character at a time, which makes a 5 MB DescribeInstances
 * page about twice as quick to read as a general parser (saxes, which checks every name character) does. It is
 * still strict where a wrong answer could be read as a right one: a closing tag must match its element, one root only,
 * no text outside it, no unknown entity, and `close` throws on a document cut short. No DTD, no comments needed.
 */
export class XmlTokenizer {
  /** What arrived and is not yet tokenized: an unfinished markup or text. */
  private pending = '';
  /** The text since the last element event: parts already cut out, and the last part, not cut until asked for. */
  private textParts = '';
  private source = '';
  private textStart = 0;
  private textEnd = 0;
  private readonly openNames: string[] = [];
  private rootClosed = false;
  private sawRoot = false;

  constructor(private readonly handlers: XmlHandlers) {}

  write(chunk: string): void {
    this.pending = this.tokenize(this.pending + chunk);
  }

  /** Ends the document: throws unless its root element was opened and closed, with nothing left unfinished. */
  close(): void {
    if (this.rootClosed && this.pending.trim() !== '' && !this.pending.includes('<')) throw new Error('XML answer: text outside the root element');
    if (this.pending.trim() !== '' || !this.sawRoot || !this.rootClosed) throw new Error('XML answer cut short');
  }

  /**
   * The text of the element being closed, entities decoded. Most elements' text is never asked for (a reader keeps a
   * few fields of each instance), so it is cut out of the answer only when it is.
   */
  text(): string {
    this.cutText();
    return decodeEntities(this.textParts);
  }

  /** Tokenizes what it can of `text`; returns the unfinished rest. */
  private tokenize(text: string): string {
    this.source = text;
    let position = 0;
    try {
      for (;;) {
        const markup = text.indexOf('<', position);
        if (markup === -1) return text.slice(position);
        if (markup > position) this.characters(position, markup);
        const after = this.markup(text, markup);
        if (after === -1) return text.slice(markup);
        position = after;
      }
    } finally {
      // The text is cut before its source goes: the next chunk is tokenized from a new string.
      this.cutText();
    }
  }

  private characters(start: number, end: number): void {
    if (this.openNames.length === 0) {
      if (this.source.slice(start, end).trim() !== '') throw new Error('XML answer: text outside the root element');
      return;
    }
    this.cutText();
    this.textStart = start;
    this.textEnd = end;
  }

  private cutText(): void {
    if (this.textEnd > this.textStart) this.textParts += this.source.slice(this.textStart, this.textEnd);
    this.textStart = this.textEnd = 0;
  }

  private elementEvent(): void {
    this.textParts = '';
    this.textStart = this.textEnd = 0;
  }

  /** Reads the markup at `start` (a `<`); returns where the next token starts, or -1 when the markup is unfinished. */
  private markup(text: string, start: number): number {
    const next = text.charCodeAt(start + 1);
    if (Number.isNaN(next)) return -1;
    if (next === 47 /* / */) return this.closingTag(text, start);
    if (next === 63 /* ? */) {
      const end = text.indexOf('?>', start + 2);
      return end === -1 ? -1 : end + 2;
    }
    if (next === 33 /* ! */) return this.cdata(text, start);
    return this.openingTag(text, start);
  }

  private closingTag(text: string, start: number): number {
    const name = this.openNames.at(-1) ?? '';
    // Most closing tags are exactly `</name>`: matched where they stand, without cutting anything out.
    const exact = name !== '' && text.charCodeAt(start + 2 + name.length) === 62 && text.startsWith(name, start + 2);
    const end = exact ? start + 2 + name.length : text.indexOf('>', start + 2);
    if (end === -1) return -1;
    if (!exact && (name === '' || !text.startsWith(name, start + 2) || text.slice(start + 2 + name.length, end).trim() !== '')) {
      throw new Error(`XML answer: </${text.slice(start + 2, end).trim()}> closes ${name === '' ? 'nothing' : `<${name}>`}`);
    }
    this.openNames.pop();
    if (this.openNames.length === 0) this.rootClosed = true;
    this.handlers.close(name);
    this.elementEvent();
    return end + 1;
  }

  private cdata(text: string, start: number): number {
    if (text.length < start + 9) return -1;
    if (!text.startsWith('<![CDATA[', start)) throw new Error('XML answer: comments and declarations are not read');
    const end = text.indexOf(']]>', start + 9);
    if (end === -1) return -1;
    if (this.openNames.length === 0) throw new Error('XML answer: CDATA outside the root element');
    this.cutText();
    // Its text is not XML: escaped here so that decoding gives it back as it is.
    this.textParts += text.slice(start + 9, end).replaceAll('&', '&amp;');
    return end + 3;
  }

  private openingTag(text: string, start: number): number {
    let position = start + 1;
    while (position < text.length && !isSpace(text.charCodeAt(position)) && text.charCodeAt(position) !== 47 && text.charCodeAt(position) !== 62) position++;
    const name = text.slice(start + 1, position);
    const end = attributesEnd(text, position);
    if (end === -1) return -1;
    if (name === '') throw new Error('XML answer: an element without a name');
    if (this.rootClosed || (this.openNames.length === 0 && this.sawRoot)) throw new Error(`XML answer: <${name}> after the root element`);
    this.sawRoot = true;
    this.elementEvent();
    this.handlers.open(name);
    if (text.charCodeAt(end - 1) === 47 /* / */) {
      if (this.openNames.length === 0) this.rootClosed = true;
      this.handlers.close(name);
      this.elementEvent();
    } else {
      this.openNames.push(name);
    }
    return end + 1;
  }
}

/** Where a tag's attributes end (its `>`, skipping quoted values), from after its name; -1 when it has not all arrived. */
function attributesEnd(text: string, from: number): number {
  let quote = 0;
  for (let position = from; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 34 || code === 39) {
      quote = code;
    } else if (code === 62 /* > */) {
      return position;
    }
  }
  return -1;
}
