/**
 * Serialised answers to expensive reads (dashboards, measure series) that many people ask for at once, such as a
 * board opening the organisation dashboard. Any successful change made through this server empties it, so its own
 * writes show at once; an entry also expires after `maxAgeMs`, which bounds how stale it can be after a change made
 * elsewhere (another server process on the same PostgreSQL database, or the command line).
 */
export class ResponseCache {
  readonly #entries = new Map<string, { body: Buffer; at: number }>();

  constructor(private readonly maxAgeMs = 4_000, private readonly maxEntries = 500) {}

  get(key: string): Buffer | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (Date.now() - entry.at > this.maxAgeMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.body;
  }

  set(key: string, body: Buffer) {
    // Oldest first: a Map keeps insertion order.
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { body, at: Date.now() });
  }

  clear() {
    this.#entries.clear();
  }
}
