// `nashra new "<title>"` as the CLI runs it.
import type { SiteConfig } from "../config/resolve.js";
import { createArticle } from "../new-article.js";
import { type CommandContext, shownPath } from "./context.js";

export async function runNew(
  config: SiteConfig,
  context: CommandContext,
  options: { title: string; lang?: string; slug?: string },
): Promise<number> {
  const result = await createArticle(config, {
    ...options,
    now: context.now(),
    uuid: context.randomUUID(),
  });
  if (!result.ok) {
    context.report.error(`nashra: ${result.message}`);
    return 1;
  }
  context.report.info(
    `nashra: created ${shownPath(context, result.file)}, a draft: write the article, then delete the line "draft: true" to publish it`,
  );
  for (const line of result.content.split("\n")) context.report.detail(`  ${line}`);
  return 0;
}
