// WebSub (https://www.w3.org/TR/websub/): telling the hub which feeds changed, so that it can
// push them to subscribers at once. A failure is reported and retried, never fatal.

export interface NotifyOptions {
  /** Attempts after the first. */
  retries: number;
  /** Delay before the first retry; it doubles each time. */
  backoffMs?: number;
  /** Milliseconds before one attempt is abandoned. */
  timeoutMs?: number;
  /** Stops waiting and retrying (when the watcher closes); an attempt under way still ends. */
  signal?: AbortSignal;
}

export interface NotifyResult {
  ok: boolean;
  attempts: number;
  /** The last HTTP status, when the hub answered. */
  status?: number;
  /** Why the last attempt failed. */
  error?: string;
}

/** POSTs `hub.mode=publish` with every changed feed URL as `hub.url`, retrying with backoff. */
export async function notifyHub(
  hub: string,
  urls: readonly string[],
  options: NotifyOptions,
): Promise<NotifyResult> {
  const body = new URLSearchParams([
    ["hub.mode", "publish"],
    ...urls.map((url): [string, string] => ["hub.url", url]),
  ]);
  const backoffMs = options.backoffMs ?? 1_000;
  let last: NotifyResult = { ok: false, attempts: 0 };
  const timeout = () => AbortSignal.timeout(options.timeoutMs ?? 10_000);
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await sleep(backoffMs * 2 ** (attempt - 1), options.signal);
    if (options.signal?.aborted) return { ...last, error: "stopped before the hub could be told" };
    last = { ...(await publishOnce(hub, body, timeout())), attempts: attempt + 1 };
    // 4xx other than 408 and 429 will not get better by asking again.
    const retriable =
      last.status === undefined || last.status >= 500 || last.status === 408 || last.status === 429;
    if (last.ok || !retriable) return last;
  }
  return last;
}

async function publishOnce(
  hub: string,
  body: URLSearchParams,
  signal: AbortSignal,
): Promise<Omit<NotifyResult, "attempts">> {
  try {
    const response = await fetch(hub, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
      signal,
    });
    await response.arrayBuffer();
    return response.ok
      ? { ok: true, status: response.status }
      : { ok: false, status: response.status, error: `the hub answered ${response.status}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
