import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * Which hops in front of Masthead are trusted to report the client: none (false), every one
 * (true: only when nothing can reach the server except through the proxy), a number of hops
 * (the last N proxies append to X-Forwarded-For), or a list of addresses and CIDR ranges
 * (e.g. `127.0.0.1, 10.0.0.0/8`; also proxy-addr's names `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxySetting = boolean | number | readonly string[];

/** proxy-addr's question: is the hop at `address`, `hop` steps from the socket (0), trusted? */
export type TrustFunction = (address: string, hop: number) => boolean;

/**
 * The one trust decision, given to Fastify (which then resolves request.ip, .host and
 * .protocol with it) and to the beacon's fast path, so both see the same client.
 * Throws on an address list proxy-addr cannot parse.
 */
export function trustFunction(setting: TrustProxySetting): TrustFunction | undefined {
  if (setting === false || setting === 0) return undefined;
  if (setting === true) return () => true;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyAddr.compile([...setting]);
}

/** The last entry of a header proxies may have appended to, as Fastify reads X-Forwarded-Host and -Proto. */
function lastEntry(value: string): string {
  const i = value.lastIndexOf(',');
  return i === -1 ? value.trim() : value.slice(i + 1).trim();
}

/**
 * Client address, host and protocol of a raw request under `trust`, by the rules Fastify applies
 * to request.ip/.host/.protocol with the same function (test/http/trust-proxy.test.ts holds the
 * two side by side): the address from proxy-addr, host and protocol from X-Forwarded-Host and
 * X-Forwarded-Proto only when the socket's peer is trusted.
 */
export function clientOf(req: IncomingMessage, trust: TrustFunction | undefined): { ip: string | undefined; host: string; protocol: string } {
  const socket = req.socket;
  const direct = 'encrypted' in socket && socket.encrypted ? 'https' : 'http';
  const host = req.headers.host ?? '';
  if (!trust) return { ip: socket.remoteAddress, host, protocol: direct };
  const all = proxyAddr.all(req, trust);
  const peerTrusted = socket.remoteAddress !== undefined && trust(socket.remoteAddress, 0);
  const fHost = req.headers['x-forwarded-host'];
  const fProto = req.headers['x-forwarded-proto'];
  return {
    ip: all[all.length - 1],
    host: peerTrusted && typeof fHost === 'string' && fHost ? lastEntry(fHost) : host,
    protocol: peerTrusted && typeof fProto === 'string' && fProto ? lastEntry(fProto) : direct,
  };
}
