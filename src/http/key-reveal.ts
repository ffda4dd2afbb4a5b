/**
 * Carries a newly created API key from the POST that made it to the account page the browser
 * is redirected to, so the key is shown exactly once without ever being written to the
 * database or put in a URL. Memory only, keyed by session id, gone after one read or 10 minutes;
 * after a restart the user rotates the key again.
 */
export class KeyReveal {
  private readonly pending = new Map<string, { key: string; expiresAt: number }>()

  constructor(
    private readonly ttlMs = 10 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  put(sessionId: string, key: string): void {
    this.sweep()
    this.pending.set(sessionId, { key, expiresAt: this.now() + this.ttlMs })
  }

  take(sessionId: string): string | undefined {
    const entry = this.pending.get(sessionId)
    this.pending.delete(sessionId)
    return entry && entry.expiresAt > this.now() ? entry.key : undefined
  }

  private sweep(): void {
    const now = this.now()
    for (const [id, entry] of this.pending) if (entry.expiresAt <= now) this.pending.delete(id)
  }
}
