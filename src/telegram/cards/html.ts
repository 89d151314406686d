// The catalog (src/texts/) escapes too, and must not import the adapter: the function lives in
// src/common/html.ts. The adapter's files import it from here, as they always have.
export { escapeHtml } from '../../common/html';
