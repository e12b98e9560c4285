import { NavLink, Route, Routes } from 'react-router';
import { useViewer } from '../auth/auth-context';
import { NotFoundPage } from '../app/not-found-page';
import { Page } from '../ui/page';
import { AuditSection } from './audit-section';
import { CoachesSection } from './coaches-section';
import { OwnerOnly } from './owner-only';
import { SettingsSection } from './settings-section';
import './practice-page.css';

const TABS = [
  ['', 'Settings'],
  ['coaches', 'Coaches'],
  ['audit', 'Audit trail'],
] as const;

/** The owner's page: the practice's settings, its coaches and its audit trail, one tab each. */
export function PracticePage() {
  const viewer = useViewer();
  if (viewer.role !== 'OWNER') {
    return (
      <Page title="Practice">
        <OwnerOnly />
      </Page>
    );
  }
  return (
    <Page title="Practice" subtitle="Your practice’s settings, its coaches and who did what.">
      <nav className="tabs" aria-label="Practice: sections">
        {TABS.map(([path, label]) => (
          <NavLink key={label} to={path ? `/practice/${path}` : '/practice'} end={!path}>
            {label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<SettingsSection />} />
        <Route path="coaches" element={<CoachesSection />} />
        <Route path="audit" element={<AuditSection />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Page>
  );
}
