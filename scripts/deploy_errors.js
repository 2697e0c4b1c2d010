/**
 * Hexo glue: when `hexo deploy` (hexo-deployer-git) fails, say what went wrong and what to do next.
 *
 * The deployer runs git with its output on the terminal, then rejects with a bare "Spawn failed" and a stack
 * trace. This wraps the `git` deployer: git's own lines stay as they are, and the error that ends the run
 * names the cause (no commit, repository unreachable, push refused) and the setting to change.
 */

const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const DEPLOYER = 'git';
/** hexo-deployer-git's work folder, relative to the site. */
const DEPLOY_DIR = '.deploy_git';
/** How long to wait for the remote when finding out why the push failed. */
const PROBE_TIMEOUT_MS = 20_000;

const original = hexo.extend.deployer.get(DEPLOYER);
if (original) {
  hexo.extend.deployer.register(DEPLOYER, function deployWithClearErrors(args) {
    return Promise.resolve(Reflect.apply(original, this, [args])).catch(async (error) => {
      throw await explainDeployFailure(this.base_dir, args, error);
    });
  });
}

async function explainDeployFailure(baseDir, args, error) {
  const failedGit = error && error.message === 'Spawn failed';
  const noGit = error && error.code === 'ENOENT';
  if (!failedGit && !noGit) return error;

  const deployDir = path.join(baseDir, DEPLOY_DIR);
  const repos = repositoriesOf(args);
  let reason;
  if (noGit) {
    reason = 'git is not installed or not on PATH. Install git, then run `hexo deploy` again.';
  } else if (!(await hasCommit(deployDir))) {
    reason = [
      `git could not commit the site in ${DEPLOY_DIR}/ (see git's message above).`,
      'If git said "Author identity unknown" or "Please tell me who you are": either run',
      '`git config --global user.name "…"` and `git config --global user.email "…"`, or set `deploy.name`',
      `and \`deploy.email\` in _config.yml and delete the ${DEPLOY_DIR}/ folder (the deployer applies them`,
      'only when it creates that folder). Then deploy again.',
    ].join('\n');
  } else {
    const unreachable = [];
    for (const repo of repos) if (!(await canReach(repo.url, deployDir))) unreachable.push(repo);
    if (unreachable.length > 0) {
      reason = [
        `cannot reach ${unreachable.map((r) => redact(r.url)).join(', ')} (see git's message above).`,
        'Check `deploy.repo` in _config.yml: the URL must name an existing repository you can push to.',
        'For an SSH URL (git@github.com:...) your SSH key must be set up (`ssh -T git@github.com`);',
        'for an https URL, set `deploy.token: $GITHUB_TOKEN` and export a token with write access.',
      ].join('\n');
    } else {
      const where = repos.map((r) => `${redact(r.url)} (branch ${r.branch})`).join(', ');
      reason = [
        `the push to ${where} was refused; git printed the reason above`,
        '(e.g. "pre-receive hook declined", "protected branch", "Permission denied").',
        'hexo-deployer-git force-pushes the whole site: the branch in `deploy.branch` must accept',
        'force pushes from you. Check the repository settings, or set another branch.',
      ].join('\n');
    }
  }
  const clear = new Error(`hexo deploy failed: ${reason}`);
  // hexo prints an error's stack; this one's trace would only point into the deployer.
  clear.stack = clear.message;
  clear.cause = error;
  return clear;
}

/** The repositories and branches the deployer pushed to, as hexo-deployer-git reads them. */
function repositoriesOf(args) {
  try {
    return require('hexo-deployer-git/lib/parse_config')(args);
  } catch {
    return [
      { url: String(args.repo || args.repository || '(deploy.repo is not set)'), branch: args.branch || '' },
    ];
  }
}

function hasCommit(deployDir) {
  if (!fs.existsSync(path.join(deployDir, '.git'))) return Promise.resolve(false);
  return git(['rev-parse', '--verify', '--quiet', 'HEAD'], deployDir);
}

function canReach(url, cwd) {
  return git(['ls-remote', '--heads', url], fs.existsSync(cwd) ? cwd : process.cwd());
}

function git(gitArgs, cwd) {
  // Never ask for a password or a host key here: the deploy already failed, this only finds out why.
  const env = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
  if (!env.GIT_SSH_COMMAND) env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes -o ConnectTimeout=10';
  return new Promise((resolve) => {
    execFile('git', gitArgs, { cwd, env, timeout: PROBE_TIMEOUT_MS }, (err) => resolve(!err));
  });
}

/** Hides the token hexo-deployer-git puts into an https URL (`https://TOKEN@github.com/...`). */
function redact(url) {
  return url.replace(/^((?:git\+)?https?:\/\/)[^@/]+@/i, '$1***@');
}
