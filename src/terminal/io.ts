// What the CLI needs from the outside world, so that tests can stand in for a terminal.

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Resolves when the user asks a long-running command to stop (Ctrl-C). */
  interrupted: () => Promise<void>;
  /** The working directory: `--config` starts from it, and paths are shown relative to it. */
  cwd: string;
  /** Whether each stream is a terminal: colours and the progress bar go only to one. Default: no. */
  isTTY?: { out: boolean; err: boolean };
  /** The environment, for NO_COLOR. Default: empty. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Writes to the error stream without a newline: the progress bar redraws its line. */
  errPartial?: (text: string) => void;
  /** Width of the terminal, for the progress bar. Default 80. */
  columns?: number;
  /** The clock, for `nashra new`. Default: `Date.now`. */
  now?: () => number;
  /** A random UUID, for the id `nashra new` gives an article. Default: `crypto.randomUUID`. */
  randomUUID?: () => string;
}
