import { describe, expect, it } from "vitest";
import { directionOf } from "../../src/locale/direction.js";
import { canonicalLanguageTag, matchSiteLanguage } from "../../src/locale/language.js";

describe("directionOf", () => {
  it.each([
    ["ar", "rtl"],
    ["ar-MA", "rtl"],
    ["AR-ma", "rtl"],
    ["he", "rtl"],
    ["fa-IR", "rtl"],
    ["ur", "rtl"],
    ["fr", "ltr"],
    ["fr-MA", "ltr"],
    ["en", "ltr"],
    ["ber-Latn", "ltr"],
    ["zgh", "ltr"],
    ["ar-Latn", "ltr"],
    ["az-Arab", "rtl"],
  ])("%s is %s", (tag, direction) => {
    expect(directionOf(tag)).toBe(direction);
  });
});

describe("language tags", () => {
  it("canonicalizes casing", () => {
    expect(canonicalLanguageTag("ar-ma")).toBe("ar-MA");
    expect(canonicalLanguageTag("SR-latn-rs")).toBe("sr-Latn-RS");
  });

  it.each([
    ["ar", "ar-MA"],
    ["ar-MA", "ar-MA"],
    ["ar-ma", "ar-MA"],
    ["fr", "fr-MA"],
    ["fr-FR", "fr-MA"],
    ["es", undefined],
  ])("matches an article's %s to the site language %s", (tag, expected) => {
    expect(matchSiteLanguage(tag, ["ar-MA", "fr-MA"])).toBe(expected);
  });
});
