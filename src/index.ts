// The public API of nashra. Everything a library user may import is named here.
export type { Article, ArticleImage, Person } from "./articles/article.js";
export { type BuildOptions, type BuildResult, buildFeeds, buildSite } from "./build.js";
export { main } from "./cli.js";
export { CONFIG_FILE, type ConfigResult, loadConfig, validateConfig } from "./config/load.js";
export type { SiteConfig, SiteLanguage } from "./config/resolve.js";
export type { SiteConfigInput } from "./config/schema.js";
export { parseArabicDate } from "./locale/arabic-dates.js";
export { parseDate } from "./locale/dates.js";
export { directionOf } from "./locale/direction.js";
export { formatRfc822, formatRfc3339 } from "./locale/machine-dates.js";
export { sectionSlug } from "./locale/section-slug.js";
export { loadTimeZone, type TimeZone, tzDataVersion } from "./locale/timezone.js";
export { OutputLockedError } from "./output/lock.js";
export { formatProblem, type Problem, type Severity } from "./problems.js";
export {
  type HubNotification,
  type RebuildReport,
  type SiteWatcher,
  type WatchOptions,
  watchSite,
} from "./watch.js";
export { type NotifyOptions, type NotifyResult, notifyHub } from "./websub/notify.js";
