// Reads a request body up to a byte limit, straight from Node's stream when there is one.
import { InputError } from '../validation.js';
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

/**
 * Hono's c.req.text() (and its bodyLimit middleware) first build a full WHATWG Request around
 * the Node request, which costs more than the rest of a small ingest request: on the hot path
 * the Node stream is read directly.
 */
export async function readBody(c: Context, maxBytes: number): Promise<string> {
  const tooLarge = () => new InputError(413, 'body', `body: larger than the limit of ${maxBytes} bytes`);
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge();
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > maxBytes) throw tooLarge();
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      incoming.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
