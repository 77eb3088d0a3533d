// The public API of nashra. Everything a library user may import is named here.
export type { Article, ArticleImage, Person } from "./articles/article.js";
export {
  type BuildOptions,
  type BuildResult,
  type BuildStage,
  buildFeeds,
  buildSite,
} from "./build.js";
export { type CheckResult, checkSite } from "./check.js";
export { type CliIo, main } from "./cli.js";
export { CONFIG_FILE, type ConfigResult, loadConfig, validateConfig } from "./config/load.js";
export type { SiteConfig, SiteLanguage } from "./config/resolve.js";
export type { SiteConfigInput } from "./config/schema.js";
export { parseArabicDate } from "./locale/arabic-dates.js";
export { parseDate } from "./locale/dates.js";
export { directionOf } from "./locale/direction.js";
export { formatArabicDate, formatFrenchDate, formatHumanDate } from "./locale/human-dates.js";
export { formatRfc822, formatRfc3339 } from "./locale/machine-dates.js";
export { sectionSlug } from "./locale/section-slug.js";
export { loadTimeZone, type TimeZone, tzDataVersion } from "./locale/timezone.js";
export { titleSlug } from "./locale/title-slug.js";
export {
  createArticle,
  type NewArticleOptions,
  type NewArticleResult,
} from "./new-article.js";
export { OutputLockedError } from "./output/lock.js";
export { loadPreview } from "./preview/load.js";
export type { Preview, PreviewFeed, PreviewItem } from "./preview/model.js";
export { renderPreviewPage } from "./preview/page.js";
export { formatProblem, type Problem, type Severity } from "./problems.js";
export { DEFAULT_HOST, DEFAULT_PORT } from "./serve/address.js";
export {
  type FeedServer,
  type RequestLogEntry,
  type ServeOptions,
  startServer,
} from "./serve/server.js";
export {
  type HubNotification,
  type RebuildReport,
  type SiteWatcher,
  type WatchOptions,
  watchSite,
} from "./watch.js";
export { type NotifyOptions, type NotifyResult, notifyHub } from "./websub/notify.js";
