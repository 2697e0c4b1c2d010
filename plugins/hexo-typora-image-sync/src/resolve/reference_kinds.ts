/** What a reference's destination says about it, before any file is looked up. */

/** Links to these are attachments: warn when missing. Other links (pages, folders) are left alone. */
export const ATTACHMENT_EXTENSIONS = new Set(
  'png jpg jpeg gif webp avif svg bmp tif tiff ico heic pdf zip gz tgz 7z rar tar mp4 webm mov m4v mp3 m4a ogg wav flac csv xlsx xls docx doc pptx ppt key pages numbers txt json ipynb'.split(
    ' ',
  ),
);
/** Links to these are other documents, never files to publish. */
export const DOCUMENT_EXTENSIONS = new Set(['.md', '.markdown', '.html', '.htm']);
/** Absolute paths that only make sense on the author's computer. */
export const AUTHOR_MACHINE =
  /^\/(?:Users|home|Volumes|mnt|media|private|var\/folders|tmp)\/|typora-user-images/;
