import { readFileSync } from 'node:fs';

interface Metafile {
  readonly outputs: Readonly<Record<string, { readonly entryPoint?: string; readonly inputs: Readonly<Record<string, { readonly bytesInOutput: number }>> }>>;
}

/** `node_modules/@aws-sdk/client-ec2/dist-es/...` -> `@aws-sdk/client-ec2`; the project's own files -> their top folder. */
function ownerOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? `${input.split('/').slice(0, 2).join('/')} (ours)`;
}

/** Bytes of the bundle by package, largest first, from esbuild's metafile. */
export function bundleComposition(metafilePath: string): { readonly owner: string; readonly bytes: number }[] {
  const metafile = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile;
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint !== undefined);
  const byOwner = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    byOwner.set(ownerOf(input), (byOwner.get(ownerOf(input)) ?? 0) + bytesInOutput);
  }
  return [...byOwner].map(([owner, bytes]) => ({ owner, bytes })).sort((a, b) => b.bytes - a.bytes);
}
