// One recipient's copy of an edition as the relay would receive it: the
// Handlebars fill plus every header. deliverEdition sends these; the preview
// studio shows them (and `dispatch preview --send-test` mails one), so what a
// person previews is byte for byte what a subscriber gets.
import { buildMessage, domainOf, messageIdFor, type OutgoingMessage } from '../deliver/index.js';
import { messageExtras } from '../deliverability/index.js';
import { personaliseEdition, preferenceKey, type CompiledDigest } from '../render/index.js';
import type { EditionModel, RecipientView, SubscriberPreferences } from '../shared/types.js';
import { recipientView } from './recipient-view.js';
import type { AppContext } from './open-context.js';

export interface CopyRecipient {
  subscriberId: number;
  email: string;
  name: string | null;
  preferences?: SubscriberPreferences;
}

export interface ComposedCopy {
  /** The model after personalisation (what the templates saw). */
  model: EditionModel;
  /** Nothing in this edition matches the recipient's preferences: not sent. */
  empty: boolean;
  recipient: RecipientView & { unsubscribeMailto: string };
  html: string;
  text: string;
  message: OutgoingMessage;
}

/** The reader a preview shows when no subscriber is chosen (id 0 matches nobody). */
export const SAMPLE_RECIPIENT: CopyRecipient = { subscriberId: 0, email: 'reader@example.org', name: null, preferences: {} };

// Personal copies are computed once per distinct preference set per edition
// model, not once per subscriber; the per-recipient work stays one fill.
const personalised = new WeakMap<EditionModel, Map<string, EditionModel | null>>();

/**
 * The edition as one subscriber sees it (only the regions/topics they asked
 * for), or null when nothing is left for them. Sending and previewing both
 * come through here, so they can never disagree about it.
 */
export function personaliseModel(model: EditionModel, preferences: SubscriberPreferences): EditionModel | null {
  let byKey = personalised.get(model);
  if (!byKey) {
    byKey = new Map();
    personalised.set(model, byKey);
  }
  const key = preferenceKey(preferences);
  if (!byKey.has(key)) byKey.set(key, personaliseEdition(model, preferences));
  return byKey.get(key) ?? null;
}

// The same object for every recipient of one personal copy: the renderer
// caches its per-copy work by model identity.
const withId = new WeakMap<EditionModel, EditionModel>();
function withEditionId(model: EditionModel, editionId: number | null): EditionModel {
  if (model.editionId === editionId) return model;
  let out = withId.get(model);
  if (!out || out.editionId !== editionId) {
    out = { ...model, editionId };
    withId.set(model, out);
  }
  return out;
}

export function listIdFor(ctx: Pick<AppContext, 'config'>, digest: string): string {
  const domain = domainOf(ctx.config.sending.from) ?? 'localhost';
  const digestConfig = ctx.config.digests.find((d) => d.name === digest);
  return `${digestConfig?.title ?? digest} <${digest}.${domain}>`;
}

export function composeCopy(
  ctx: Pick<AppContext, 'config' | 'secret'>,
  /** id null: an edition not stored yet (a preview of the next one); it has no archive page. */
  edition: { id: number | null; digest: string; subject: string; model: EditionModel },
  who: CopyRecipient,
  opts: {
    compiled: CompiledDigest;
    date: Date;
    messageId?: string;
    /**
     * 'neutral': footer links to the plain /unsubscribe and /preferences
     * pages, which explain themselves instead of acting for anyone (the
     * public archive). Default 'signed': the reader's own token links.
     */
    /**
     * 'none': the public archive: the copy is rendered for nobody in
     * particular, without a personal line or any footer link (they would lead
     * nowhere without a reader's token); the message keeps neutral headers.
     */
    links?: 'signed' | 'neutral' | 'none';
  },
): ComposedCopy {
  const { config } = ctx;
  const domain = domainOf(config.sending.from) ?? 'localhost';
  const editionId = edition.id ?? 0;
  const signed = recipientView(ctx, { id: editionId }, who);
  const view =
    opts.links === 'neutral' || opts.links === 'none'
      ? {
          ...signed,
          unsubscribeUrl: `${config.env.publicUrl}/unsubscribe`,
          preferencesUrl: `${config.env.publicUrl}/preferences`,
          unsubscribeMailto: `mailto:${config.sending.unsubscribeAddress}`,
        }
      : signed;
  const recipient = edition.id === null || opts.links === 'neutral' || opts.links === 'none' ? { ...view, viewInBrowserUrl: '' } : view;
  const shown = opts.links === 'none' ? { ...recipient, email: '', unsubscribeUrl: '', preferencesUrl: '' } : recipient;
  const personal = personaliseModel(edition.model, who.preferences ?? {});
  // An empty copy is still composed (the preview shows it), but never sent.
  const model = personal ? withEditionId(personal, edition.id) : { ...edition.model, sections: [], topStories: [], itemCount: 0, editionId: edition.id };
  const { html, text, spliced } = opts.compiled.render(model, shown);
  // Feedback-ID header and VERP envelope sender (bounces+<token>@…).
  const extras = messageExtras({ editionId: edition.id, digest: edition.digest, subscriberId: who.subscriberId, bounceAddress: config.sending.bounceAddress, senderId: domain, secret: ctx.secret });
  const built = buildMessage({
    from: config.sending.from,
    to: who.email,
    toName: who.name,
    subject: edition.subject,
    html,
    text,
    listId: listIdFor(ctx, edition.digest),
    unsubscribeHttpUrl: recipient.unsubscribeUrl,
    unsubscribeMailto: recipient.unsubscribeMailto,
    messageId:
      opts.messageId ?? messageIdFor({ editionId, subscriberId: who.subscriberId, domain, salt: ctx.secret }),
    date: opts.date,
    headers: { ...(config.sending.replyTo ? { 'Reply-To': config.sending.replyTo } : {}), ...extras.headers },
    // The copy's shape and this reader's values: the mailer encodes the shape once.
    ...(spliced ? { spliced } : {}),
  });
  const message: OutgoingMessage = extras.envelopeFrom ? { ...built, envelope: { from: extras.envelopeFrom, to: built.envelope.to } } : built;
  return { model, empty: personal === null, recipient, html, text, message };
}

/** The reader of the public archive: no address of anyone (rendered with links: 'none'). */
export const ARCHIVE_READER: CopyRecipient = { subscriberId: 0, email: 'you', name: null, preferences: {} };

/**
 * The edition as a sample reader sees it (the `.html` file `dispatch run`
 * writes next to the outbox): through composeCopy like every other copy.
 */
export function sampleCopyHtml(
  ctx: Pick<AppContext, 'config' | 'secret'>,
  edition: { id: number; digest: string; subject: string; model: EditionModel },
  compiled: CompiledDigest,
  date: Date = new Date(),
): string {
  return composeCopy(ctx, edition, SAMPLE_RECIPIENT, { compiled, date }).html;
}
