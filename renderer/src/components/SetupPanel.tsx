// The ASP setup checklist: each step with its how-to and Amazon's guide. The console does three
// steps itself through the setup APIs (inline forms, usable once the setup sign-in is done); the
// others are done in Amazon's consoles and ticked here by hand.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { DeskApi, LinkStatus, MessageId, Result, SetupStep, SetupStepId, SetupView, Text } from '../../../main/ipc/contract.js';
import { useRefusal, useSay } from '../i18n/DeskIntl.js';
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
  const intl = useIntl();
  const say = useSay();
  const refusal = useRefusal();
  const [setup, setSetup] = useState<SetupView | null>(null);
  const [link, setLink] = useState<LinkStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const [view, status] = await Promise.all([desk.invoke('getSetup', {}), desk.invoke('getLinkStatus', {})]);
    if (view.ok) setSetup(view.value);
    if (status.ok) setLink(status.value);
    const failed = [view, status].find((r) => !r.ok);
    setLoadError(failed && !failed.ok ? intl.formatMessage({ id: 'setup.loadFailed' }, { reason: refusal(failed) }) : null);
  }, [desk, intl, refusal]);
  useEffect(() => void reload(), [reload, refreshKey]);

  if (!setup) {
    return loadError ? (
      <OutcomeLine outcome={{ kind: 'error', text: loadError }} />
    ) : (
      <p className="muted">
        <FormattedMessage id="setup.loading" />
      </p>
    );
  }
  const signedIn = link?.setup.signedIn ?? false;
  const done = setup.steps.filter((s) => s.done).length;
  return (
    <div className="settings-stack" data-testid="setup-panel">
      <div className="form-card">
        <h2>
          <FormattedMessage id="setup.title" />
        </h2>
        <p className="hint">
          <FormattedMessage id="setup.intro" values={{ done, total: setup.steps.length }} />
        </p>
        {!signedIn && (
          <div className="callout warn" data-testid="setup-needs-signin">
            <p>
              <Icon name="info" size={18} /> <FormattedMessage id="setup.needsSignIn" />
            </p>
            <button type="button" className="btn btn-small" onClick={onOpenSignIn}>
              <FormattedMessage id="setup.goToSignIn" />
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
                <Icon name="check" size={16} /> {say(step.detail)}
              </p>
            )}
            <p className="step-howto">{say(step.howTo)}</p>
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
  const say = useSay();
  return (
    <div className="step-head">
      <span className="step-no" aria-hidden="true">
        {step.done ? <Icon name="check" size={18} /> : index + 1}
      </span>
      <h3>{say(step.title)}</h3>
      <span className={`tag ${step.done ? 'ok' : ''}`}>
        <FormattedMessage id={step.done ? 'setup.done' : 'setup.toDo'} />
      </span>
    </div>
  );
}

function DocsLink({ url }: { url: string }) {
  const href = safeHref(url);
  if (!href) return null;
  return (
    <p>
      <a href={href} target="_blank" rel="noopener noreferrer">
        <FormattedMessage id="setup.guide" />
      </a>
    </p>
  );
}

function ManualStep({ desk, step, reload }: { desk: Pick<DeskApi, 'invoke'>; step: SetupStep; reload(): Promise<void> }) {
  const intl = useIntl();
  const refusal = useRefusal();
  const [outcome, setOutcome] = useState<Outcome>(null);
  // A step the console saw done (e.g. signed in, linked) cannot be unticked by hand.
  if (step.done && step.detail) return null;
  async function toggle() {
    const result = await desk.invoke('confirmSetupStep', { id: step.id, done: !step.done });
    setOutcome(result.ok ? null : { kind: 'error', text: intl.formatMessage({ id: 'setup.notChanged' }, { reason: refusal(result) }) });
    await reload();
  }
  return (
    <div className="form-actions">
      <button type="button" className="btn" onClick={() => void toggle()} data-testid="confirm-step">
        {step.done ? (
          <FormattedMessage id="setup.markNotDone" />
        ) : (
          <>
            <Icon name="check" size={18} /> <FormattedMessage id="setup.markDone" />
          </>
        )}
      </button>
      <OutcomeLine outcome={outcome} />
    </div>
  );
}

// ---------------------------------------------------------------- steps the console does itself

interface FieldSpec {
  name: string;
  label: MessageId;
  placeholder?: MessageId;
  /** A placeholder that is an id's shape, the same in every language. */
  example?: string;
  hint?: MessageId;
}

interface ApiStepSpec {
  fields: FieldSpec[];
  button: MessageId;
  /** Runs the step with the filled-in fields; resolves to the outcome in words. */
  run(desk: Pick<DeskApi, 'invoke'>, values: Record<string, string>): Promise<Result<Text>>;
}

