import type { Child } from 'hono/jsx'

type FieldProps = {
  name: string
  label: string
  type?: 'text' | 'email' | 'password'
  value?: string | undefined
  error?: string | undefined
  hint?: Child
  autocomplete?: string
  required?: boolean
  maxlength?: number
  minlength?: number
}

/** A labelled input with its error beside it; aria links the two for screen readers. */
export function Field({
  name,
  label,
  type = 'text',
  value,
  error,
  hint,
  autocomplete,
  required,
  maxlength,
  minlength,
}: FieldProps) {
  const errorId = `${name}-error`
  const hintId = `${name}-hint`
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
  return (
    <div class={`field ${error ? 'field-invalid' : ''}`}>
      <label for={name}>{label}</label>
      <input
        id={name}
        name={name}
        type={type}
        value={type === 'password' ? undefined : value}
        autocomplete={autocomplete}
        required={required}
        maxlength={maxlength}
        minlength={minlength}
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
