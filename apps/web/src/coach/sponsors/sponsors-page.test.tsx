import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { mockClient, renderPage } from '../../test/render';
import { SponsorsPage } from './sponsors-page';

const acme = {
  __typename: 'Sponsor',
  id: 'sp-1',
  organisation: 'Acme Ltd',
  contactName: 'Ada Acme',
  contactEmail: 'ada@acme.test',
  archivedAt: null,
};
const old = {
  __typename: 'Sponsor',
  id: 'sp-2',
  organisation: 'Oldco',
  contactName: 'Olli Old',
  contactEmail: 'olli@old.test',
  archivedAt: '2026-01-01T00:00:00.000Z',
};

function sponsorsClient(
  respond: (name: string, variables: Record<string, unknown>) => { data?: unknown; error?: unknown } | undefined = () => undefined,
) {
  return mockClient((name, variables) => {
    if (name === 'Sponsors') {
      return {
        data: {
          sponsors: {
            edges: (variables.includeArchived ? [acme, old] : [acme]).map((node) => ({ node })),
            pageInfo: { hasNextPage: !variables.after, endCursor: 'c1' },
          },
        },
      };
    }
    if (name === 'SponsoredEngagements') {
      return {
        data: {
          engagements: {
            edges: [
              {
                node: {
                  __typename: 'Engagement',
                  id: 'e-1',
                  title: 'Leadership',
                  status: 'ACTIVE',
                  client: { __typename: 'Client', id: 'c-1', name: 'Ann Archer' },
                  sponsor: { __typename: 'Sponsor', id: 'sp-1', organisation: 'Acme Ltd' },
                },
              },
              {
                node: {
                  __typename: 'Engagement',
                  id: 'e-2',
                  title: 'Private',
                  status: 'ACTIVE',
                  client: { __typename: 'Client', id: 'c-2', name: 'Bo' },
                  sponsor: null,
                },
              },
            ],
          },
        },
      };
    }
    if (name === 'SponsorReport') {
      return {
        data: {
          sponsorReport: {
            __typename: 'SponsorReport',
            engagementId: 'e-1',
            title: 'Leadership',
            clientName: 'Ann Archer',
            sponsorOrganisation: 'Acme Ltd',
            status: 'ACTIVE',
            phase: 'PLAN',
            startDate: '2026-01-05',
            endDate: null,
            sessionsAllotted: 10,
            sessionsCompleted: 3,
            sessionsNoShow: 1,
            sessionsCancelled: 0,
            sessionsScheduled: 6,
            attendanceRate: 0.75,
            goals: [{ __typename: 'SponsorGoalProgress', title: 'Lead a team', category: 'CAREER', horizon: 'ONE_YEAR', progress: 0.4 }],
          },
        },
      };
    }
    return respond(name, variables);
  });
}

