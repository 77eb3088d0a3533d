import { describe, expect, it } from "vitest";
import { chooseCoding, isNotModified } from "../../src/serve/negotiate.js";
import { parseRequestPath } from "../../src/serve/request-path.js";

describe("chooseCoding", () => {
  it.each([
    [undefined, "identity"],
    ["", "identity"],
    ["gzip", "gzip"],
    ["gzip, deflate, br", "br"],
    ["br;q=0.5, gzip", "gzip"],
    ["br;q=0, gzip;q=0", "identity"],
    ["*", "br"],
    // `*` stands for identity too: gzip and identity tie at 0.5, and gzip is preferred.
    ["*;q=0.5, br;q=0", "gzip"],
    ["*;q=0", "identity"],
    ["identity;q=0, *;q=0.2, br;q=0", "gzip"],
    ["deflate", "identity"],
    ["GZIP;Q=1", "gzip"],
    // Identity unnamed comes after every coding the client names with q > 0 (RFC 9110 §12.5.3).
    ["gzip;q=0.8, br;q=0.9", "br"],
    ["gzip;q=0.5", "gzip"],
    ["gzip;q=0.001", "gzip"],
    ["br;q=0.1, gzip;q=0.2", "gzip"],
    // Named, identity competes as any coding does.
    ["identity, gzip;q=0.5", "identity"],
    ["identity;q=0.5, gzip", "gzip"],
    ["identity, gzip", "gzip"],
  ])("Accept-Encoding %j → %s", (header, expected) => {
    expect(chooseCoding(header)).toBe(expected);
  });
});

describe("isNotModified", () => {
  const validators = { etag: '"abc-gzip"', lastModified: Date.parse("2026-11-29T10:00:00Z") };
  const now = Date.parse("2026-11-29T12:00:00Z");
  it.each([
    ['"abc-gzip"', undefined, true],
    ['W/"abc-gzip"', undefined, true],
    ['"x", "abc-gzip"', undefined, true],
    ["*", undefined, true],
    ['"abd"', undefined, false],
    // The tag of another coding of the same bytes is another representation: not this one.
    ['"abc"', undefined, false],
    ['"abc-br"', undefined, false],
    // If-None-Match wins over If-Modified-Since, whatever the latter says.
    ['"abd"', "Sun, 29 Nov 2026 10:00:00 GMT", false],
    [undefined, "Sun, 29 Nov 2026 10:00:00 GMT", true],
    [undefined, "Sun, 29 Nov 2026 11:00:00 GMT", true],
    [undefined, "Sun, 29 Nov 2026 09:59:59 GMT", false],
    [undefined, "Sunday, 29-Nov-26 10:00:00 GMT", true],
    [undefined, "Sun Nov 29 10:00:00 2026", true],
    // Only HTTP-dates: Date.parse would take each of these.
    [undefined, "2099", false],
    [undefined, "2026-11-29T10:00:00Z", false],
    [undefined, "Sun, 29 Nov 2026 10:00:00 +0000", false],
    [undefined, "29 Nov 2026 10:00:00 GMT", false],
    [undefined, "Sun, 29 Nov 2026 10:00:00 GMT, Sun, 29 Nov 2026 10:00:00 GMT", false],
    [undefined, "not a date", false],
    // Later than now: no date this server sent.
    [undefined, "Fri, 01 Jan 2100 00:00:00 GMT", false],
    [undefined, undefined, false],
  ])("If-None-Match %j, If-Modified-Since %j → %s", (ifNoneMatch, ifModifiedSince, expected) => {
    expect(isNotModified(ifNoneMatch, ifModifiedSince, validators, now)).toBe(expected);
  });

  it("ignores If-Modified-Since when no Last-Modified was sent", () => {
    const since = "Sun, 29 Nov 2026 11:00:00 GMT";
    expect(isNotModified(undefined, since, { etag: '"abc"' }, now)).toBe(false);
  });
});

describe("parseRequestPath", () => {
  it.each([
    ["/", { kind: "root" }],
    ["/rss.xml?utm=x", { kind: "file", segments: ["rss.xml"] }],
    [
      "/category/%D8%AA%D9%82%D8%A7%D8%B1%D9%8A%D8%B1/rss.xml",
      { kind: "file", segments: ["category", "تقارير", "rss.xml"] },
    ],
    ["/fr/", { kind: "not-found" }],
    ["/.nashra-manifest.json", { kind: "not-found" }],
  ])("%s", (target, expected) => {
    expect(parseRequestPath(target)).toEqual(expected);
  });

  it.each(["/../x", "/a/%2e%2e/x", "/a%2fb", "/a%5cb", "/a%00", "/a%0a", "//x", "/%zz", "x"])(
    "refuses %s",
    (target) => {
      expect(parseRequestPath(target).kind).toBe("bad-request");
    },
  );
});
