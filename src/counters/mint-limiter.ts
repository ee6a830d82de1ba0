/**
 * How many new reader cookies one address may be handed per window. Without it a script
 * could collect fresh cookies (each one a new "reader") and spend them on one article or
 * reaction; past the limit a cookie-less request still counts, but under its address+agent
 * identity and without a new cookie. Fixed windows; the map of addresses is bounded.
 */
export class MintLimiter {
  private readonly windows = new Map<string, { start: number; issued: number }>();

  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
    private readonly maxAddresses = 100_000,
  ) {}

  /** True (and counted) when the address may receive one more new cookie at `now`. */
  tryMint(address: string, now: number): boolean {
    let w = this.windows.get(address);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.delete(address);
      if (this.windows.size >= this.maxAddresses) {
        // Forgetting the least recently started window can only be generous to one address.
        this.windows.delete(this.windows.keys().next().value as string);
      }
      w = { start: now, issued: 0 };
      this.windows.set(address, w);
    }
    if (w.issued >= this.perWindow) return false;
    w.issued++;
    return true;
  }
}