describe('SponsorsPage', { timeout: 20_000 }, () => {
  it('lists current sponsors, archived ones on request, a page at a time', async () => {
    const user = userEvent.setup();
    const client = sponsorsClient();
    renderPage(<SponsorsPage />, { client });
    expect(await screen.findByRole('heading', { level: 3, name: 'Acme Ltd' })).toBeInTheDocument();
    expect(screen.queryByText('Oldco')).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('Show archived sponsors'));
    expect(await screen.findByRole('heading', { level: 3, name: 'Oldco Archived' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Archive Oldco' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(client.operations.filter((o) => o.name === 'Sponsors').map((o) => o.variables)).toEqual([
      { includeArchived: false, after: null },
      { includeArchived: true, after: null },
      { includeArchived: true, after: 'c1' },
    ]);
  });

  it('adds a sponsor, with its problems beside the fields', async () => {
    const user = userEvent.setup();
    let answer: { data?: unknown; error?: unknown } = {
      error: new CombinedError({
        graphQLErrors: [{ message: 'contactEmail must be an email', extensions: { code: 'BAD_USER_INPUT', field: 'input.contactEmail' } }],
      }),
    };
    const client = sponsorsClient((name) => (name === 'CreateSponsor' ? answer : undefined));
    renderPage(<SponsorsPage />, { client });
    const form = within(await screen.findByRole('region', { name: 'Add a sponsor' }));
    await user.click(form.getByRole('button', { name: 'Add sponsor' }));
    expect(form.getByLabelText('Organisation')).toHaveAccessibleDescription('Enter the organisation’s name.');
    await waitFor(() => expect(form.getByLabelText('Organisation')).toHaveFocus());
    await user.type(form.getByLabelText('Organisation'), ' Initech ');
    await user.type(form.getByLabelText('Contact name'), 'Bill');
    await user.type(form.getByLabelText('Contact email'), 'bill@initech.test');
    await user.click(form.getByRole('button', { name: 'Add sponsor' }));
    expect(await form.findByText('contactEmail must be an email')).toHaveClass('field-error');
    answer = { data: { createSponsor: { ...acme, id: 'sp-9', organisation: 'Initech' } } };
    await user.click(form.getByRole('button', { name: 'Add sponsor' }));
    expect(client.operations.filter((o) => o.name === 'CreateSponsor').at(-1)?.variables).toEqual({
      input: { organisation: 'Initech', contactName: 'Bill', contactEmail: 'bill@initech.test' },
    });
    expect(await screen.findByText('Initech was added.')).toBeInTheDocument();
    expect(form.getByLabelText('Organisation')).toHaveValue('');
  });

  it('edits and archives a sponsor after confirming', async () => {
    const user = userEvent.setup();
    const client = sponsorsClient((name, variables) => {
      if (name === 'UpdateSponsor') return { data: { updateSponsor: { ...acme, ...(variables.input as object) } } };
      if (name === 'ArchiveSponsor')
        return { data: { archiveSponsor: { __typename: 'Sponsor', id: 'sp-1', archivedAt: '2026-03-01T00:00:00.000Z' } } };
      return undefined;
    });
    renderPage(<SponsorsPage />, { client });
    await user.click(await screen.findByRole('button', { name: 'Edit Acme Ltd' }));
    const edit = within(screen.getByRole('form', { name: 'Edit Acme Ltd' }));
    expect(edit.getByLabelText('Organisation')).toHaveFocus();
    await user.clear(edit.getByLabelText('Contact name'));
    await user.type(edit.getByLabelText('Contact name'), 'Alan Acme');
    await user.click(edit.getByRole('button', { name: 'Save changes' }));
    expect(client.operations.find((o) => o.name === 'UpdateSponsor')?.variables).toEqual({
      id: 'sp-1',
      input: { organisation: 'Acme Ltd', contactName: 'Alan Acme', contactEmail: 'ada@acme.test' },
    });
    expect(await screen.findByText('Acme Ltd was saved.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit Acme Ltd' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Archive Acme Ltd' }));
    expect(client.operations.some((o) => o.name === 'ArchiveSponsor')).toBe(false);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Archive Acme Ltd?' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Archive Acme Ltd' }));
    await user.click(within(screen.getByRole('group', { name: 'Archive Acme Ltd?' })).getByRole('button', { name: 'Archive sponsor' }));
    expect(client.operations.find((o) => o.name === 'ArchiveSponsor')?.variables).toEqual({ id: 'sp-1' });
    expect(await screen.findByText('Acme Ltd was archived.')).toBeInTheDocument();
  });

  it('shows a sponsored engagement’s report: attendance and goals, nothing private', async () => {
    const user = userEvent.setup();
    renderPage(<SponsorsPage />, { client: sponsorsClient() });
    const select = await screen.findByLabelText('Engagement');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose an engagement…', 'Ann Archer — Leadership (Acme Ltd)']);
    await user.selectOptions(select, 'e-1');
    expect(await screen.findByRole('heading', { level: 3, name: 'Ann Archer: Leadership' })).toBeInTheDocument();
    expect(screen.getByText('75%')).toBeInTheDocument();
    expect(screen.getByText(/Active, plan phase; from 5 Jan 2026\./)).toBeInTheDocument();
    expect(screen.getByText('3 of 10')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Lead a team: 40%' })).toBeInTheDocument();
  });
});