const API_STEPS: Partial<Record<SetupStepId, ApiStepSpec>> = {
  'service-provider': {
    fields: [
      { name: 'logicalId', label: 'setup.logicalId', placeholder: 'setup.logicalIdPlaceholder', hint: 'setup.logicalIdHint' },
      { name: 'displayName', label: 'setup.displayName', placeholder: 'setup.displayNamePlaceholder' },
    ],
    button: 'setup.step.serviceProvider',
    run: async (desk, v) => {
      const result = await desk.invoke('createServiceProvider', { logicalId: v.logicalId, displayName: v.displayName });
      return result.ok ? { ok: true, value: { id: 'setup.created', values: { id: result.value.serviceProviderId } } } : result;
    },
  },
  'network-mapping': {
    fields: [{ name: 'skillId', label: 'setup.skillId', example: 'amzn1.ask.skill.…', hint: 'setup.skillIdHint' }],
    button: 'setup.mapSkill',
    run: async (desk, v) => {
      const result = await desk.invoke('mapSkill', { skillId: v.skillId });
      return result.ok ? { ok: true, value: { id: 'setup.detail.skillId', values: { id: v.skillId } } } : result;
    },
  },
  'desk-contact': {
    fields: [
      { name: 'addressBookId', label: 'setup.addressBookId', hint: 'setup.addressBookIdHint' },
      { name: 'name', label: 'setup.contactName', placeholder: 'setup.contactNamePlaceholder', hint: 'setup.contactNameHint' },
    ],
    button: 'setup.addDesk',
    run: async (desk, v) => {
      const result = await desk.invoke('addDeskContact', { addressBookId: v.addressBookId, name: v.name });
      return result.ok ? { ok: true, value: { id: 'setup.added', values: { name: v.name } } } : result;
    },
  },
};

/** Each field's label, by the name main's errors give it. */
function fieldLabel(intl: IntlShape, field: string): string | null {
  for (const spec of Object.values(API_STEPS)) {
    const found = spec.fields.find((f) => f.name === field);
    if (found) return intl.formatMessage({ id: found.label });
  }
  return null;
}

interface ApiStepProps {
  desk: Pick<DeskApi, 'invoke'>;
  step: SetupStep;
  setup: SetupView;
  signedIn: boolean;
  reload(): Promise<void>;
}

function ApiStep({ desk, step, setup, signedIn, reload }: ApiStepProps) {
  const intl = useIntl();
  const say = useSay();
  const spec = API_STEPS[step.id];
  const initial = () => Object.fromEntries((spec?.fields ?? []).map((f) => [f.name, f.name === 'skillId' ? (setup.mappedSkillId ?? '') : '']));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [open, setOpen] = useState(!step.done);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [errors, setErrors] = useState<FieldErrors>({ byField: {}, text: '' });
  if (!spec) return null;

  const blocked: MessageId | null = !signedIn ? 'setup.signInFirst' : step.id === 'network-mapping' && !setup.serviceProviderId ? 'setup.needsProvider' : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!spec || blocked) return;
    const missing = spec.fields.filter((f) => !values[f.name]?.trim());
    if (missing.length) {
      const required = intl.formatMessage({ id: 'setup.required' });
      setErrors({ byField: Object.fromEntries(missing.map((f) => [f.name, required])), text: '' });
      return setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'setup.fillInMarked' }) });
    }
    setBusy(true);
    const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]));
    const result = await spec.run(desk, trimmed);
    setBusy(false);
    if (result.ok) {
      setErrors({ byField: {}, text: '' });
      setOutcome({ kind: 'ok', text: say(result.value) });
      setOpen(false);
    } else {
      // Which field it is about comes from main's English; the words, from its message when it sent one.
      const described = describeFieldErrors(result.error, { label: (field) => fieldLabel(intl, field) });
      const words = result.message ? say(result.message) : described.text;
      setErrors({ byField: result.message ? Object.fromEntries(Object.keys(described.byField).map((field) => [field, words])) : described.byField, text: words });
      setOutcome({ kind: 'error', text: intl.formatMessage({ id: 'setup.notDone' }, { reason: words }) });
    }
    await reload();
  }

  if (!open) {
    return (
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="redo-step">
          <FormattedMessage id="setup.change" />
        </button>
        <OutcomeLine outcome={outcome} testId="step-outcome" />
      </div>
    );
  }
  return (
    <form className="sub-form" aria-label={say(step.title)} onSubmit={(e) => void submit(e)} data-testid="step-form" noValidate>
      {blocked && (
        <p className="blocked" data-testid="step-blocked">
          <Icon name="info" size={18} /> <FormattedMessage id={blocked} />
        </p>
      )}
      <div className="form-grid">
        {spec.fields.map((f) => (
          <TextField
            key={f.name}
            className={spec.fields.length === 1 ? 'wide' : undefined}
            label={intl.formatMessage({ id: f.label })}
            value={values[f.name] ?? ''}
            onChange={(value) => setValues({ ...values, [f.name]: value })}
            placeholder={f.example ?? (f.placeholder && intl.formatMessage({ id: f.placeholder }))}
            hint={f.hint && intl.formatMessage({ id: f.hint })}
            error={errors.byField[f.name]}
            disabled={!!blocked}
            testId={`step-${f.name}`}
          />
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !!blocked} data-testid="step-submit">
          <FormattedMessage id={busy ? 'setup.working' : spec.button} />
        </button>
        {step.done && (
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            <FormattedMessage id="setup.keep" />
          </button>
        )}
        <OutcomeLine outcome={outcome} testId="step-outcome" />
      </div>
    </form>
  );
}
