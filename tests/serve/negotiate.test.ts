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
    ["*;q=0.5, br;q=0", "identity"],
    ["identity;q=0, *;q=0.2, br;q=0", "gzip"],
    ["deflate", "identity"],
    ["GZIP;Q=1", "gzip"],
  ])("Accept-Encoding %j → %s", (header, expected) => {
    expect(chooseCoding(header)).toBe(expected);
  });
});

describe("isNotModified", () => {
  const validators = {
    etags: ['"abc"', '"abc-gzip"'],
    lastModified: Date.parse("2026-11-29T10:00:00.750Z"),
  };
  it.each([
    ['"abc"', undefined, true],
    ['W/"abc-gzip"', undefined, true],
    ['"x", "abc"', undefined, true],
    ["*", undefined, true],
    ['"abd"', undefined, false],
    // If-None-Match wins over If-Modified-Since, whatever the latter says.
    ['"abd"', "Sun, 29 Nov 2026 10:00:00 GMT", false],
    [undefined, "Sun, 29 Nov 2026 10:00:00 GMT", true],
    [undefined, "Sun, 29 Nov 2026 09:59:59 GMT", false],
    [undefined, "not a date", false],
    [undefined, undefined, false],
  ])("If-None-Match %j, If-Modified-Since %j → %s", (ifNoneMatch, ifModifiedSince, expected) => {
    expect(isNotModified(ifNoneMatch, ifModifiedSince, validators)).toBe(expected);
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
