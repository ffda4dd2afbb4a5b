export type PhotoPreviewProps = {
  image?: { id: string; width: number; height: number } | null
  error?: string | undefined
}

/** The photo area of the brief form; also the fragment htmx swaps in after a preview upload. */
export function PhotoPreview({ image, error }: PhotoPreviewProps) {
  return (
    <div id="photo-preview" class="photo-preview" aria-live="polite">
      {image ? (
        <figure class="photo-figure">
          <img src={`/images/${image.id}/thumb`} alt="Preview of your product" />
          <figcaption class="muted small">
            {image.width}×{image.height} px · metadata removed · ready
          </figcaption>
          <input type="hidden" name="imageId" value={image.id} />
        </figure>
      ) : (
        <div class="photo-empty muted small">
          No photo yet. JPEG, PNG or WebP, up to 15 MB, each side at least 300 px.
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
