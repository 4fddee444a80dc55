interface Props {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  onValue: (value: string) => void;
  type?: 'text' | 'number' | 'password';
  required?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  step?: number;
  inputMode?: 'numeric' | 'text';
  pattern?: string;
  placeholder?: string;
  autoComplete?: string;
  disabled?: boolean;
}

/** A labelled input whose error sits next to it and is tied to it for screen readers. */
export function Field({ id, label, value, error, hint, onValue, type = 'text', ...input }: Props) {
  // Preact types input attributes per `type`; this component passes only attributes valid for all three.
  const inputType = type as 'text';
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        type={inputType}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onInput={(e) => onValue(e.currentTarget.value)}
        {...input}
      />
      {hint && (
        <p class="muted hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
