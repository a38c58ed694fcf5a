/**
 * Headers covered by the DKIM signature (RFC 6376, relaxed/relaxed,
 * rsa-sha256). Spelled out because RFC 8058 one-click only counts when
 * List-Unsubscribe AND List-Unsubscribe-Post are signed. A listed header the
 * message lacks is left out of h= (so nobody can add it later unnoticed only
 * where it matters: From is always present and always signed).
 */
export const DKIM_SIGNED_HEADERS = [
  'From',
  'To',
  'Subject',
  'Date',
  'Message-ID',
  'MIME-Version',
  'Content-Type',
  'Reply-To',
  'List-Id',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
] as const;
