import type { ComponentChildren } from 'preact';

/** Messages next to fields, by field name, and one for the whole form. */
export interface FormErrors {
  fields: Record<string, string>;
  form?: string;
}

/** No errors. */
export const noErrors: FormErrors = { fields: {} };

/** The list of problems at the top of a form, linking to each field (GOV.UK's error summary). */
export function ErrorSummary(props: { errors: FormErrors; labels?: Record<string, string> }) {
  const entries = Object.entries(props.errors.fields);
  if (!props.errors.form && entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
      <h2>{props.errors.form ?? 'Please correct what is marked below; nothing you typed was lost.'}</h2>
      {entries.length > 0 && (
        <ul>
          {entries.map(([field, message]) => (
            <li>
              <a href={`#field-${field}`}>{props.labels?.[field] ? `${props.labels[field]}: ${message}` : message}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A page heading with an optional action beside it. */
export function PageHeader(props: { title: string; children?: ComponentChildren; lead?: string }) {
  return (
    <header class="page-header">
      <div>
        <h1>{props.title}</h1>
        {props.lead && <p class="lead">{props.lead}</p>}
      </div>
      {props.children && <div class="page-actions">{props.children}</div>}
    </header>
  );
}
