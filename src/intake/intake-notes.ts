/**
 * What intake writes into a draft's and then the order's notes. These words are stored with
 * the order, not shown by one adapter, so they live with the module that writes them.
 */
export const intakeNotes = {
  otherPhones: (phones: string[]) => `Доп. телефоны: ${phones.join(', ')}`,
  sourceNote: (link: string) => `📥 Из группы приёма: ${link}`,
  messageInGroup: (messageId: number) => `сообщение ${messageId}`,
};
