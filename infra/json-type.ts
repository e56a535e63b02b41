import type { z } from 'zod';

/** zod's creation parameters for a prop as JSON gives it: every type error says `expected WHAT`, and WHAT is the schema's description. */
export function expecting(what: string): z.RawCreateParams & { description: string } {
  return { errorMap: () => ({ message: `expected ${what}` }), description: what };
}

/** A given value, short enough for an error message. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
