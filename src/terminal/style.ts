// Colours for a person at a terminal, and for nobody else: only when the stream is a TTY, and
// never when NO_COLOR is set to anything but the empty string (https://no-color.org).

export interface Style {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

export function colourWanted(
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (!isTTY) return false;
  if ((env.NO_COLOR ?? "") !== "") return false;
  return env.TERM !== "dumb";
}

const ESC = "\u001b[";
const paint =
  (enabled: boolean, open: number, close: number) =>
  (text: string): string =>
    enabled && text !== "" ? `${ESC}${open}m${text}${ESC}${close}m` : text;

export function createStyle(enabled: boolean): Style {
  return {
    red: paint(enabled, 31, 39),
    yellow: paint(enabled, 33, 39),
    green: paint(enabled, 32, 39),
    cyan: paint(enabled, 36, 39),
    bold: paint(enabled, 1, 22),
    dim: paint(enabled, 2, 22),
  };
}
