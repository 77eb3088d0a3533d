// The media type of each feed format, in one place: for the links that advertise feeds
// (autodiscovery, the preview page) and for the server that sends them.
export const FEED_MEDIA_TYPES = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
} as const;

export type FeedFormat = keyof typeof FEED_MEDIA_TYPES;
