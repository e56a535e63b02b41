/**
 * One copy of each repeated text. A parser makes a new string for every occurrence, and a fleet's instances share a few
 * states, AMIs, types and tags (a group's propagated tags are the same on each of its members).
 */
export class Interned {
  private readonly strings = new Map<string, string>();

  of(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }
}
