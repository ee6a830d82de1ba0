import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key rate limits and cookie-less identities use for a client address. One IPv6 host
 * usually owns a whole /64 and can hop between its addresses at will, so IPv6 is keyed by
 * its /64 prefix; IPv4 (also when mapped into IPv6) by the full address.
 */
export function addressKey(ip: string): string {
  if (isIPv4(ip)) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
