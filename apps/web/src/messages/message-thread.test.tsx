import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../test/render';
import { MessageThread, messageError } from './message-thread';

const messages = [
  {
    id: 'm2',
    body: 'Great news! <script>alert(1)</script>',
    source: 'EMAIL',
    createdAt: '2027-01-03T18:05:00.000Z',
    author: { id: 'user-9', name: 'Ann Able', role: 'CLIENT' },
  },
  { id: 'm1', body: 'How did the interview go?', source: 'WEB', createdAt: '2027-01-03T18:00:00.000Z', author: null },
];

function setUp() {
  const client = mockClient((name) => {
    if (name === 'MessageThread')
      return { data: { messages: { edges: messages.map((node) => ({ node })), pageInfo: { hasNextPage: false, endCursor: null } } } };
    if (name === 'MarkMessagesRead') return { data: { markMessagesRead: { id: 'e1', unreadMessageCount: 0 } } };
    if (name === 'SendMessage')
      return { data: { sendMessage: { id: 'm3', body: 'See you Tuesday', createdAt: '2027-01-03T18:10:00.000Z' } } };
    return undefined;
  });
  renderPage(<MessageThread engagementId="e1" otherSide="Ann Able" />, { client, route: '/clients/c1/messages' });
  return client;
}

describe('messageError', () => {
  it('refuses empty, white-space-only and over-long text', () => {
    expect(messageError('')).toBe('Write a message first.');
    expect(messageError('  \n ')).toBe('Write a message first.');
    expect(messageError('x'.repeat(10_001))).toMatch(/at most 10,000 characters/);
    expect(messageError(' Hello ')).toBeUndefined();
  });
});

describe('MessageThread', () => {
  it('shows the conversation oldest first as text, marks it read and sends an answer', async () => {
    const user = userEvent.setup();
    const client = setUp();
    const items = await screen.findAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('How did the interview go?'),
      expect.stringContaining('Great news! <script>alert(1)</script>'),
    ]);
    expect(document.querySelector('.message-list script')).toBeNull();
    expect(screen.getByText(/by email/)).toBeInTheDocument();
    await waitFor(() => expect(client.operations.some((o) => o.name === 'MarkMessagesRead')).toBe(true));

    await user.click(screen.getByRole('button', { name: 'Send message' }));
    expect(screen.getByText('Write a message first.')).toBeInTheDocument();
    expect(client.operations.some((o) => o.name === 'SendMessage')).toBe(false);
    await user.type(screen.getByLabelText('Message to Ann Able'), '  See you Tuesday ');
    await user.click(screen.getByRole('button', { name: 'Send message' }));
    await waitFor(() =>
      expect(client.operations.find((o) => o.name === 'SendMessage')?.variables).toEqual({
        input: { engagementId: 'e1', body: 'See you Tuesday' },
      }),
    );
  });
});
