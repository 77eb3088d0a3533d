// A one-line progress bar on the error stream, redrawn in place at most ten times a second.
// Only for a terminal: anywhere else, `\r` and partial lines would litter a log.

export interface Progress {
  update(label: string, done: number, total: number): void;
  /** Clears the line, so that what is printed next starts on a clean one. */
  finish(): void;
}

const CLEAR_LINE = "\r\u001b[K";
const REDRAW_MS = 100;

export function createProgressBar(
  write: (text: string) => void,
  columns: number,
  clock: () => number = () => performance.now(),
): Progress {
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(label, done, total) {
      const now = clock();
      if (now - lastDraw < REDRAW_MS && done < total) return;
      lastDraw = now;
      drawn = true;
      write(CLEAR_LINE + renderBar(label, done, total, columns));
    },
    finish() {
      if (drawn) write(CLEAR_LINE);
      drawn = false;
    },
  };
}

/** `reading ████████░░░░░░░░  52%  5,200/10,000`, fitted to `columns`. */
export function renderBar(label: string, done: number, total: number, columns: number): string {
  if (total <= 0) return `${label}…`;
  const ratio = Math.min(Math.max(done / total, 0), 1);
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  const counts = `${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}`;
  const fixed = `${label}  ${percent}  ${counts}`.length + 1;
  const width = Math.max(Math.min(columns - 1 - fixed, 40), 10);
  const filled = Math.round(ratio * width);
  return `${label} ${"█".repeat(filled)}${"░".repeat(width - filled)} ${percent}  ${counts}`;
}

export const NO_PROGRESS: Progress = { update: () => undefined, finish: () => undefined };
