import type { $ZodIssue } from 'zod/v4/core';

/** One line per problem, each naming the field it is about. */
export function formatIssues(issues: readonly $ZodIssue[], describeRoot: string): string[] {
  return issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${key}: unknown field`).join('; ');
    }
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : describeRoot;
    return `${field}: ${issue.message}`;
  });
}
