import { graphql, type ResultOf } from '../graphql/graphql';

export const ContactFields = graphql(`
  fragment ContactFields on NetworkingContact {
    id
    name
    organisation
    howMet
    lastContactDate
    nextFollowUpDate
    notes
    followUpDue
  }
`);

export type Contact = ResultOf<typeof ContactFields>;

export const CreateContactMutation = graphql(`
  mutation CreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      id
      name
    }
  }
`);

export const UpdateContactMutation = graphql(`
  mutation UpdateContact($id: ID!, $input: UpdateContactInput!) {
    updateContact(id: $id, input: $input) {
      id
      name
    }
  }
`);

export const LogContactMadeMutation = graphql(`
  mutation LogContactMade($id: ID!, $nextFollowUpDate: String) {
    logContactMade(id: $id, nextFollowUpDate: $nextFollowUpDate) {
      id
      lastContactDate
      nextFollowUpDate
    }
  }
`);

export const DeleteContactMutation = graphql(`
  mutation DeleteContact($id: ID!) {
    deleteContact(id: $id)
  }
`);

/** What the form edits: every field as text ('' = none). */
export interface ContactFormValues {
  name: string;
  organisation: string;
  howMet: string;
  lastContactDate: string;
  nextFollowUpDate: string;
  notes: string;
}

export const NAME_MAX = 200;
export const HOW_MET_MAX = 500;
export const NOTES_MAX = 4000;

export function contactFormValues(contact?: Contact): ContactFormValues {
  return {
    name: contact?.name ?? '',
    organisation: contact?.organisation ?? '',
    howMet: contact?.howMet ?? '',
    lastContactDate: contact?.lastContactDate ?? '',
    nextFollowUpDate: contact?.nextFollowUpDate ?? '',
    notes: contact?.notes ?? '',
  };
}

/** The input the API takes: trimmed text, and null for what is left empty (which clears it on an edit). */
export function contactInput(values: ContactFormValues) {
  const orNull = (text: string) => (text.trim() ? text.trim() : null);
  return {
    name: values.name.trim(),
    organisation: orNull(values.organisation),
    howMet: orNull(values.howMet),
    lastContactDate: values.lastContactDate || null,
    nextFollowUpDate: values.nextFollowUpDate || null,
    notes: orNull(values.notes),
  };
}

/** A message beside the field, before anything is sent (the API checks the same). */
export function contactFormErrors(values: ContactFormValues): Partial<Record<keyof ContactFormValues, string>> {
  const errors: Partial<Record<keyof ContactFormValues, string>> = {};
  if (!values.name.trim()) errors.name = 'Enter their name.';
  else if (values.name.trim().length > NAME_MAX) errors.name = `At most ${NAME_MAX} characters.`;
  if (values.organisation.trim().length > NAME_MAX) errors.organisation = `At most ${NAME_MAX} characters.`;
  if (values.howMet.trim().length > HOW_MET_MAX) errors.howMet = `At most ${HOW_MET_MAX} characters.`;
  if (values.notes.trim().length > NOTES_MAX) errors.notes = `At most ${NOTES_MAX} characters.`;
  return errors;
}
