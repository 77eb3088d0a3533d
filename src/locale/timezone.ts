// The only module that reads the tz database. It comes from the `moment-timezone` package, not
// from the runtime's ICU copy, which lags behind IANA (Node 20 still answers +01:00 for
// Casablanca after Morocco's 2026 switch to UTC+0). `npm update moment-timezone` picks up the
// next tz release.
//
// The library (about 60 ms to load here) is loaded when a zone is first asked for an offset: a
// build that finds nothing changed never does.
import { createRequire } from "node:module";
import type MomentTimezone from "moment-timezone";

const require = createRequire(import.meta.url);
let loaded: typeof MomentTimezone | undefined;
const moment = (): typeof MomentTimezone =>
  (loaded ??= require("moment-timezone") as typeof MomentTimezone);

/** An IANA zone, resolved once. */
export interface TimeZone {
  readonly name: string;
  /** Offset from UTC, in minutes east (+60 for UTC+1), in force at the given instant. */
  offsetAt(epochMs: number): number;
}

/** The version of the IANA tz database in use, e.g. `2026f`. */
export function tzDataVersion(): string {
  return moment().tz.dataVersion;
}

export function isKnownTimeZone(name: string): boolean {
  return moment().tz.zone(name) !== null;
}

/** The zone `name`; throws when the tz database has no such zone. */
export function loadTimeZone(name: string): TimeZone {
  const zone = moment().tz.zone(name);
  if (zone === null) throw new Error(`unknown time zone "${name}"`);
  // moment counts minutes west of UTC; we count east, as RFC 3339 writes them. Local mean times
  // before about 1913 have fractions of a minute, which no feed date format can carry.
  return { name, offsetAt: (epochMs) => Math.round(0 - zone.utcOffset(epochMs)) };
}

/**
 * The zone `name`, looked up when first asked for an offset: for a name the config has already
 * accepted (`isKnownTimeZone`), so that a run that never formats a date never loads the library.
 */
export function deferredTimeZone(name: string): TimeZone {
  let zone: TimeZone | undefined;
  return {
    name,
    offsetAt: (epochMs) => {
      zone ??= loadTimeZone(name);
      return zone.offsetAt(epochMs);
    },
  };
}

const HOUR = 3_600_000;

/**
 * The instant at which the wall clock of `zone` shows `wallMs` (a local date-time written as if
 * it were UTC). In a gap (clocks moved forward) the time is pushed forward by the gap; in an
 * overlap (clocks moved back) the earlier instant is taken, as Temporal's "compatible" does.
 */
export function instantFromWallTime(zone: TimeZone, wallMs: number): number {
  const before = zone.offsetAt(wallMs - 24 * HOUR);
  const after = zone.offsetAt(wallMs + 24 * HOUR);
  const candidates = [before, after]
    .map((offset) => wallMs - offset * 60_000)
    .filter((instant) => wallMs - zone.offsetAt(instant) * 60_000 === instant)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return candidates[0];
  // A gap: read the wall time with the offset in force before it, which lands after the gap.
  return wallMs - before * 60_000;
}
