// What a compiled module imports, read from its TypeScript source: for the tests of what the
// package needs installed (dependencies.test.ts) and of what a start loads (startup.test.ts).

/**
 * Specifiers of the imports and re-exports a compiled module keeps and loads with itself.
 * `import type …` and `export type …` are erased; with verbatimModuleSyntax every other import
 * stays, even `import { type X } from "…"`.
 */
export function staticSpecifiers(source: string): string[] {
  const specifiers: string[] = [];
  const statement = /^\s*(?:import|export)\s+(type\s+)?(?:[^;"']*?\sfrom\s+)?["']([^"']+)["']/gm;
  for (const match of source.matchAll(statement)) {
    if (match[1] === undefined && match[2] !== undefined) specifiers.push(match[2]);
  }
  return specifiers;
}

/** Modules loaded when first needed: dynamic imports, and packages through createRequire. */
export function lazySpecifiers(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g)) {
    if (match[1] !== undefined) specifiers.push(match[1]);
  }
  return specifiers;
}
