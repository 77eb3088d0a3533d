import type { z } from "zod";
import type { Problem } from "../problems.js";
import type { YamlSource } from "./yaml.js";

type Issue = z.core.$ZodIssue;

/**
 * Zod's issues as problems, each at the line of the key it is about. Parse with
 * `{ reportInput: true }` so that a missing key can be told from a wrong one.
 */
export function zodIssuesToProblems(
  issues: readonly Issue[],
  file: string,
  source: Pick<YamlSource, "lineOf">,
  rulePrefix: string,
): Problem[] {
  return issues.flatMap(closestBranch).map((issue) => {
    const keyPath = issue.path.filter((key): key is string | number => typeof key !== "symbol");
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    return {
      file,
      line: source.lineOf(missing ? keyPath.slice(0, -1) : keyPath),
      field: keyPath.length > 0 ? keyPath.join(".") : "(root)",
      rule: `${rulePrefix}/${missing ? "required" : "invalid"}`,
      severity: "error",
      message: missing ? "is required" : issue.message,
    };
  });
}

/**
 * A union's bare "Invalid input" helps nobody: report instead the issues of the alternative that
 * got furthest into the value (the one whose issues have the deepest path).
 */
function closestBranch(issue: Issue): Issue[] {
  if (
    issue.code !== "invalid_union" ||
    issue.errors.length === 0 ||
    issue.message !== "Invalid input"
  ) {
    return [issue];
  }
  const depth = (branch: readonly Issue[]) => Math.max(...branch.map((inner) => inner.path.length));
  const best = issue.errors.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  return best.flatMap((inner) => closestBranch({ ...inner, path: [...issue.path, ...inner.path] }));
}
