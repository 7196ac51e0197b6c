/** Where the CLI writes: data to `stdout`, messages to `stderr`. Tests pass their own. */
export interface CliIo {
  /** `isTTY`: a terminal, for output meant to be read there (absent: not a terminal). */
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
}

/** The process's own streams. */
export const PROCESS_IO: CliIo = { stdout: process.stdout, stderr: process.stderr };
