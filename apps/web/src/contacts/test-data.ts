import type { Contact } from './contact-fields';

export const aContact = (overrides: Partial<Contact> = {}) => ({
  __typename: 'NetworkingContact' as const,
  id: 'contact-1',
  name: 'Priya Shah',
  organisation: 'Acme',
  howMet: 'Conference panel',
  lastContactDate: '2026-11-02',
  nextFollowUpDate: '2026-12-01',
  notes: null,
  followUpDue: true,
  ...overrides,
});
