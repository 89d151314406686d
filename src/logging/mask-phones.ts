// +7 900 123-45-67, 8(900)1234567, 79001234567 …: anything that reads as a Russian phone.
const PHONE = /(?<![\d\w])(?:\+7|8|7)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*(\d{2})(?!\d)/g;

/** Phones never reach logs above DEBUG in full (docs/product.md §2.3): `+7******4567`. */
export function maskPhones(text: string): string {
  return text.replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, '');
    return `+7******${digits.slice(-4)}`;
  });
}
