/** Russian texts of order intake from a group (FEATURES.md §11). */
export const intakeTexts = {
  otherPhones: (phones: string[]) => `Доп. телефоны: ${phones.join(', ')}`,
} as const;
