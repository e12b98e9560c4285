import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../test/render';
import { NotFoundPage } from './not-found-page';

describe('NotFoundPage', () => {
  it('names the problem, offers a way back and takes focus for screen readers', () => {
    renderPage(<NotFoundPage />, { client: mockClient(() => undefined) });
    const heading = screen.getByRole('heading', { level: 1, name: 'Page not found' });
    expect(heading).toHaveFocus();
    expect(document.title).toBe('Page not found · Tandem');
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
  });
});
