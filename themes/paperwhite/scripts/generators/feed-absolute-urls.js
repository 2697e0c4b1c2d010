/* global hexo */

// hexo-generator-feed renders post.content as it is on the site, with root-relative URLs that feed readers
// cannot resolve. Wrap its generator so it sees posts whose content (and excerpt) have absolute URLs.
// Plugins load before theme scripts, so the feed generator is registered by the time this runs.

const { absolutizeUrls } = require('../../lib/absolute-urls');

const feedTypes = [hexo.config.feed?.type || []].flat();

for (const type of feedTypes) {
  const generateFeed = hexo.extend.generator.get(type);
  if (!generateFeed) continue;
  hexo.extend.generator.register(type, function (locals) {
    const { url } = this.config;
    const absolute = (html) => (html ? absolutizeUrls(html, url) : html);
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
