// Digits with the punctuation people type between them; a "+" only in front, as in "+7".
// \s also matches the non-breaking and thin spaces Telegram clients paste.
const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/u;

/**
 * The one normalization of client phones (docs/product.md §2.1): storage, edits and search all
 * go through it, so a phone typed in any format finds the stored one (§12).
 *
 * `+7XXXXXXXXXX`, `8XXXXXXXXXX`, `7XXXXXXXXXX` with spaces, dashes, dots or brackets, and a
 * bare mobile `9XXXXXXXXX` give `+7XXXXXXXXXX`; anything else gives `null`.
 */
export function normalizePhone(input: string): string | null {
  const text = input.trim();
  if (!PHONE_CHARACTERS.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  // After "+" only the country code 7 is Russian: "+8 900…" is a typo, not a trunk prefix.
  const national = text.startsWith('+') ? afterCountryCode(digits) : nationalDigits(digits);
  return national === null ? null : `+7${national}`;
}

/** Whether a search query is meant as a phone: phone characters only, 10–11 digits. */
export function looksLikePhone(input: string): boolean {
  const text = input.trim();
  if (!PHONE_CHARACTERS.test(text)) return false;
  const digitCount = text.replace(/\D/g, '').length;
  return digitCount >= 10 && digitCount <= 11;
}

/** A stored `+7XXXXXXXXXX` as people write it, «+7 900 123-45-67»; anything else as it is. */
export function formatPhone(phone: string): string {
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
  return match ? `+7 ${match[1]} ${match[2]}-${match[3]}-${match[4]}` : phone;
}

/**
 * `+7******4567`, whatever the input: the shape never changes, so a mask does not reveal
 * how long or how valid the original was (docs/product.md §2.3).
 */
export function maskPhone(phone: string): string {
  return `+7******${phone.replace(/\D/g, '').slice(-4)}`;
}

function afterCountryCode(digits: string): string | null {
  return /^7\d{10}$/.test(digits) ? digits.slice(1) : null;
}

// 8 is the Russian trunk prefix, 7 the country code typed without "+"; a 10-digit number
// is taken as is only when it starts with 9, the mobile range people dictate without a prefix.
function nationalDigits(digits: string): string | null {
  if (/^[78]\d{10}$/.test(digits)) return digits.slice(1);
  if (/^9\d{9}$/.test(digits)) return digits;
  return null;
}
