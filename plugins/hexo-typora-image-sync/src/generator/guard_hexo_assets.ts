/**
 * Wraps Hexo's own `asset` generator: the routes of files the build's check refused are dropped (so
 * neither `hexo generate` nor `hexo server` publishes them, and a copy left in public/ by an earlier build
 * is deleted by Hexo), and every other file is checked again when its bytes are read, about the file that
 * was opened (`publish/open_checked_file.ts`): a file swapped for a link after the check is refused too.
 */
import fs from 'node:fs';
import type Hexo from 'hexo';
import type { PluginContext } from '../context';
import { hexoPublishedFiles } from '../hexo/site_model';
import { openCheckedFile } from '../publish/open_checked_file';
import { refuseAtRead } from './refuse_at_read';

type Generator = ReturnType<Hexo['extend']['generator']['get']>;
type Locals = Parameters<Generator>[0];
interface GeneratedRoute {
  path: string;
  data: { modified?: boolean; data: () => unknown };
}

export function guardHexoAssets(ctx: PluginContext, original: Generator) {
  return async function guardedAssetGenerator(this: Hexo, locals: Locals): Promise<GeneratedRoute[]> {
    const produced = await original.call(this, locals);
    const routes = (Array.isArray(produced) ? produced : [produced]) as unknown as GeneratedRoute[];
    const files = new Map(hexoPublishedFiles(ctx.hexo, ctx.index).map((file) => [file.route, file]));
    const kept: GeneratedRoute[] = [];
    for (const route of routes) {
      const formatted = ctx.hexo.route.format(route.path);
      if (ctx.refusedHexoFiles.has(formatted)) continue;
      const file = files.get(formatted);
      if (file === undefined || typeof route.data?.data !== 'function') {
        kept.push(route);
        continue;
      }
      const render = file.rendered ? route.data.data : undefined;
      kept.push({ path: route.path, data: { ...route.data, data: checkedRead(ctx, file.source, render) } });
    }
    return kept;
  };
}

/** Opens and checks the file when Hexo reads it (`refuseAtRead` words a refusal). */
function checkedRead(ctx: PluginContext, source: string, render: (() => unknown) | undefined) {
  return async () => {
    const checked = await openCheckedFile(source, 'hexo', ctx.serveScope());
    if (checked.kind === 'refused') return refuseAtRead(ctx, source, checked.reason);
    if (checked.kind === 'bytes') return checked.bytes;
    if (render) {
      fs.closeSync(checked.fd);
      return render();
    }
    return fs.createReadStream(source, { fd: checked.fd, start: 0 });
  };
}
