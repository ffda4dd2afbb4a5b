// A brief's several photos (issue 24) in English: the photo field, the storyboard's picker and the
// API's words about photos. Keys begin with 'photos.'.
export const enPhotos = {
  'photos.problem.missing': `Send the brief’s photos as "photos": ['{' "imageId": … '}'] (uploaded with POST /images).`,
  'photos.problem.notBriefPhoto': 'This image is not one of the brief’s photos.',
  'photos.problem.tooMany': 'A brief holds at most {max} photos: send {max} "image" parts or fewer.',
  'photos.field.drop': 'Choose photos or drop them here',
  'photos.field.hint': 'Up to {max}: the front first, then a detail and the product in use. JPEG, PNG or WebP.',
  'photos.field.count': '{count, plural, one {# photo of {max}} other {# photos of {max}}}',
  'photos.field.full': 'This brief has {max} photos, the most it holds. Remove one to add another.',
  'photos.field.tooMany':
    '{room, plural, =0 {A brief holds at most {max} photos: remove one to add another.} other {A brief holds at most {max} photos, so these were not added: choose {room} or fewer.}}',
  'photos.photo.alt': 'Photo {n}',
  'photos.photo.role': 'Photo {n} shows',
  'photos.photo.earlier': 'Move photo {n} earlier',
  'photos.photo.later': 'Move photo {n} later',
  'photos.photo.remove': 'Remove photo {n}',
  'photos.role.main': 'Main (front)',
  'photos.role.detail': 'Detail',
  'photos.role.in-use': 'In use',
  'photos.role.packaging': 'Packaging',
  'photos.role.scale': 'Size',
  'photos.role.other': 'Other',
  'photos.storyboard.option': 'Photo {n}: {role}',
  'photos.storyboard.pick': 'Photo for shot {n}',
} as const
