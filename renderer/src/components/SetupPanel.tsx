// The ASP setup checklist: each step with its how-to and Amazon's guide. The console does three
// steps itself through the setup APIs (inline forms, usable once the setup sign-in is done); the
// others are done in Amazon's consoles and ticked here by hand.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DeskApi, LinkStatus, Result, SetupStep, SetupStepId, SetupView } from '../../../main/ipc/contract.js';
import { describeFieldErrors, type FieldErrors } from '../state/field-errors.js';
import { OutcomeLine, safeHref, TextField, type Outcome } from './fields.js';
import { Icon } from './Icon.js';

interface SetupPanelProps {
  desk: Pick<DeskApi, 'invoke'>;
  /** Changes when main reports something (e.g. sign-in finished): reload. */
  refreshKey: string;
  /** Opens the setup sign-in. */
  onOpenSignIn(): void;
}

export function SetupPanel({ desk, refreshKey, onOpenSignIn }: SetupPanelProps) {
  const [setup, setSetup] = useState<SetupView | null>(null);
  const [link, setLink] = useState<LinkStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const [view, status] = await Promise.all([desk.invoke('getSetup', {}), desk.invoke('getLinkStatus', {})]);
    if (view.ok) setSetup(view.value);
    if (status.ok) setLink(status.value);
    const failed = [view, status].find((r) => !r.ok);
    setLoadError(failed && !failed.ok ? `The setup state could not load: ${failed.error}` : null);
  }, [desk]);
  useEffect(() => void reload(), [reload, refreshKey]);

  if (!setup) {
    return loadError ? <OutcomeLine outcome={{ kind: 'error', text: loadError }} /> : <p className="muted">Loading the checklist…</p>;
  }
  const signedIn = link?.setup.signedIn ?? false;
  const done = setup.steps.filter((s) => s.done).length;
  return (
    <div className="settings-stack" data-testid="setup-panel">
      <div className="form-card">
        <h2>ASP setup checklist</h2>
        <p className="hint">
          What an Alexa Smart Properties account needs before rooms can call the desk. {done} of {setup.steps.length} steps done.
        </p>
        {!signedIn && (
          <div className="callout warn" data-testid="setup-needs-signin">
            <p>
              <Icon name="info" size={18} /> The steps the console does for you use Amazon's setup APIs: sign in for setup first.
            </p>
            <button type="button" className="btn btn-small" onClick={onOpenSignIn}>
              Go to the setup sign-in
            </button>
          </div>
        )}
        {loadError && <OutcomeLine outcome={{ kind: 'error', text: loadError }} />}
      </div>
      <ol className="steps">
        {setup.steps.map((step, index) => (
          <li key={step.id} className={`step form-card ${step.done ? 'done' : ''}`} data-testid="setup-step" data-step-id={step.id} data-done={step.done}>
            <StepHead step={step} index={index} />
            {step.detail && (
              <p className="step-detail">
                <Icon name="check" size={16} /> {step.detail}
              </p>
            )}
            <p className="step-howto">{step.howTo}</p>
            <DocsLink url={step.docsUrl} />
            {step.byApi ? (
              <ApiStep desk={desk} step={step} setup={setup} signedIn={signedIn} reload={reload} />
            ) : (
              <ManualStep desk={desk} step={step} reload={reload} />
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

function StepHead({ step, index }: { step: SetupStep; index: number }) {
  return (
    <div className="step-head">
      <span className="step-no" aria-hidden="true">
        {step.done ? <Icon name="check" size={18} /> : index + 1}
      </span>
      <h3>{step.title}</h3>
      <span className={`tag ${step.done ? 'ok' : ''}`}>{step.done ? 'Done' : 'To do'}</span>
    </div>
  );
}

function DocsLink({ url }: { url: string }) {
  const href = safeHref(url);
  if (!href) return null;
  return (
    <p>
      <a href={href} target="_blank" rel="noopener noreferrer">
        Amazon's guide for this step
      </a>
    </p>
  );
}

function ManualStep({ desk, step, reload }: { desk: Pick<DeskApi, 'invoke'>; step: SetupStep; reload(): Promise<void> }) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  // A step the console saw done (e.g. signed in, linked) cannot be unticked by hand.
  if (step.done && step.detail) return null;
  async function toggle() {
    const result = await desk.invoke('confirmSetupStep', { id: step.id, done: !step.done });
    setOutcome(result.ok ? null : { kind: 'error', text: `Not changed: ${result.error}` });
    await reload();
  }
  return (
    <div className="form-actions">
      <button type="button" className="btn" onClick={() => void toggle()} data-testid="confirm-step">
        {step.done ? 'Mark as not done' : <><Icon name="check" size={18} /> Mark as done</>}
      </button>
      <OutcomeLine outcome={outcome} />
    </div>
  );
}

// ---------------------------------------------------------------- steps the console does itself

interface FieldSpec {
  name: string;
  label: string;
  placeholder?: string;
  hint?: string;
}

interface ApiStepSpec {
  fields: FieldSpec[];
  button: string;
  /** Runs the step with the filled-in fields; resolves to the outcome in words. */
  run(desk: Pick<DeskApi, 'invoke'>, values: Record<string, string>): Promise<Result<string>>;
}

const API_STEPS: Partial<Record<SetupStepId, ApiStepSpec>> = {
  'service-provider': {
    fields: [
      { name: 'logicalId', label: 'Logical id', placeholder: 'grand-hotel-front-desk', hint: 'Unique within your account; letters, digits and dashes.' },
      { name: 'displayName', label: 'Display name', placeholder: 'Grand Hotel front desk' },
    ],
    button: 'Create the service provider',
    run: async (desk, v) => {
      const result = await desk.invoke('createServiceProvider', { logicalId: v.logicalId, displayName: v.displayName });
      return result.ok ? { ok: true, value: `Created. Service provider id: ${result.value.serviceProviderId}` } : result;
    },
  },
  'network-mapping': {
    fields: [{ name: 'skillId', label: 'Skill id', placeholder: 'amzn1.ask.skill.…', hint: 'From the Alexa developer console: the calling skill’s id.' }],
    button: 'Map the skill',
    run: async (desk, v) => {
      const result = await desk.invoke('mapSkill', { skillId: v.skillId });
      return result.ok ? { ok: true, value: `Mapped to ${v.skillId}.` } : result;
    },
  },
  'desk-contact': {
    fields: [
      { name: 'addressBookId', label: 'Address book id', hint: 'The ASP address book the rooms use.' },
      { name: 'name', label: 'Contact name', placeholder: 'Front Desk', hint: 'What guests say: "Alexa, call Front Desk".' },
    ],
    button: 'Add the desk',
    run: async (desk, v) => {
      const result = await desk.invoke('addDeskContact', { addressBookId: v.addressBookId, name: v.name });
      return result.ok ? { ok: true, value: `The desk is in the address book as "${v.name}".` } : result;
    },
  },
};

const SETUP_LABELS: Record<string, string> = Object.fromEntries(
  Object.values(API_STEPS).flatMap((spec) => spec.fields.map((f) => [f.name, f.label])),
);

interface ApiStepProps {
  desk: Pick<DeskApi, 'invoke'>;
  step: SetupStep;
  setup: SetupView;
  signedIn: boolean;
  reload(): Promise<void>;
}

function ApiStep({ desk, step, setup, signedIn, reload }: ApiStepProps) {
  const spec = API_STEPS[step.id];
  const initial = () => Object.fromEntries((spec?.fields ?? []).map((f) => [f.name, f.name === 'skillId' ? (setup.mappedSkillId ?? '') : '']));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [open, setOpen] = useState(!step.done);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [errors, setErrors] = useState<FieldErrors>({ byField: {}, text: '' });
  if (!spec) return null;

  const blocked = !signedIn
    ? 'Sign in for setup first: this step uses Amazon’s setup APIs.'
    : step.id === 'network-mapping' && !setup.serviceProviderId
      ? 'Create the service provider first: the skill is mapped to it.'
      : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!spec || blocked) return;
    const missing = spec.fields.filter((f) => !values[f.name]?.trim()).map((f) => f.label.toLowerCase());
    if (missing.length) return setOutcome({ kind: 'error', text: `Fill in the ${missing.join(' and ')}.` });
    setBusy(true);
    const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]));
    const result = await spec.run(desk, trimmed);
    setBusy(false);
    if (result.ok) {
      setErrors({ byField: {}, text: '' });
      setOutcome({ kind: 'ok', text: result.value });
      setOpen(false);
    } else {
      const described = describeFieldErrors(result.error, { label: (field) => SETUP_LABELS[field] ?? null });
      setErrors(described);
      setOutcome({ kind: 'error', text: `Not done: ${described.text}` });
    }
    await reload();
  }

  if (!open) {
    return (
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="redo-step">
          Change…
        </button>
        <OutcomeLine outcome={outcome} testId="step-outcome" />
      </div>
    );
  }
  return (
    <form className="sub-form" aria-label={step.title} onSubmit={(e) => void submit(e)} data-testid="step-form" noValidate>
      {blocked && (
        <p className="blocked" data-testid="step-blocked">
          <Icon name="info" size={18} /> {blocked}
        </p>
      )}
      <div className="form-grid">
        {spec.fields.map((f) => (
          <TextField
            key={f.name}
            className={spec.fields.length === 1 ? 'wide' : undefined}
            label={f.label}
            value={values[f.name] ?? ''}
            onChange={(value) => setValues({ ...values, [f.name]: value })}
            placeholder={f.placeholder}
            hint={f.hint}
            error={errors.byField[f.name]}
            disabled={!!blocked}
            testId={`step-${f.name}`}
          />
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !!blocked} data-testid="step-submit">
          {busy ? 'Working…' : spec.button}
        </button>
        {step.done && (
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            Keep as it is
          </button>
        )}
        <OutcomeLine outcome={outcome} testId="step-outcome" />
      </div>
    </form>
  );
}
