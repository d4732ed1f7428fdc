import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Reads a spill file a chunk at a time. A file of a long outage runs to hundreds of megabytes:
 * read whole, as one string, a file over 512 MiB threw ("Cannot create a string longer than
 * 0x1fffffe8 characters") in the constructor, and the gateway could not start until it was removed.
 */
const chunkBytes = 64 * 1024;

/**
 * A spilled record is a few hundred bytes; a "line" longer than this is not one (a file cut and
 * appended to, a hole of zeros after a crash), and is not gathered in memory.
 */
const longestSpillLine = 1024 * 1024;

const newline = 0x0a;

/** The lines (newlines) in a file, read in chunks: memory stays at one chunk whatever its size. */
export function countLines(path: string): number {
  if (!existsSync(path)) return 0;
  const descriptor = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(chunkBytes);
  let lines = 0;
  try {
    for (let read = readSync(descriptor, chunk, 0, chunkBytes, null); read > 0; read = readSync(descriptor, chunk, 0, chunkBytes, null)) {
      // Past `read` the chunk holds the previous read's bytes: newlines there are not counted.
      for (let index = chunk.indexOf(newline); index !== -1 && index < read; index = chunk.indexOf(newline, index + 1)) lines++;
    }
  } finally {
    closeSync(descriptor);
  }
  return lines;
}

/**
 * The file's lines, one at a time, the next chunk read only when the caller asks for more: a
 * caller that writes each batch to a slow database holds one chunk and one batch, not the file
 * (readline over a stream reads on while the loop awaits). A line longer than `longestSpillLine`
 * comes as '' (so the caller can count it), never read into memory; a last line without its
 * newline (cut by a crash) is still given.
 */
export async function* readLines(path: string): AsyncGenerator<string> {
  const file = await open(path, 'r');
  const chunk = Buffer.allocUnsafe(chunkBytes);
  let pieces: Buffer[] = [];
  let pending = 0;
  let overlong = false;
  try {
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      let start = 0;
      for (let end = chunk.indexOf(newline, start); end !== -1 && end < bytesRead; end = chunk.indexOf(newline, start)) {
        yield overlong || pending + end - start > longestSpillLine ? '' : Buffer.concat([...pieces, chunk.subarray(start, end)]).toString('utf8');
        pieces = [];
        pending = 0;
        overlong = false;
        start = end + 1;
      }
      if (overlong || pending + bytesRead - start > longestSpillLine) {
        pieces = [];
        pending = 0;
        overlong = true;
      } else if (start < bytesRead) {
        // The chunk is reused for the next read: the unfinished line's bytes are copied out.
        pieces.push(Buffer.from(chunk.subarray(start, bytesRead)));
        pending += bytesRead - start;
      }
    }
    if (overlong) yield '';
    else if (pending > 0) yield Buffer.concat(pieces).toString('utf8');
  } finally {
    await file.close();
  }
}
