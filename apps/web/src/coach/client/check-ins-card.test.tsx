import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCoach, mockClient, renderPage } from '../../test/render';
import { CheckInsCard } from './check-ins-card';

describe('the client page: mid-cycle check-ins', () => {
  it('lists the answers, newest first, with the note as text', async () => {
    const client = mockClient((name) =>
      name === 'ClientCheckIns'
        ? {
            data: {
              checkIns: {
                edges: [
                  {
                    node: {
                      id: 'k2',
                      answer: 'NEED_HELP',
                      note: 'The <b>offer</b> fell through',
                      dueDate: '2027-02-24',
                      answeredAt: '2027-02-24T17:30:00.000Z',
                    },
                  },
                  { node: { id: 'k1', answer: 'ON_TRACK', note: null, dueDate: '2026-11-24', answeredAt: '2026-11-25T09:00:00.000Z' } },
                ],
                pageInfo: { hasNextPage: false },
              },
            },
          }
        : undefined,
    );
    renderPage(<CheckInsCard clientId="c1" />, { client, viewer: aCoach() });
    const section = await screen.findByRole('region', { name: 'Mid-cycle check-ins' });
    const items = within(section).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByText(/On track|Need help/).textContent)).toEqual(['Need help', 'On track']);
    expect(within(items[0]).getByText('The <b>offer</b> fell through')).toBeInTheDocument();
    expect(client.operations.find((o) => o.name === 'ClientCheckIns')?.variables).toEqual({ id: 'c1' });
  });

  it('says when there is no answer yet', async () => {
    const client = mockClient((name) =>
      name === 'ClientCheckIns' ? { data: { checkIns: { edges: [], pageInfo: { hasNextPage: false } } } } : undefined,
    );
    renderPage(<CheckInsCard clientId="c1" />, { client, viewer: aCoach() });
    expect(await screen.findByText(/No answers yet/)).toBeInTheDocument();
  });
});
