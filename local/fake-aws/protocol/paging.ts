import { AwsError } from './aws-error';

export interface PageRequest {
  /** What the caller asked for (MaxResults / MaxRecords), if anything. */
  readonly requested?: number;
  /** The fake's own page size: pages never exceed it, nor what was asked. */
  readonly serverMax: number;
  readonly nextToken?: string;
  /** The code AWS uses for a bad token in this API. */
  readonly invalidTokenCode?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

const encode = (offset: number): string => Buffer.from(`fake-aws:${offset}`).toString('base64');

function decode(token: string | undefined, code: string): number {
  if (token === undefined || token === '') return 0;
  const match = /^fake-aws:(\d+)$/.exec(Buffer.from(token, 'base64').toString());
  if (!match?.[1]) throw new AwsError(code, 'The specified token is invalid.');
  return Number(match[1]);
}

/** Offset-based pages with opaque tokens; the last page carries no token. */
export function pageOf<T>(items: readonly T[], request: PageRequest): Page<T> {
  const offset = decode(request.nextToken, request.invalidTokenCode ?? 'InvalidNextToken');
  const size = Math.max(1, Math.min(request.serverMax, request.requested ?? request.serverMax));
  const end = offset + size;
  return { items: items.slice(offset, end), ...(end < items.length ? { nextToken: encode(end) } : {}) };
}
