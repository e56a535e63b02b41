import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** IAM service prefix of each AWS SDK client package the function may import (Service Authorization Reference, "service prefix"). */
export const SERVICE_PREFIX: Record<string, string> = {
  '@aws-sdk/client-auto-scaling': 'autoscaling',
  '@aws-sdk/client-cloudwatch': 'cloudwatch',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-elastic-load-balancing': 'elasticloadbalancing',
  '@aws-sdk/client-eventbridge': 'events',
  '@aws-sdk/client-kms': 'kms',
  '@aws-sdk/client-elastic-load-balancing-v2': 'elasticloadbalancing',
  '@aws-sdk/client-sns': 'sns',
  '@aws-sdk/client-ssm': 'ssm',
  '@aws-sdk/client-vpc-lattice': 'vpc-lattice',
};

export interface SdkCall {
  /** IAM action, e.g. `ec2:DescribeInstances`; an SDK operation is authorized by the action of the same name. */
  readonly action: string;
  readonly file: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The operation an imported value name sends: `XxxCommand` and `paginateXxx`; anything else (clients, types, errors) sends none. */
function operationOf(importedName: string): string | undefined {
  const command = /^([A-Z][A-Za-z0-9]*)Command$/.exec(importedName);
  if (command) return command[1];
  const paginator = /^paginate([A-Z][A-Za-z0-9]*)$/.exec(importedName);
  return paginator?.[1];
}

/**
 * Every AWS API operation the sources under `root` can send, read from their `@aws-sdk/client-*` imports with the
 * TypeScript parser (so multi-line and aliased imports count). A client package with no known IAM prefix throws:
 * a new service must be mapped, and granted, on purpose.
 */
export function scanSdkCalls(root: string, prefixes: Readonly<Record<string, string>> = SERVICE_PREFIX): SdkCall[] {
  const calls: SdkCall[] = [];
  for (const file of sourceFiles(root)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const pkg = statement.moduleSpecifier.text;
      if (!pkg.startsWith('@aws-sdk/client-')) continue;
      const prefix = prefixes[pkg];
      if (!prefix) throw new Error(`${path.relative(root, file)} imports ${pkg}, which has no IAM service prefix in SERVICE_PREFIX`);
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) throw new Error(`${path.relative(root, file)} imports ${pkg} as a namespace: name the commands so they can be checked`);
      for (const element of bindings && ts.isNamedImports(bindings) ? bindings.elements : []) {
        if (element.isTypeOnly) continue;
        const operation = operationOf((element.propertyName ?? element.name).text);
        if (operation) calls.push({ action: `${prefix}:${operation}`, file: path.relative(root, file) });
      }
    }
  }
  return calls;
}
