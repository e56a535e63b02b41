/**
 * Runs `work` with process.stdout's writes kept instead of printed, and gives back what was written beside its result
 * (or rethrows its error, with what was written attached as `written`): the function logs through Powertools to stdout,
 * as Lambda ships it.
 */
export async function captureStdout<T>(work: () => T | Promise<T>): Promise<{ result: T; written: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    return { result: await work(), written: chunks.join('') };
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { written: chunks.join('') });
  } finally {
    process.stdout.write = write;
  }
}
