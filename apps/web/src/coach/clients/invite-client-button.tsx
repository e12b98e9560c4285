/** Placeholder: being built. Invites the client to the portal (inviteClient) and shows the link. */
export function InviteClientButton(_props: { clientId: string; hasLogin: boolean }) {
  return null;
}
