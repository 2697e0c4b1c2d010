// paperwhite: the only script a post loads up front. Everything here is an enhancement: the page reads fine without it.
(() => {
  const root = document.documentElement;

  // Dark mode toggle. The inline script in <head> already applied a saved choice before first paint.
  const toggle = document.getElementById('theme-toggle');
  if (toggle) {
    const isDark = () =>
      (root.dataset.theme || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')) ===
      'dark';
    const sync = () => toggle.setAttribute('aria-pressed', String(isDark()));
    toggle.onclick = () => {
      const theme = isDark() ? 'light' : 'dark';
      root.dataset.theme = theme;
      try {
        localStorage.setItem('theme', theme);
      } catch {}
      sync();
    };
    sync();
  }

  // The table of contents is a <details>: closed on phones, opened here when it sits beside the text.
  const toc = document.querySelector('.toc');
  if (toc && matchMedia('(min-width: 66rem)').matches) toc.open = true;

  // Copy buttons exist only when there is a script to make them work; their labels come with the page.
  const { copy, copied, copyFailed } = document.body.dataset;
  if (!navigator.clipboard || !copy) return;
  for (const pre of document.querySelectorAll('figure.highlight pre')) {
    const button = document.createElement('button');
    const label = (text) => {
      button.textContent = text;
    };
    button.type = 'button';
    button.className = 'copy';
    label(copy);
    button.onclick = () =>
      navigator.clipboard.writeText(pre.textContent).then(
        () => {
          label(copied);
          setTimeout(label, 1500, copy);
        },
        () => label(copyFailed),
      );
    pre.closest('figure').append(button);
  }
})();
