import type { Child } from 'hono/jsx'

// A colour of one's own, or none (the brief form's two colours, the brand kit's two). A colour
// input always sends some colour, so "none of my own" is a box of its own; static/brief-form.js,
// where it runs, keeps the two and the hex beside them in step.

const hexColour = /^#[0-9A-Fa-f]{6}$/

type ColourFieldProps = {
  name: string
  /** The box that says "no colour of its own". */
  noName: string
  label: string
  /** Its own colour as sent; undefined when it has none. */
  own: string | undefined
  /** What the picker starts on when there is no colour of its own: a colour input always holds one. */
  fallback: string
  /**
   * Said beside the picker when there is no colour of its own (e.g. the brand kit's); left out
   * when it would only repeat the box's words.
   */
  noneText?: string | undefined
  /** The box's words. */
  noneLabel: string
  error?: string | undefined
  autofocus?: boolean
  hint: Child
}

export function ColourField({
  name,
  noName,
  label,
  own,
  fallback,
  noneText,
  noneLabel,
  error,
  autofocus,
  hint,
}: ColourFieldProps) {
  const valid = own !== undefined && hexColour.test(own)
  return (
    <div class={`field ${error ? 'field-invalid' : ''}`}>
      <label for={name}>{label}</label>
      <span class="colour-row">
        <input
          id={name}
          type="color"
          name={name}
          // As sent, even when it is not a colour: the form gives back what it was given.
          value={own ?? fallback}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`${name}-hex ${name}-hint`}
          autofocus={autofocus}
          data-colour
        />
        {/* A value that is not a colour stays in sight beside its message, as it was sent. */}
        <output id={`${name}-hex`} for={name} class="colour-hex" data-colour-hex>
          {own === undefined ? (noneText ?? '') : valid ? own.toUpperCase() : own}
        </output>
        <label class="check-label">
          <input
            type="checkbox"
            name={noName}
            value="yes"
            checked={own === undefined}
            data-no-colour
            data-none-text={noneText ?? ''}
            data-none-colour={fallback}
          />
          {noneLabel}
        </label>
      </span>
      {error && <p class="error">{error}</p>}
      <p class="hint" id={`${name}-hint`}>
        {hint}
      </p>
    </div>
  )
}
