// Tap or click to zoom: every post image links to its original (lib/post/zoom-links.js); this script opens the
// link in the page's <dialog class="zoom"> instead. A tap on the picture toggles fit and full size; pinch-zoom is
// the browser's own. Esc, the close button (a <form method="dialog">) or a tap beside the picture closes it, and
// focus returns to the link. Only posts with images load it; without it the link opens the image itself.
(() => {
  const dialog = document.querySelector('dialog.zoom');
  if (!dialog?.showModal) return;
  const img = document.createElement('img');
  let link;
  document.addEventListener('click', (e) => {
    const a = e.target.closest?.('a.zoom');
    if (!a || e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    link = a;
    img.src = a.href;
    img.alt = a.querySelector('img')?.alt ?? '';
    dialog.classList.remove('full');
    dialog.append(img);
    dialog.showModal();
  });
  dialog.addEventListener('click', (e) => {
    if (e.target === img) dialog.classList.toggle('full');
    else if (e.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => link?.focus());
})();
