// Where the feed server listens unless told otherwise: this machine only.
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 4390;
