import { ownCopy } from './own-copy';

/**
 * One copy of each repeated text. A parser makes a new string for every occurrence, and a fleet's instances share a few
 * states, AMIs, types and tags (a group's propagated tags are the same on each of its members). The copy kept is the
 * text's own, not a view into what it was parsed from.
 */
export class Interned {
  private readonly strings = new Map<string, string>();

  of(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    const copy = ownCopy(text);
    this.strings.set(copy, copy);
    return copy;
  }
}
