import type { Child } from 'hono/jsx'

type FieldProps = {
  name: string
  /** Defaults to the name; set it when two forms on a page have a field of the same name. */
  id?: string
  label: string
  type?: 'text' | 'email' | 'password'
  value?: string | undefined
  error?: string | undefined
  hint?: Child
  autocomplete?: string
  required?: boolean
  maxlength?: number
  minlength?: number
  /** Shows the required mark beside the label (the brief form marks what it needs). */
  marked?: boolean
  /** Focus on load: the field whose error the page was re-rendered to show. */
  autofocus?: boolean | undefined
}

/** A labelled input with its error beside it; aria links the two for screen readers. */
export function Field({
  name,
  id = name,
  label,
  type = 'text',
  value,
  error,
  hint,
  autocomplete,
  required,
  maxlength,
  minlength,
  marked,
  autofocus,
}: FieldProps) {
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
  return (
    <div class={`field ${error ? 'field-invalid' : ''}`}>
      <label for={id}>
        {label}
        {marked && (
          <span class="required-mark" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        value={type === 'password' ? undefined : value}
        autocomplete={autocomplete}
        required={required}
        maxlength={maxlength}
        minlength={minlength}
        autofocus={autofocus}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  )
}

export function FormError({ message }: { message?: string | undefined }) {
  return message ? (
    <div class="notice notice-error" role="alert">
      {message}
    </div>
  ) : null
}
