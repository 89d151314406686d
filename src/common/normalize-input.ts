// Zero-width characters, bidi marks and other format characters (\p{Cf}) are invisible: five
// zero-width spaces would pass as a description and show as an empty line. A zero-width
// joiner between two emoji is kept — it is what makes 👨‍👩‍👧 one picture.
const INVISIBLE =
  /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})|(?!\u200D)\p{Cf}/gu;
// Control characters other than a line break and a tab; carriage returns become line breaks.
const CONTROL = /[^\P{Cc}\n\t]/gu;

/**
 * What a person typed, as every validation sees it: NFC (a "й" typed as "и" + breve compares
 * equal to the composed one), invisible and control characters removed, ends trimmed.
 */
export function normalizeInput(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .trim();
}
