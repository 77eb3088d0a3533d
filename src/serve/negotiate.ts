// HTTP negotiation as pure functions: which content coding a client takes, and whether its
// cached copy is still good (RFC 9110 §12.5.3, §13).
import { parseHttpDate } from "./http-date.js";

export type Coding = "br" | "gzip" | "identity";

/** Preference when a client weighs codings equally: brotli is smaller, gzip is everywhere. */
const PREFERENCE: readonly Coding[] = ["br", "gzip", "identity"];

/**
 * Below any q a client can write (the smallest is 0.001), above a refusal: the weight of
 * `identity` when the header does not name it. A client that lists codings wants one of them,
 * and no compression is the fallback, not the equal, of `gzip;q=0.8` (RFC 9110 §12.5.3).
 */
const UNNAMED_IDENTITY = 0.0001;

/**
 * The coding to send for an `Accept-Encoding` header. `q=0` refuses a coding; `*` stands for
 * any coding not named, identity included. Identity is acceptable unless refused by name or by
 * `*;q=0`, and it comes after every coding the client asks for.
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
      if (match !== null) weight = Math.min(Number(match[1]), 1);
    }
    weights.set(name.toLowerCase(), weight);
  }
  const star = weights.get("*");
  const weightOf = (coding: Coding): number =>
    weights.get(coding) ?? star ?? (coding === "identity" ? UNNAMED_IDENTITY : 0);
  let best: Coding = "identity";
  let bestWeight = 0;
  for (const coding of PREFERENCE) {
    const weight = weightOf(coding);
    if (weight > bestWeight) {
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
  /** The entity tag of the representation chosen for this request (its coding's). */
  etag: string;
  /** `Last-Modified` as sent, epoch milliseconds in whole seconds; none when none was sent. */
  lastModified?: number;
}

/**
 * True when the client's copy is current, so a 304 answers it. `If-None-Match` decides when
 * present, and matches only the chosen representation's tag: a client holding the gzip body
 * that now asks for brotli needs the brotli body (RFC 9110 §13.1.2, §8.8.3). Without it,
 * `If-Modified-Since`, when it is an HTTP-date no later than now, at the one-second precision
 * of HTTP dates.
 */
export function isNotModified(
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
  validators: Validators,
  now: number,
): boolean {
  if (ifNoneMatch !== undefined) {
    const tags = listedTags(ifNoneMatch);
    return tags.includes("*") || tags.includes(validators.etag);
  }
  if (ifModifiedSince === undefined || validators.lastModified === undefined) return false;
  const since = parseHttpDate(ifModifiedSince, now);
  // A date in the future is no date the server sent (RFC 9110 §13.1.3).
  if (since === undefined || since > now) return false;
  return validators.lastModified <= since;
}
