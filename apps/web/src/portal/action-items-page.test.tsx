import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aClientViewer, mockClient, renderPage } from '../test/render';
import { ActionItemsPage } from './action-items-page';
import { anActionItem, connection } from './test-data';

describe('ActionItemsPage', () => {
  it('shows open items by default and switches to done ones with the filter', async () => {
    const client = mockClient((name, variables) => {
      if (name !== 'MyActionItems') return undefined;
      if (variables.status === 'OPEN') return { data: { myActionItems: connection([anActionItem({ id: 'o', title: 'Open thing' })]) } };
      if (variables.status === 'DONE')
        return { data: { myActionItems: connection([anActionItem({ id: 'd', title: 'Done thing', status: 'DONE' })], true) } };
      return { data: { myActionItems: connection([]) } };
    });
    renderPage(<ActionItemsPage />, { client, viewer: aClientViewer(), route: '/action-items', path: '/action-items' });
    expect(screen.getByRole('link', { name: 'Open' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('button', { name: 'Mark done: Open thing' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: 'Done' }));
    expect(await screen.findByRole('button', { name: 'Reopen: Done thing' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Done' })).toHaveAttribute('aria-current', 'page');

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    const last = client.operations.filter((o) => o.name === 'MyActionItems').at(-1);
    expect(last?.variables).toMatchObject({ status: 'DONE', after: 'c0' });

    await userEvent.click(screen.getByRole('link', { name: 'Dropped' }));
    expect(await screen.findByText('No dropped items.')).toBeInTheDocument();
  });
});
