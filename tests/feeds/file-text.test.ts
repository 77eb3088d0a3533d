// Texts in parts: compared without joining, the same answer as joining them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { joinText, sameText } from "../../src/feeds/file-text.js";

/** A text cut at the given places (some of them equal: empty parts). */
const cut = (text: string, places: number[]): string[] => {
  const sorted = places.map((place) => place % (text.length + 1)).sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  for (const place of sorted) {
    parts.push(text.slice(from, place));
    from = place;
  }
  parts.push(text.slice(from));
  return parts;
};

const text = fc.string({ unit: fc.constantFrom("a", "b", "ع", "\n", "😀"), maxLength: 40 });
const places = fc.array(fc.nat(), { maxLength: 6 });

describe("sameText", () => {
  it("says two texts are the same exactly when their joined strings are", () => {
    fc.assert(
      fc.property(text, text, places, places, fc.boolean(), (a, b, cutsA, cutsB, whole) => {
        const left = whole ? a : cut(a, cutsA);
        const right = cut(b, cutsB);
        expect(sameText(left, right)).toBe(a === b);
        expect(sameText(left, cut(a, cutsB))).toBe(true);
        expect(joinText(left)).toBe(a);
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it("passes over a part both texts share without reading it", () => {
    const shared = "x".repeat(1000);
    expect(sameText(["<a>", shared, "</a>"], ["<a>", shared, "</a>"])).toBe(true);
    expect(sameText(["<a>", shared, "</a>"], ["<b>", shared, "</a>"])).toBe(false);
    expect(sameText("", [])).toBe(true);
    expect(sameText(["", "ab", ""], "ab")).toBe(true);
  });
});
