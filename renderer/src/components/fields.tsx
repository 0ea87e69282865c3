// Form pieces shared by the settings screens: a labelled field with its hint and main's error for
// it, write-only secret inputs, checkboxes with room for a finger, and a form's outcome line.
import { useId, type ReactNode } from 'react';
import { Icon } from './Icon.js';

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: ReactNode;
  /** Main's message for this field; marks the input invalid. */
  error?: string | null;
  /** The unit after the input, e.g. "seconds". */
  unit?: string;
  type?: 'text' | 'number';
  placeholder?: string;
  disabled?: boolean;
  testId?: string;
  className?: string;
}

export function TextField({ label, value, onChange, hint, error, unit, type = 'text', placeholder, disabled, testId, className }: TextFieldProps) {
  const id = useId();
  return (
    <div className={`field stacked ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <span className="input-row">
        <input
          id={id}
          type={type}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          disabled={disabled}
          step={type === 'number' ? 'any' : undefined}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={hint || error ? `${id}-help` : undefined}
          data-testid={testId}
        />
        {unit && <span className="unit">{unit}</span>}
      </span>
      <FieldHelp id={`${id}-help`} hint={hint} error={error} />
    </div>
  );
}

interface SecretFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: ReactNode;
  error?: string | null;
  disabled?: boolean;
  testId?: string;
}

/** Write-only: the value typed here is sent to main and never filled in from anywhere. */
export function SecretField({ label, value, onChange, hint, error, disabled, testId }: SecretFieldProps) {
  const id = useId();
  return (
    <div className="field stacked">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint || error ? `${id}-help` : undefined}
        data-testid={testId}
      />
      <FieldHelp id={`${id}-help`} hint={hint} error={error} />
    </div>
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  hint?: ReactNode;
  error?: string | null;
  disabled?: boolean;
  testId?: string;
}

export function SelectField<T extends string>({ label, value, options, onChange, hint, error, disabled, testId }: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div className="field stacked">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as T)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint || error ? `${id}-help` : undefined}
        data-testid={testId}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldHelp id={`${id}-help`} hint={hint} error={error} />
    </div>
  );
}

interface CheckFieldProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: ReactNode;
  error?: string | null;
  disabled?: boolean;
  testId?: string;
}

export function CheckField({ label, checked, onChange, hint, error, disabled, testId }: CheckFieldProps) {
  const id = useId();
  return (
    <div className="check-field">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint || error ? `${id}-help` : undefined}
        data-testid={testId}
      />
      <label htmlFor={id}>{label}</label>
      <FieldHelp id={`${id}-help`} hint={hint} error={error} />
    </div>
  );
}

function FieldHelp({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | null }) {
  if (!hint && !error) return null;
  return (
    <span id={id} className="field-help">
      {error && (
        <span className="field-error">
          <Icon name="alert-triangle" size={16} /> {error}
        </span>
      )}
      {hint && <span className="hint">{hint}</span>}
    </span>
  );
}

export type Outcome = { kind: 'ok' | 'warning' | 'error'; text: string } | null;

const OUTCOME_ICON = { ok: 'check', warning: 'alert-triangle', error: 'alert-triangle' } as const;

/** A form's result in words next to its buttons; errors are announced at once. */
export function OutcomeLine({ outcome, testId }: { outcome: Outcome; testId?: string }) {
  if (!outcome) return null;
  return (
    <p className={`outcome ${outcome.kind}`} role={outcome.kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <Icon name={OUTCOME_ICON[outcome.kind]} size={18} /> {outcome.text}
    </p>
  );
}

/** Only web addresses become links (an address from elsewhere must not run script). */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
