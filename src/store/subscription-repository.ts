import type { Kysely } from 'kysely';
import type { ConsumeConfirmationResult, SubscriptionRepository } from '../shared/store.js';
import type { SubscriberPreferences } from '../shared/types.js';
import { fromIsoOrNull, fromJson, toCount, toIso, toJson } from './codec.js';
import type { DatabaseSchema } from './schema.js';

export function subscriptionRepository(db: Kysely<DatabaseSchema>): SubscriptionRepository {
  return {
    async claimConfirmationSlot(subscriberId, now, notBefore): Promise<boolean> {
      const result = await db
        .updateTable('subscribers')
        .set({ confirmation_sent_at: toIso(now) })
        .where('id', '=', subscriberId)
        .where((eb) => eb.or([eb('confirmation_sent_at', 'is', null), eb('confirmation_sent_at', '<', toIso(notBefore))]))
        .executeTakeFirst();
      return toCount(result.numUpdatedRows) > 0;
    },

    async releaseConfirmationSlot(subscriberId): Promise<void> {
      await db.updateTable('subscribers').set({ confirmation_sent_at: null }).where('id', '=', subscriberId).execute();
    },

    async createConfirmation(input): Promise<void> {
      await db
        .insertInto('confirmations')
        .values({
          subscriber_id: input.subscriberId,
          token_hash: input.tokenHash,
          preferences: toJson(input.preferences),
          source: input.source,
          request_ip: input.requestIp,
          expires_at: toIso(input.expiresAt),
          used_at: null,
          created_at: toIso(input.now),
        })
        .execute();
    },

    async consumeConfirmation(tokenHash, now): Promise<ConsumeConfirmationResult> {
      const at = toIso(now);
      // The conditional UPDATE is the single-use check: of two clicks racing,
      // exactly one gets the row back.
      const row = await db
        .updateTable('confirmations')
        .set({ used_at: at })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .returning(['subscriber_id', 'preferences', 'source'])
        .executeTakeFirst();
      if (row) {
        // Older links of the same person die with this one.
        await db
          .updateTable('confirmations')
          .set({ used_at: at })
          .where('subscriber_id', '=', row.subscriber_id)
          .where('used_at', 'is', null)
          .execute();
        return {
          ok: true,
          subscriberId: row.subscriber_id,
          preferences: fromJson<SubscriberPreferences>(row.preferences, {}),
          source: row.source,
        };
      }
      const found = await db
        .selectFrom('confirmations')
        .select(['subscriber_id', 'used_at'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!found) return { ok: false, reason: 'unknown', subscriberId: null };
      return { ok: false, reason: found.used_at ? 'used' : 'expired', subscriberId: found.subscriber_id };
    },

    async activate(subscriberId, r): Promise<void> {
      const at = toIso(r.now);
      await db
        .updateTable('subscribers')
        .set({
          status: 'active',
          consent_at: at,
          consent_source: r.source,
          consent_ip: r.ip,
          preferences: toJson(r.preferences),
          confirmation_sent_at: null,
          updated_at: at,
        })
        .where('id', '=', subscriberId)
        .execute();
    },

    async setPreferences(subscriberId, preferences, now): Promise<void> {
      await db
        .updateTable('subscribers')
        .set({ preferences: toJson(preferences), updated_at: toIso(now) })
        .where('id', '=', subscriberId)
        .execute();
    },

    async getConsent(subscriberId) {
      const row = await db
        .selectFrom('subscribers')
        .select(['consent_at', 'consent_source', 'consent_ip'])
        .where('id', '=', subscriberId)
        .executeTakeFirst();
      return row && { at: fromIsoOrNull(row.consent_at), source: row.consent_source, ip: row.consent_ip };
    },

    async isSuppressed(emailHash): Promise<boolean> {
      const row = await db.selectFrom('suppressions').select('email_hash').where('email_hash', '=', emailHash).executeTakeFirst();
      return row !== undefined;
    },

    async unsuppress(emailHash): Promise<void> {
      await db.deleteFrom('suppressions').where('email_hash', '=', emailHash).execute();
    },

    async erase(email, emailHash, now): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const subscriber = await trx.selectFrom('subscribers').select('id').where('email', '=', email).executeTakeFirst();
        if (subscriber) {
          // Explicit rather than trusting ON DELETE CASCADE to be enabled on every connection.
          await trx.deleteFrom('deliveries').where('subscriber_id', '=', subscriber.id).execute();
          await trx.deleteFrom('confirmations').where('subscriber_id', '=', subscriber.id).execute();
          await trx.deleteFrom('subscribers').where('id', '=', subscriber.id).execute();
        }
        await trx
          .insertInto('suppressions')
          .values({ email_hash: emailHash, reason: 'erased', created_at: toIso(now) })
          .onConflict((oc) => oc.column('email_hash').doNothing())
          .execute();
        return subscriber !== undefined;
      });
    },
  };
}

