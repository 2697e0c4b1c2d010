/** A static server for a generated site at "/" on 127.0.0.1 (no compression: bytes as built). */
import fs from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

/** `served` lists each response's path and size, for benches that count what a reader downloads. */
export async function serveDir(dir) {
  const served = [];
  const server = createServer((request, response) => {
    let file = path.join(dir, decodeURIComponent(new URL(request.url, 'http://localhost').pathname));
    if (!file.startsWith(dir)) file = path.join(dir, '404.html');
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const found = fs.existsSync(file);
    response.writeHead(found ? 200 : 404, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    });
    const body = found ? fs.readFileSync(file) : Buffer.from('not found');
    served.push({ path: new URL(request.url, 'http://localhost').pathname, bytes: body.length });
    response.end(body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    served,
    close: () => new Promise((done) => server.close(done)),
  };
}
