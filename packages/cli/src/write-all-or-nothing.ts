import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** One file to write: where, and what. */
export type Output = readonly [path: string, content: string];

/**
 * Writes every file or none: each goes to a temporary name beside its target first, and only
 * when all are written are they renamed into place. On a failure the temporaries are removed.
 */
export async function writeAllOrNothing(outputs: readonly Output[]): Promise<void> {
  const temporaries = outputs.map(([path]) => join(dirname(path), `.${randomUUID()}.tmp`));
  try {
    await Promise.all(outputs.map(([, content], i) => writeFile(temporaries[i], content)));
    await Promise.all(outputs.map(([path], i) => rename(temporaries[i], path)));
  } finally {
    await Promise.all(temporaries.map((temporary) => rm(temporary, { force: true })));
  }
}

/** `812 B` or `3.4 kB`. */
export function kb(text: string): string {
  const bytes = Buffer.byteLength(text);
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}
