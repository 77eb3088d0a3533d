import type { z } from "zod";
import type { Problem } from "../problems.js";
import type { YamlSource } from "../source/yaml.js";

/** Zod's issues as problems, each at the line of the key it is about. */
export function zodIssuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  file: string,
  source: Pick<YamlSource, "lineOf">,
  rulePrefix: string,
): Problem[] {
  return issues.map((issue) => {
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
