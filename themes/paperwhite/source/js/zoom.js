// Tap to zoom: a post image's link (to its original) opens it in <dialog class="zoom">; focus returns on close.
// Served as is and kept under 1 KB (README: tap or click to zoom); without it the link opens the image.
(() => {
  const dialog = document.querySelector('dialog.zoom');
  if (!dialog?.showModal) return;
  const img = dialog.appendChild(document.createElement('img'));
  let link;
  document.addEventListener('click', (e) => {
    const a = e.target.closest?.('a.zoom');
    if (!a || e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    link = a;
    img.src = a.href;
    img.alt = a.querySelector('img')?.alt ?? '';
    dialog.classList.remove('full');
    dialog.showModal();
  });
  dialog.addEventListener('click', (e) => {
    if (e.target === img) dialog.classList.toggle('full');
    else if (e.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => link?.focus());
})();
