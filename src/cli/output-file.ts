import { open } from 'node:fs/promises';

import { UsageError } from './exit-codes.js';

/**
 * Writes a command's `--output` file. `mode` is applied to a file that already exists too
 * (`open`'s mode only shapes a new one), and a path that cannot be written (a folder, no
 * permission) is the command line's mistake, said in one line.
 */
export async function writeOutputFile(path: string, text: string, mode?: number): Promise<void> {
  try {
    const file = await open(path, 'w', mode);
    try {
      if (mode !== undefined) await file.chmod(mode);
      await file.writeFile(text);
    } finally {
      await file.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`Cannot write ${path} (${code})`, { cause: error });
  }
}
