/**
 * A tiny static file server for browser tests: serves a generated site on 127.0.0.1 at a random port, under the
 * site's `root` (so "/repo/" sites are served as they will be deployed). Percent-encoded paths are decoded,
 * directories serve index.html, anything else is a 404 with the site's 404.html if there is one.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
};

export interface StaticServer {
  /** Origin plus root, e.g. "http://127.0.0.1:41234/"; resolve page paths against it. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** The file a URL path maps to, or null when it is outside `root` or not decodable. */
export function fileForPath(dir: string, root: string, urlPath: string): string | null {
  if (!urlPath.startsWith(root)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.slice(root.length));
  } catch {
    return null;
  }
  const file = normalize(join(dir, decoded));
  if (file !== dir && !file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return null;
  return urlPath.endsWith('/') ? join(file, 'index.html') : file;
}

async function isFile(path: string | null): Promise<boolean> {
  return path ? (await stat(path).catch(() => null))?.isFile() === true : false;
}

export async function startStaticServer(dir: string, root = '/'): Promise<StaticServer> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    let file = fileForPath(dir, root, path);
    if (file && !(await isFile(file)) && (await isFile(join(file, 'index.html'))))
      file = join(file, 'index.html');
    if (!(await isFile(file))) {
      const notFound = join(dir, '404.html');
      response.writeHead(404, { 'content-type': TYPES['.html'] ?? 'text/html' });
      if (await isFile(notFound)) createReadStream(notFound).pipe(response);
      else response.end('not found');
      return;
    }
    const target = file as string;
    response.writeHead(200, {
      'content-type': TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(target).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + root,
    close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
  };
}
