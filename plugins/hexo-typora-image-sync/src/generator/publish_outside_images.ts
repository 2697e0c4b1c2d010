/** Serves the files Hexo would not publish (hello.assets/, outside source/, …) at the URLs the posts use. */
import fs from 'node:fs';
import type { PluginContext } from '../context';
import { postExists } from '../hexo/site_model';

export function publishOutsideImages(ctx: PluginContext) {
  return function publishOutsideImagesGenerator() {
    const routes: { path: string; data: () => fs.ReadStream }[] = [];
    for (const record of ctx.routes.records()) {
      if (!postExists(ctx.hexo, record._id)) continue;
      for (const route of record.routes) {
        if (!fs.existsSync(route.source)) continue;
        routes.push({ path: route.path, data: () => fs.createReadStream(route.source) });
      }
    }
    return routes;
  };
}
