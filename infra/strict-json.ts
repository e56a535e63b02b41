import { parse, type ValueNode } from '@humanwhocodes/momoa';

/** The file's value, or every reason it has none, each with its line. */
export type StrictJson = { readonly value: unknown } | { readonly problems: readonly string[] };

type PathPart = string | number;

/** A path as a person reads it: `deployments[1].overrides`, a key that is not a plain word in quotes. */
function pathText(parts: readonly PathPart[]): string {
  if (parts.length === 0) return 'at the top level';
  const text = parts
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      const key = /^[A-Za-z_$][\w$-]*$/.test(part) ? part : JSON.stringify(part);
      return index === 0 ? key : `.${key}`;
    })
    .join('');
  return `in ${text}`;
}

/** Every key given more than once in one object, at any depth, in the order of the file. */
function duplicateKeys(node: ValueNode, parts: readonly PathPart[], problems: string[]): void {
  if (node.type === 'Array') {
    node.elements.forEach((element, index) => duplicateKeys(element.value, [...parts, index], problems));
    return;
  }
  if (node.type !== 'Object') return;
  const firstLine = new Map<string, number>();
  for (const member of node.members) {
    const key = member.name.type === 'String' ? member.name.value : member.name.name;
    const line = member.name.loc.start.line;
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, line);
    else problems.push(`line ${line}: key ${JSON.stringify(key)} repeats ${pathText(parts)} (first on line ${first}); JSON keeps only the last, so remove one`);
    duplicateKeys(member.value, [...parts, key], problems);
  }
}

/**
 * Parses JSON text, refusing what `JSON.parse` lets through silently: a key given twice in one object, where the last
 * would win (a target's `"dryRun": true` undone by a second entry below it). Syntax errors give line and column.
 */
export function parseStrictJson(text: string): StrictJson {
  let body: ValueNode;
  try {
    body = parse(text, { mode: 'json' }).body;
  } catch (error) {
    return { problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  const problems: string[] = [];
  duplicateKeys(body, [], problems);
  // JSON.parse for the value itself: the syntax is checked above, and its objects are plain ones (`__proto__` a key).
  return problems.length > 0 ? { problems } : { value: JSON.parse(text) as unknown };
}
