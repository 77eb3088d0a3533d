// Names the config and the CLI agree on, in a module light enough for every start to load.

/** The config file a command reads when --config names none, in the folder it runs in. */
export const CONFIG_FILE = "nashra.config.json";

/** The cache folder when the config names none. */
export const DEFAULT_CACHE_DIR = ".nashra-cache";
