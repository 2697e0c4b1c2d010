/** `hexo help typora`: the command's description and help text (no code, so that registering it is cheap). */

export const TYPORA_DESCRIPTION = 'Check, sync and watch the images of Typora posts';

export const TYPORA_HELP = {
  usage: '<check|sync|watch> [post ...] [--dry-run] [--prune]',
  desc: [
    'Typora leaves pasted images where it likes (typora-user-images, ~/Desktop, hello.assets/, a shared',
    "  assets/ folder). These commands move the source to where every image lives in its post's asset folder",
    '  (source/_posts/hello/ for hello.md), written as hello/<name>, so that Typora, CI and readers all see it.',
    '  Originals are copied, never moved or deleted; only the image destinations in a post are rewritten.',
  ].join('\n'),
  arguments: [
    {
      name: 'check',
      desc: 'List every image that is missing, outside the asset folder, outside the repository or in the wrong letter case, as file:line: problem — fix. Exit code 1 if any would break the deployed site (for CI).',
    },
    {
      name: 'sync',
      desc: "Copy every referenced file that lives outside the post's asset folder into it and rewrite the reference. A second run changes nothing.",
    },
    {
      name: 'watch',
      desc: 'Sync each post when Typora saves it, until Ctrl+C (`hexo server` does it too with typora.watch: true or HEXO_TYPORA_WATCH=1).',
    },
    {
      name: 'post',
      desc: 'Posts to work on: hello, hello.md or source/_posts/hello.md (all posts when none is given).',
    },
  ],
  options: [
    { name: '--dry-run', desc: 'sync: print the copies and a unified diff of the posts; change nothing.' },
    {
      name: '--prune',
      desc: 'sync: move files in post folders that no post uses to .typora-trash/<time>/ (git-ignored; nothing is deleted).',
    },
  ],
};
