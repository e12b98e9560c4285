import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { graphql, type ResultOf } from '../../graphql/graphql';
import { errorField, errorMessage } from '../../ui/errors';
import { TextField } from '../../ui/fields';
import { focusFirstInvalid } from '../../ui/focus';
import { Page } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { EmptyState, ErrorNotice, QueryState, SuccessNotice } from '../../ui/status';
import { SponsorReports } from './sponsor-reports';
import './sponsors-page.css';

const SponsorsQuery = graphql(`
  query Sponsors($includeArchived: Boolean!, $after: String) {
    sponsors(first: 20, after: $after, includeArchived: $includeArchived) {
      edges {
        node {
          id
          organisation
          contactName
          contactEmail
          archivedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CreateSponsorMutation = graphql(`
  mutation CreateSponsor($input: SponsorInput!) {
    createSponsor(input: $input) {
      id
      organisation
      contactName
      contactEmail
      archivedAt
    }
  }
`);

const UpdateSponsorMutation = graphql(`
  mutation UpdateSponsor($id: ID!, $input: UpdateSponsorInput!) {
    updateSponsor(id: $id, input: $input) {
      id
      organisation
      contactName
      contactEmail
      archivedAt
    }
  }
`);

const ArchiveSponsorMutation = graphql(`
  mutation ArchiveSponsor($id: ID!) {
    archiveSponsor(id: $id) {
      id
      archivedAt
    }
  }
`);

type Sponsor = ResultOf<typeof SponsorsQuery>['sponsors']['edges'][number]['node'];
type SponsorFields = { organisation: string; contactName: string; contactEmail: string };
type SponsorErrors = Partial<Record<keyof SponsorFields, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMPTY: SponsorFields = { organisation: '', contactName: '', contactEmail: '' };

export function validateSponsor(fields: SponsorFields): SponsorErrors {
  const errors: SponsorErrors = {};
  if (!fields.organisation.trim()) errors.organisation = 'Enter the organisation’s name.';
  if (!fields.contactName.trim()) errors.contactName = 'Enter who to contact there.';
  if (!fields.contactEmail.trim()) errors.contactEmail = 'Enter the contact’s email address.';
  else if (!EMAIL.test(fields.contactEmail.trim())) errors.contactEmail = 'Enter an email address like name@example.com.';
  return errors;
}

const trimmed = (fields: SponsorFields): SponsorFields => ({
  organisation: fields.organisation.trim(),
  contactName: fields.contactName.trim(),
  contactEmail: fields.contactEmail.trim(),
});

/** Employers who pay for a client's coaching: they get attendance and goal progress, never notes. */
export function SponsorsPage() {
  const [includeArchived, setIncludeArchived] = useState(false);
  const [cursors, setCursors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const context = useMemo(() => ({ additionalTypenames: ['Sponsor'] }), []);
  const [result] = useQuery({ query: SponsorsQuery, variables: { includeArchived, after: cursors.at(-1) ?? null }, context });

  return (
    <Page
      title="Sponsors"
      subtitle="Employers who pay for a client’s coaching. A sponsor sees attendance and goal progress, never notes, summaries or action items."
    >
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      <div className="sponsors-layout">
        <section className="card sponsors-list" aria-labelledby="sponsors-list-title">
          <div className="sponsors-list-header">
            <h2 id="sponsors-list-title">All sponsors</h2>
            <label className="sponsors-checkbox">
              <input
                type="checkbox"
                checked={includeArchived}
                onChange={(event) => {
                  setIncludeArchived(event.target.checked);
                  setCursors([]);
                }}
              />
              Show archived sponsors
            </label>
          </div>
          <QueryState result={result}>
            {(data) =>
              data.sponsors.edges.length === 0 ? (
                <EmptyState title={includeArchived ? 'No sponsors yet' : 'No current sponsors'}>
                  <p>Add the employers who pay for coaching, then choose one when you open an engagement.</p>
                </EmptyState>
              ) : (
                <>
                  <ul className="sponsors-items">
                    {data.sponsors.edges.map(({ node }) => (
                      <SponsorRow key={node.id} sponsor={node} onNotice={setNotice} />
                    ))}
                  </ul>
                  {data.sponsors.pageInfo.hasNextPage || cursors.length > 0 ? (
                    <Pager pageInfo={data.sponsors.pageInfo} cursors={cursors} onChange={setCursors} />
                  ) : null}
                </>
              )
            }
          </QueryState>
        </section>
        <NewSponsorForm onCreated={(sponsor) => setNotice(`${sponsor.organisation} was added.`)} />
      </div>
      <SponsorReports />
    </Page>
  );
}

function fieldErrors(local: SponsorErrors, error: CombinedError | undefined): { errors: SponsorErrors; general: boolean } {
  const field = errorField(error);
  const known = field === 'organisation' || field === 'contactName' || field === 'contactEmail' ? field : undefined;
  const errors = { ...local };
  if (known && !errors[known]) errors[known] = errorMessage(error);
  return { errors, general: Boolean(error) && !known };
}

function SponsorFieldsView({
  fields,
  errors,
  onChange,
}: {
  fields: SponsorFields;
  errors: SponsorErrors;
  onChange: (fields: SponsorFields) => void;
}) {
  const set = (key: keyof SponsorFields) => (event: { target: { value: string } }) => onChange({ ...fields, [key]: event.target.value });
  return (
    <>
      <TextField label="Organisation" required value={fields.organisation} onChange={set('organisation')} error={errors.organisation} />
      <TextField label="Contact name" required value={fields.contactName} onChange={set('contactName')} error={errors.contactName} />
      <TextField
        label="Contact email"
        type="email"
        required
        value={fields.contactEmail}
        onChange={set('contactEmail')}
        error={errors.contactEmail}
      />
    </>
  );
}

function NewSponsorForm({ onCreated }: { onCreated: (sponsor: { organisation: string }) => void }) {
  const [fields, setFields] = useState<SponsorFields>(EMPTY);
  const [local, setLocal] = useState<SponsorErrors>({});
  const [result, create] = useMutation(CreateSponsorMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, general } = fieldErrors(local, result.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validateSponsor(fields);
    setLocal(problems);
    if (Object.keys(problems).length === 0) {
      const response = await create({ input: trimmed(fields) });
      if (response.data) {
        setFields(EMPTY);
        onCreated(response.data.createSponsor);
        return;
      }
    }
    focusFirstInvalid(formRef);
  }

  return (
    <section className="card sponsors-new" aria-labelledby="new-sponsor-title">
      <h2 id="new-sponsor-title">Add a sponsor</h2>
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
        {general ? <ErrorNotice error={result.error} /> : null}
        <SponsorFieldsView fields={fields} errors={errors} onChange={setFields} />
        <div className="form-actions">
          <button type="submit" disabled={result.fetching}>
            {result.fetching ? 'Adding…' : 'Add sponsor'}
          </button>
        </div>
      </form>
    </section>
  );
}

function SponsorRow({ sponsor, onNotice }: { sponsor: Sponsor; onNotice: (message: string) => void }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'archive'>('view');
  const editButton = useRef<HTMLButtonElement>(null);
  const archiveButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<'edit' | 'archive' | null>(null);

  useEffect(() => {
    if (mode !== 'view' || !returnFocus.current) return;
    (returnFocus.current === 'edit' ? editButton : archiveButton).current?.focus();
    returnFocus.current = null;
  }, [mode]);

  const close = (from: 'edit' | 'archive') => {
    returnFocus.current = from;
    setMode('view');
  };

  return (
    <li className={`sponsors-item${sponsor.archivedAt ? ' sponsors-item-archived' : ''}`}>
      {mode === 'edit' ? (
        <EditSponsorForm
          sponsor={sponsor}
          onDone={(message) => {
            onNotice(message);
            close('edit');
          }}
          onCancel={() => close('edit')}
        />
      ) : (
        <>
          <div className="sponsors-item-main">
            <h3>
              {sponsor.organisation} {sponsor.archivedAt ? <span className="badge badge-muted">Archived</span> : null}
            </h3>
            <p className="muted small">
              {sponsor.contactName} · <a href={`mailto:${sponsor.contactEmail}`}>{sponsor.contactEmail}</a>
            </p>
          </div>
          {sponsor.archivedAt ? null : (
            <div className="sponsors-item-actions">
              <button
                ref={editButton}
                type="button"
                className="button-secondary"
                aria-label={`Edit ${sponsor.organisation}`}
                onClick={() => setMode('edit')}
              >
                Edit
              </button>
              <button
                ref={archiveButton}
                type="button"
                className="button-danger"
                aria-label={`Archive ${sponsor.organisation}`}
                aria-expanded={mode === 'archive'}
                onClick={() => setMode('archive')}
              >
                Archive
              </button>
            </div>
          )}
          {mode === 'archive' ? (
            <ArchiveConfirm
              sponsor={sponsor}
              onDone={(message) => {
                onNotice(message);
                setMode('view');
              }}
              onCancel={() => close('archive')}
            />
          ) : null}
        </>
      )}
    </li>
  );
}

function EditSponsorForm({ sponsor, onDone, onCancel }: { sponsor: Sponsor; onDone: (message: string) => void; onCancel: () => void }) {
  const [fields, setFields] = useState<SponsorFields>({
    organisation: sponsor.organisation,
    contactName: sponsor.contactName,
    contactEmail: sponsor.contactEmail,
  });
  const [local, setLocal] = useState<SponsorErrors>({});
  const [result, update] = useMutation(UpdateSponsorMutation);
  const formRef = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const { errors, general } = fieldErrors(local, result.error);

  useEffect(() => {
    formRef.current?.querySelector('input')?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validateSponsor(fields);
    setLocal(problems);
    if (Object.keys(problems).length === 0) {
      const response = await update({ id: sponsor.id, input: trimmed(fields) });
      if (response.data) {
        onDone(`${response.data.updateSponsor.organisation} was saved.`);
        return;
      }
    }
    focusFirstInvalid(formRef);
  }

  return (
    <form
      ref={formRef}
      className="sponsors-edit"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={titleId}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <h3 id={titleId}>Edit {sponsor.organisation}</h3>
      {general ? <ErrorNotice error={result.error} /> : null}
      <SponsorFieldsView fields={fields} errors={errors} onChange={setFields} />
      <div className="form-actions">
        <button type="submit" disabled={result.fetching}>
          {result.fetching ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ArchiveConfirm({ sponsor, onDone, onCancel }: { sponsor: Sponsor; onDone: (message: string) => void; onCancel: () => void }) {
  const [result, archive] = useMutation(ArchiveSponsorMutation);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmButton.current?.focus(), []);

  async function confirm() {
    const response = await archive({ id: sponsor.id });
    if (response.data) onDone(`${sponsor.organisation} was archived.`);
  }

  return (
    <div
      className="sponsors-confirm"
      role="group"
      aria-label={`Archive ${sponsor.organisation}?`}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <p>
        Archive <strong>{sponsor.organisation}</strong>? It leaves this list and the sponsor choice for new engagements; engagements it
        already sponsors keep it, and their reports.
      </p>
      <ErrorNotice error={result.error} />
      <div className="form-actions">
        <button ref={confirmButton} type="button" className="button-danger" disabled={result.fetching} onClick={() => void confirm()}>
          {result.fetching ? 'Archiving…' : 'Archive sponsor'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Keep sponsor
        </button>
      </div>
    </div>
  );
}
