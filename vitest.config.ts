import { defineConfig } from "vitest/config";

// A zone far from both UTC and Casablanca, so that any hidden use of the machine's local time
// changes an output and fails a test. Set before the workers start, which inherit it.
process.env.TZ = "Pacific/Kiritimati";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
