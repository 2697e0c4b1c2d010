/* global hexo */

// hexo-generator-feed renders post.content as it is on the site, with root-relative URLs that feed readers
// cannot resolve. Wrap its generator so it sees posts whose content (and excerpt) have absolute URLs.
// Plugins load before theme scripts, so the feed generator is registered by the time this runs.

const { Parser } = require('htmlparser2');
const { absolutizeUrls } = require('../../lib/absolute-urls');

/**
 * `<picture><source …><img src=ORIGINAL …></picture>` (hexo-typora-image-sync's responsive variants) becomes the
 * `<img>` alone: feed readers get one plain image, the full-size original, which absolutizeUrls then makes absolute.
 */
function plainImages(html) {
  if (!html?.includes('<picture')) return html;
  let out = '';
  let at = 0;
  let picture = null;
  const parser = new Parser({
    onopentag(name) {
      if (name === 'picture') picture = { start: parser.startIndex, img: '' };
      else if (name === 'img' && picture && !picture.img)
        picture.img = html.slice(parser.startIndex, parser.endIndex + 1);
    },
    onclosetag(name, isImplied) {
      if (name !== 'picture' || !picture) return;
      // An unclosed <picture> is left as written.
      if (!isImplied && picture.img) {
        out += html.slice(at, picture.start) + picture.img;
        at = parser.endIndex + 1;
      }
      picture = null;
    },
  });
  parser.end(html);
  return out + html.slice(at);
}

const feedTypes = [hexo.config.feed?.type || []].flat();

for (const type of feedTypes) {
  const generateFeed = hexo.extend.generator.get(type);
  if (!generateFeed) continue;
  hexo.extend.generator.register(type, function (locals) {
    const { url } = this.config;
    const absolute = (html) => (html ? absolutizeUrls(plainImages(html), url) : html);
    // Each post is seen through an object that inherits everything (permalink, tags, ...) but the HTML.
    const posts = locals.posts.map((post) =>
      Object.create(post, {
        content: { value: absolute(post.content) },
        excerpt: { value: absolute(post.excerpt) },
      }),
    );
    const FeedQuery = locals.posts.constructor;
    return generateFeed.call(this, { ...locals, posts: new FeedQuery(posts) });
  });
}
