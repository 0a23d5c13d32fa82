/** Where the CLI reads and writes; the real process streams by default, swapped out in tests. */
export interface CliIo {
  readStdin(): Promise<string>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}
