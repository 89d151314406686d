/** User-typed text inside an HTML message: `<`, `>` and `&` would break Telegram's parser. */
export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
