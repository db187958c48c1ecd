// The client's address: the socket's, or X-Forwarded-For's only when the socket is a trusted proxy.
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * trusted lists proxy addresses or CIDR ranges (proxy-addr's syntax, e.g. 'loopback', '10.0.0.0/8').
 * With none, X-Forwarded-For is ignored, since any client can write it.
 */
export function clientIpResolver(trusted: string[]): (request: IncomingMessage) => string | undefined {
  const trust = proxyAddr.compile(trusted);
  return (request) => {
    if (!request.socket.remoteAddress) return undefined;
    return proxyAddr(request, trust);
  };
}
