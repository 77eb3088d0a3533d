// HTTP negotiation as pure functions: which content coding a client takes, and whether its
// cached copy is still good (RFC 9110 §8.4, §13).

export type Coding = "br" | "gzip" | "identity";

/** Preference when a client weighs codings equally: brotli is smaller, gzip is everywhere. */
const PREFERENCE: readonly Coding[] = ["br", "gzip", "identity"];

/**
 * The coding to send for an `Accept-Encoding` header. `q=0` refuses a coding; `*` stands for
 * any coding not named. Identity is acceptable unless refused by name or by `*;q=0`.
 */
export function chooseCoding(acceptEncoding: string | undefined): Coding {
  if (acceptEncoding === undefined || acceptEncoding.trim() === "") return "identity";
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...parameters] = part.split(";").map((piece) => piece.trim());
    if (name === "") continue;
    let weight = 1;
    for (const parameter of parameters) {
      const match = /^q=([01](?:\.\d{0,3})?)$/i.exec(parameter);
      if (match !== null) weight = Number(match[1]);
    }
    weights.set(name.toLowerCase(), weight);
  }
  const star = weights.get("*");
  const weightOf = (coding: Coding): number =>
    weights.get(coding) ?? (coding === "identity" ? (star === 0 ? 0 : 1) : (star ?? 0));
  let best: Coding = "identity";
  let bestWeight = -1;
  for (const coding of PREFERENCE) {
    const weight = weightOf(coding);
    if (weight > bestWeight && weight > 0) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** The entity tags listed in an `If-None-Match` header, without `W/` (weak comparison). */
function listedTags(header: string): string[] {
  return [...header.matchAll(/(?:W\/)?("[^"]*")|\*/g)].map((match) => match[1] ?? "*");
}

export interface Validators {
  /** Every entity tag of the current content, one per coding: a client may hold any of them. */
  etags: readonly string[];
  /** Modification time, epoch milliseconds. */
  lastModified: number;
}

/**
 * True when the client's copy is current, so a 304 answers it. `If-None-Match` decides when
 * present; `If-Modified-Since` only without it, at the one-second precision of HTTP dates.
 */
export function isNotModified(
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
  validators: Validators,
): boolean {
  if (ifNoneMatch !== undefined) {
    const tags = listedTags(ifNoneMatch);
    return tags.includes("*") || tags.some((tag) => validators.etags.includes(tag));
  }
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  return Math.floor(validators.lastModified / 1000) * 1000 <= since;
}
