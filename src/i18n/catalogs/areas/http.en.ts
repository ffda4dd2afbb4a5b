// The words of src/http's own refusals in English (docs/i18n.md). Keys begin with 'http.'.
// They travel as the message of an error (HTTPException, BadFormError) and are said in the
// page's language, or the API's Accept-Language, where src/http/errors.tsx answers. The English
// is exactly what these refusals said before they were translated.
export const enHttp = {
  'http.photoTooLarge': 'What you sent is larger than we accept. Photos can be at most 15 MB.',
  'http.bodyStalled':
    'Your connection stopped sending, so we stopped waiting for it. Check your connection and try again.',
  'http.formUnreadable': 'The form could not be read.',
  'http.tooManyParts': 'The form has more fields or files than it should. Reload the page and send it again.',
  'http.tooManyFields': 'The form has too many fields.',
  'http.uploadInterrupted': 'The upload was interrupted before it was complete. Please send it again.',
} as const
