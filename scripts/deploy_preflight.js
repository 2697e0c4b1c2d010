/**
 * Hexo glue: `hexo deploy` (and `hexo generate --deploy`) checks the `deploy:` settings before it builds
 * anything. _config.yml ships with an example repository; without this check, `npm run deploy` built the
 * whole site and only then failed to push to git@github.com:your-name/….
 */

/** The owner in the example `repo:` of _config.yml and the README. */
const EXAMPLE_OWNER = /(?:^|[:/])your-name\//;

const deploy = hexo.extend.console.get('deploy');
if (deploy) {
  hexo.extend.console.register('deploy', deploy.desc, deploy.options, function deployAfterCheck(args) {
    return checkFirst(this.config.deploy, () => Reflect.apply(deploy, this, [args]));
  });
}

const generate = hexo.extend.console.get('generate');
if (generate) {
  hexo.extend.console.register(
    'generate',
    generate.desc,
    generate.options,
    function generateAfterCheck(args) {
      const deploys = args && (args.d || args.deploy);
      const run = () => Reflect.apply(generate, this, [args]);
      return deploys ? checkFirst(this.config.deploy, run) : run();
    },
  );
}

function checkFirst(settings, run) {
  const problem = deployProblem(settings);
  if (!problem) return run();
  const error = new Error(`hexo deploy: ${problem}\nNothing was built or pushed.`);
  // hexo prints an error's stack; this message already says what to do.
  error.stack = error.message;
  return Promise.reject(error);
}

/** What is wrong with the `deploy:` settings, in words that say what to do, or undefined. */
function deployProblem(settings) {
  // Hexo's default is `deploy: {}`, which deploys nothing.
  const items = [settings].flat().filter((item) => item?.type);
  if (items.length === 0) {
    return 'there is no `deploy:` section with a `type:` in _config.yml. Add one (see the README, "npm run deploy"), or publish with GitHub Actions instead.';
  }
  for (const item of items) {
    if (item.type !== 'git') continue;
    const repos = repositoryUrls(item.repo || item.repository);
    if (repos.length === 0) {
      return '`deploy.repo` in _config.yml is empty. Set it to the git repository the site is pushed to, e.g. git@github.com:<you>/<you>.github.io.git.';
    }
    const example = repos.find((url) => EXAMPLE_OWNER.test(url));
    if (example) {
      return [
        `\`deploy.repo\` in _config.yml is still the example, ${example}.`,
        'Replace it with the git repository the site is pushed to (e.g. git@github.com:<you>/<you>.github.io.git),',
        'or publish with GitHub Actions instead and leave `npm run deploy` unused (README, "Publishing").',
      ].join('\n');
    }
  }
  return undefined;
}

/** The URLs in `repo:`, which hexo-deployer-git takes as a string ("url[,branch]"), {url, branch} or a map of those. */
function repositoryUrls(repo) {
  if (!repo) return [];
  if (typeof repo === 'string') return [repo.split(',')[0].trim()].filter(Boolean);
  if (typeof repo !== 'object') return [];
  if ('url' in repo) return repositoryUrls(repo.url);
  return Object.values(repo).flatMap(repositoryUrls);
}
