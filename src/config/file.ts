/** The config file a command reads when --config names none, in the folder it runs in. */
export const CONFIG_FILE = "nashra.config.json";
