import type { ComponentChildren } from 'preact';

/** What one single-line field shows: its name, label and value, and the message if it was refused. */
export interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  /** The message for this field, when what was sent was refused. */
  error?: string | undefined;
  /** The input's id, which the label and the error summary point at; `field-<name>` unless given. */
  id?: string;
  /** The message's id; `error-<name>` unless given. */
  errorId?: string;
  type?: string;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  maxLength?: number;
  autoFocus?: boolean;
  /** Ids of notes elsewhere on the page that also describe the field. */
  describedBy?: string;
  /** A class for the wrapper besides `field`. */
  className?: string;
  /**
   * Where the message stands. `before` the input (GOV.UK's pattern, the newsroom), only when there
   * is one; or always `after` it, hidden while empty, so the reply form's script can fill it in place.
   */
  messagePlacement?: 'before' | 'after';
  /** Further input attributes (`list`, `min`, `inputMode`…). */
  extra?: Record<string, string>;
}

/** A labelled single-line input with its hint and its message: the reply form's and the newsroom's forms' one text field. */
export function TextField(props: TextFieldProps) {
  const { name, error } = props;
  const id = props.id ?? `field-${name}`;
  const errorId = props.errorId ?? `error-${name}`;
  const hintId = `hint-${name}`;
  const after = props.messagePlacement === 'after';
  const describedBy = [props.describedBy, props.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const message = (
    <p class="field-error" id={errorId} hidden={after && !error}>
      {error}
    </p>
  );
  return (
    <div class={['field', props.className, error ? 'has-error' : ''].filter(Boolean).join(' ')}>
      <label for={id}>
        {props.label}
        {props.required && (
          <>
            {' '}
            <span class="required" aria-hidden="true">
              *
            </span>
          </>
        )}
      </label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {!after && error && message}
      <input
        id={id}
        name={name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        aria-required={props.required ? 'true' : undefined}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        autoFocus={props.autoFocus}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        {...(props.extra ?? {})}
      />
      {after && message}
    </div>
  );
}

/** A group of radios or checkboxes under one legend, with the group's message above them when it was refused (the newsroom's pattern). */
export function ChoiceFieldset(props: { name: string; legend: string; error?: string | undefined; children: ComponentChildren }) {
  return (
    <fieldset class={props.error ? 'field has-error' : 'field'} id={`field-${props.name}`}>
      <legend>{props.legend}</legend>
      {props.error && (
        <p class="field-error" id={`error-${props.name}`}>
          {props.error}
        </p>
      )}
      {props.children}
    </fieldset>
  );
}
