/**
 * Serves the files Hexo would not publish (hello.assets/, outside source/, …) at the URLs the posts use.
 * Each file is checked again when its bytes are read, about the file that was opened: what reaches
 * public/ (or `hexo server`'s response) is what was checked, even if it was swapped after the posts were
 * rendered.
 */
import fs from 'node:fs';
import type { PluginContext } from '../context';
import { postExists } from '../hexo/site_model';
import { openCheckedFile } from '../publish/open_checked_file';
import { refuseAtRead } from './refuse_at_read';

export function publishOutsideImages(ctx: PluginContext) {
  return function publishOutsideImagesGenerator() {
    const routes: { path: string; data: () => Promise<fs.ReadStream | Buffer> }[] = [];
    for (const record of ctx.routes.records()) {
      if (!postExists(ctx.hexo, record._id)) continue;
      for (const route of record.routes) {
        if (!fs.existsSync(route.source)) continue;
        routes.push({ path: route.path, data: () => readChecked(ctx, route.source) });
      }
    }
    return routes;
  };
}

async function readChecked(ctx: PluginContext, source: string): Promise<fs.ReadStream | Buffer> {
  const checked = await openCheckedFile(source, 'plugin', ctx.serveScope());
  switch (checked.kind) {
    case 'refused':
      return refuseAtRead(ctx, source, checked.reason);
    case 'bytes':
      return checked.bytes;
    case 'stream':
      return fs.createReadStream(source, { fd: checked.fd, start: 0 });
  }
}
