/**
 * Counts failed logins per client IP in a sliding window. In memory: the count restarts with the
 * process and is per process.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Returns the seconds until the IP may try again, or 0 when it may try now. */
  retryAfterSeconds(ip: string): number {
    const recent = this.recent(ip);
    if (recent.length < this.maxFailures) return 0;
    const oldest = recent[0] ?? Date.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - Date.now()) / 1000));
  }

  /** Records a failed login. */
  recordFailure(ip: string): void {
    const recent = this.recent(ip);
    recent.push(Date.now());
    this.failures.set(ip, recent);
  }

  /** Forgets the failures of an IP after a successful login. */
  reset(ip: string): void {
    this.failures.delete(ip);
  }

  private recent(ip: string): number[] {
    const cutoff = Date.now() - this.windowMs;
    const recent = (this.failures.get(ip) ?? []).filter((time) => time > cutoff);
    if (recent.length === 0) this.failures.delete(ip);
    return recent;
  }
}
