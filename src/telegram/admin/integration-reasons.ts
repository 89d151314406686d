import type { ApiKeyReason } from '../../api/keys/api-keys.service';
import { integrationTexts } from '../../texts/ru/integrations';
import { reasonText } from '../../texts/ru/reasons';
import type { AdminsOnly } from '../../users/user-reasons';
import type { WebhookReason } from '../../webhooks/webhooks.service';

/** Why a key or a subscription change is refused. */
export type IntegrationReason = ApiKeyReason | WebhookReason | AdminsOnly;

/**
 * The bot's wording of the integration refusals. Kept out of `texts/ru/reasons.ts`: only the
 * bot's `/admin` shows them, and the catalog importing `api/` would close a folder cycle (the
 * API words its problems with that catalog).
 */
export function integrationReasonText(r: IntegrationReason): string {
  switch (r.reason) {
    case 'bad_key_name':
      return integrationTexts.badKeyName;
    case 'bad_key_role':
      return integrationTexts.badKeyRole(r.role);
    case 'key_name_taken':
      return integrationTexts.keyNameTaken(r.name);
    case 'key_not_found':
      return integrationTexts.keyNotFound(r.name);
    case 'bad_webhook_url':
      return integrationTexts.badUrl;
    case 'bad_webhook_secret':
      return integrationTexts.badSecret;
    case 'webhook_url_taken':
      return integrationTexts.urlTaken;
    case 'webhook_url_not_found':
      return integrationTexts.urlNotFound;
    case 'admins_only':
      return reasonText(r);
  }
}
