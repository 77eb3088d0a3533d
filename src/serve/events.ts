// Server-sent events: open preview pages are told when the feeds change, and reload.
import type { ServerResponse } from "node:http";

/** A comment line every so often keeps proxies and browsers from dropping an idle stream. */
const HEARTBEAT_MS = 25_000;

/** The stream's headers; a HEAD request gets them too, without the stream. */
export const EVENT_STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
} as const;

export class ChangeEvents {
  private readonly clients = new Set<ServerResponse>();
  private count = 0;
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => this.send(": heartbeat\n\n"), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Keeps `response` open as an event stream until the client goes. */
  subscribe(response: ServerResponse): void {
    response.writeHead(200, EVENT_STREAM_HEADERS);
    // A browser that loses the stream tries again after this many milliseconds.
    response.write("retry: 1000\n\n");
    this.clients.add(response);
    response.on("close", () => this.clients.delete(response));
  }

  /** Every open page hears `change`; its data is a counter, for logs and tests. */
  announce(): void {
    this.count += 1;
    this.send(`event: change\ndata: ${this.count}\n\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private send(text: string): void {
    for (const client of this.clients) client.write(text);
  }
}
