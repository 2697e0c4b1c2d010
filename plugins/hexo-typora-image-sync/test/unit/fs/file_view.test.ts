import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileView } from '../../../src/fs/file_view';

describe('FileView', () => {
  it('answers exact lookups and finds names that differ only in letter case', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'view-'));
    fs.mkdirSync(path.join(dir, 'Hello', 'Sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'Hello', 'Sub', 'Image.PNG'), 'x');
    fs.symlinkSync(path.join(dir, 'Hello', 'Sub', 'Image.PNG'), path.join(dir, 'link.png'));
    const view = new FileView();
    expect(view.isFile(path.join(dir, 'Hello/Sub/Image.PNG'))).toBe(true);
    expect(view.isFile(path.join(dir, 'hello/sub/image.png'))).toBe(false);
    expect(view.isFile(path.join(dir, 'link.png'))).toBe(true);
    expect(view.isFile(path.join(dir, 'Hello'))).toBe(false);
    expect(view.findOtherCase(path.join(dir, 'hello/sub/image.png'))).toBe(
      path.join(dir, 'Hello/Sub/Image.PNG'),
    );
    expect(view.findOtherCase(path.join(dir, 'Hello/Sub/Image.PNG'))).toBeUndefined();
    expect(view.findOtherCase(path.join(dir, 'hello/sub/other.png'))).toBeUndefined();
    // Cached listings: a file added later is seen only after clear().
    fs.writeFileSync(path.join(dir, 'Hello', 'new.png'), 'x');
    expect(view.isFile(path.join(dir, 'Hello/new.png'))).toBe(false);
    view.clear();
    expect(view.isFile(path.join(dir, 'Hello/new.png'))).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses an ambiguous case match', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'view-'));
    fs.writeFileSync(path.join(dir, 'A.png'), 'x');
    fs.writeFileSync(path.join(dir, 'a.PNG'), 'y');
    expect(new FileView().findOtherCase(path.join(dir, 'a.png'))).toBeUndefined();
    fs.rmSync(dir, { recursive: true });
  });
});
