// Markup for the studio additions of issue 12 (see studio-extras.ts).
import { html } from 'hono/html';
import type { ShownCopy } from './studio-session.js';

export { readableHeaders } from './studio-extras.js';

/** "Send test": the shown copy, once, to one address (like `dispatch preview --send-test`). */
export function sendTestForm(s: ShownCopy): ReturnType<typeof html> {
  return html`<form class="send-test" method="post" action="/send-test" id="send-test">
  <input type="hidden" name="digest" value="${s.digest.name}">
  <input type="hidden" name="edition" value="${s.edition ? String(s.edition.id) : ''}">
  <input type="hidden" name="subscriber" value="${s.recipient.subscriberId > 0 ? String(s.recipient.subscriberId) : ''}">
  <input type="email" name="to" required placeholder="you@example.org" aria-label="Send a test to">
  <button type="submit">Send test</button>
</form>`;
}
