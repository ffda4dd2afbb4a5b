// After a render (issue 23) in English (docs/i18n.md): the video page's next steps, the render's
// time left, the share and play buttons, "Email me when it's ready" and its mail. Keys begin with 'nextsteps.'.
export const enNextSteps = {
  'nextsteps.heading': 'Next steps',
  'nextsteps.formatsHint':
    'The same brief in another format: a new screenplay with your captions and shot order, ready to render. This video stays as it is.',
  'nextsteps.makeFormat': 'Make it {aspect}',
  'nextsteps.duplicate': 'Duplicate and edit',
  'nextsteps.change': 'Change and render again',
  'nextsteps.full': 'No room for another screenplay',
  'nextsteps.share': 'Share',
  'nextsteps.play': 'Play video',
  'nextsteps.minutesLeft': 'About {minutes, plural, one {# minute} other {# minutes}} left',
  'nextsteps.underAMinute': 'Less than a minute left',
  'nextsteps.shotFrame': 'Shot {position}, made',
  // The editor after "Make it 1:1" (src/briefs/screenplay-routes.tsx).
  'nextsteps.madeKept':
    'Version {version} is version {from} for {aspect}: your captions and shot order are kept. Render it when you are ready.',
  'nextsteps.madeFresh':
    'Version {version} is a new screenplay for {aspect}: the brief changed since version {from}, so its captions could not be carried over.',
  // The brief form opened by "Duplicate and edit".
  'nextsteps.madeFrom': 'Videos from version {version}:',
  'nextsteps.videoLink': '{aspect} · {seconds} s · {status}',
  'nextsteps.copyOf': 'A copy of “{name}”: change what you like, then save it as a new brief.',
  // The render bar, and the mail it asks for (src/render/ready-mail.ts).
  'nextsteps.notify': 'Email me when it’s ready',
  'nextsteps.mail.readySubject': 'Your video is ready',
  'nextsteps.mail.readyBody': 'Your {aspect} video of {title} is ready to watch and download.',
  'nextsteps.mail.failedSubject': 'Your video could not be made',
  'nextsteps.mail.failedBody':
    'Your {aspect} video of {title} could not be made. Its page says why and what you can do.',
  'nextsteps.mail.action': 'Open the video',
} as const
