// Text from outside (a request's target) made safe to print on a terminal: characters that a
// terminal acts on instead of showing (escape sequences, carriage returns) or that reorder the
// rest of the line (bidirectional controls) are shown percent-encoded.

/** C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls. */
function isUnprintable(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** The `%XX` of each UTF-8 byte of `character`. */
function percentEncoded(character: string): string {
  return Buffer.from(character, "utf8").toString("hex").toUpperCase().replace(/../g, "%$&");
}

/** `text` with each unprintable character as the `%XX` of its UTF-8 bytes. */
export function printable(text: string): string {
  let result = "";
  for (const character of text) {
    result += isUnprintable(character.codePointAt(0) ?? 0) ? percentEncoded(character) : character;
  }
  return result;
}

/**
 * Characters left percent-encoded in a shown target: what would change how it reads (`%`
 * itself, the delimiters of a URI, white space), besides the unprintable ones.
 */
const KEPT_ENCODED = new Set("%/?#[]@!$&'()*+,;=: ");

/**
 * A request target as a person reads it: escapes of letters and other visible characters are
 * decoded (an Arabic path reads as Arabic), the rest stay as sent; never a terminal control.
 */
export function printableTarget(target: string): string {
  const decoded = target.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    let text: string;
    try {
      text = decodeURIComponent(run);
    } catch {
      return run; // not UTF-8: shown as sent
    }
    let shown = "";
    for (const character of text) {
      const code = character.codePointAt(0) ?? 0;
      const keep = KEPT_ENCODED.has(character) || /\s/u.test(character) || isUnprintable(code);
      shown += keep ? percentEncoded(character) : character;
    }
    return shown;
  });
  return printable(decoded);
}
